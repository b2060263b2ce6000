import { appDb } from './app-db';
import { writeServerFile, type ServerFile } from './db/server-file';
import { IngestJobs } from './ingest/jobs';
import { clearUploads, uploadsDir } from './ingest/uploads';

/**
 * The web server's ingest jobs (one runner on the app's database) and its announcement in `<db>.server.json`,
 * through which `crm ingest` finds the server that owns the database.
 */
let jobs: Promise<IngestJobs> | undefined;
let announced: ServerFile | null = null;
let announcing: Promise<void> | undefined;
let failureLogged = false;
let uploadsCleared = false;

export function appJobs(): Promise<IngestJobs> {
	jobs ??= appDb().then(
		(db) => new IngestJobs(db),
		(e) => {
			jobs = undefined;
			throw e;
		}
	);
	return jobs;
}

/** Where uploads go: `<db file>.uploads/`. */
export async function appUploadsDir(): Promise<string> {
	return uploadsDir((await appDb()).path);
}

/**
 * Opens the app's database (so the server owns it from the start) and writes the server file once; a failure (e.g.
 * another process holds the database) is logged once and tried again on the next call.
 */
export function announceServer(address: { host: string; port: number }): Promise<void> {
	if (announced) return Promise.resolve();
	announcing ??= appDb()
		.then((db) => {
			if (db.path === ':memory:') return;
			// files left by a previous run belong to jobs that no longer exist (cleared once: a retry must not
			// remove this run's uploads)
			if (!uploadsCleared) clearUploads(uploadsDir(db.path));
			uploadsCleared = true;
			announced = writeServerFile(db.path, address);
		})
		.catch((e) => {
			if (!failureLogged) console.error(`crm server: ${e instanceof Error ? e.message : String(e)}`);
			failureLogged = true;
		})
		.finally(() => {
			announcing = undefined;
		});
	return announcing;
}

/** The token `crm ingest` must present (null until the server file is written). */
export function serverToken(): string | null {
	return announced?.token ?? null;
}

/** The server file's database path and token, for removing it at shutdown. */
export function announcement(): ServerFile | null {
	return announced;
}
