import { resolve } from 'node:path';
import { loopbackHost, processAlive, readServerFile, type ServerFile } from '../lib/server/db/server-file';
import { IngestError, type IngestOptions, type IngestReport } from '../lib/server/ingest';
import type { IngestJob } from '../lib/server/ingest/jobs';

/**
 * `crm ingest` while the server owns the database: the file is handed to the server (its absolute path, over
 * loopback, with the token of `<db>.server.json`), the server's job runner loads it, and this follows the job.
 */

/**
 * The server named by the database's server file when that server is alive (a file left by a killed server is
 * ignored). A live server that listens on another interface only cannot be reached over loopback: that is an error
 * that says how to start it.
 */
export function liveServer(dbPath: string): (ServerFile & { base: string }) | null {
	const info = readServerFile(dbPath);
	if (!info || !processAlive(info.pid)) return null;
	const host = loopbackHost(info.host);
	if (!host) {
		throw new Error(
			`the database ${dbPath} is open in the server (pid ${info.pid}) listening on ${info.host} only; crm ingest ` +
				'hands files to a server over loopback: start it with HOST=127.0.0.1 (the default of npm start), or stop it'
		);
	}
	return { ...info, base: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}` };
}

async function answer<T>(res: Response, what: string): Promise<T> {
	if (res.ok) return (await res.json()) as T;
	let message = `${res.status} ${res.statusText}`;
	try {
		message = ((await res.json()) as { message?: string }).message ?? message;
	} catch {
		/* not JSON */
	}
	throw new IngestError(`${what}: ${message}`);
}

async function request(url: string, init: RequestInit, server: ServerFile): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (e) {
		const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e);
		throw new Error(
			`the server that owns the database (pid ${server.pid}, port ${server.port}) does not answer (${cause}). ` +
				'Stop it, or wait until it has started'
		);
	}
}

/** Loads `file` through the server; `onJob` sees the job at every poll. Resolves with the same report as a local ingest. */
export async function ingestViaServer(
	server: ServerFile & { base: string },
	file: string,
	options: IngestOptions,
	onJob: (job: IngestJob) => void,
	pollMs = 200
): Promise<IngestReport> {
	const body = {
		path: resolve(file),
		options: {
			kind: options.kind,
			preset: options.preset,
			map: options.map ?? {},
			dedupe: options.dedupe,
			refresh: !options.noRefresh,
			decimal: options.decimal,
			thousands: options.thousands,
			date_format: options.dateFormat,
			min_date: options.minDate
		}
	};
	const created = await request(
		`${server.base}/api/ingest/jobs`,
		{
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
			body: JSON.stringify(body)
		},
		server
	);
	let job = await answer<IngestJob>(created, 'the server refused the file');
	for (;;) {
		onJob(job);
		if (job.phase === 'done' && job.report) return { ...job.report, file };
		if (job.phase === 'failed') throw new IngestError(job.error ?? 'the server could not load the file');
		await new Promise((r) => setTimeout(r, pollMs));
		const res = await request(`${server.base}/api/ingest/jobs/${job.id}`, {}, server);
		job = await answer<IngestJob>(res, 'the server lost the job');
	}
}
