import type { Command } from 'commander';
import { Database, DatabaseInUseError } from '../lib/server/db';
import { ingestFile, type IngestOptions, type IngestReport } from '../lib/server/ingest';
import { seconds, type StatusLine } from './progress';
import { ingestViaServer, liveServer } from './server-ingest';
import { dbPathOf } from './util';

/** Where one file's ingest is, for the progress line. */
export interface IngestState {
	phase: string;
	percent: number | null;
	rows: number | null;
	/** When the ingest began (Date.now()), so that the elapsed time moves between updates. */
	since: number;
	ahead?: number | null;
}

export type LoadFile = (
	file: string,
	options: IngestOptions,
	show: (state: IngestState) => void
) => Promise<IngestReport>;

/**
 * Opens the database and loads files into it; when the database is locked by a running server that announced
 * itself in <db>.server.json, hands the files to that server instead (its job runner loads them, this follows).
 * Either way a file gives the same report.
 */
export async function withDbOrServer(
	cmd: Command,
	progress: StatusLine,
	fn: (load: LoadFile) => Promise<void>
): Promise<void> {
	let db: Database;
	try {
		db = await Database.open({ path: dbPathOf(cmd) });
	} catch (e) {
		const server = e instanceof DatabaseInUseError ? liveServer(e.path) : null;
		if (!server) throw e;
		progress.print(
			`crm ingest: the server at ${server.base} (pid ${server.pid}) has the database open; it loads the files`
		);
		return fn((file, options, show) =>
			ingestViaServer(server, file, options, (job) =>
				show({
					phase: job.phase,
					percent: job.percent,
					rows: job.rows,
					since: Date.now() - job.elapsed_ms,
					ahead: job.ahead
				})
			)
		);
	}
	try {
		await fn((file, options, show) => {
			const state: IngestState = { phase: 'reading', percent: null, rows: null, since: Date.now() };
			const update = (change: Partial<IngestState>) => show(Object.assign(state, change));
			return ingestFile(db, file, {
				...options,
				onPhase: (phase, p) => update({ phase, percent: null, rows: p?.rows ?? state.rows }),
				onProgress: (percent) => update({ percent })
			});
		});
	} finally {
		db.close();
	}
}

/** "file: reading · 45% · 1,234 rows · 2.1 s" */
export function ingestStatus(file: string, s: IngestState): string {
	const parts = [s.phase];
	if (s.percent !== null) parts.push(`${s.percent.toFixed(0)}%`);
	if (s.rows !== null) parts.push(`${s.rows.toLocaleString('en')} rows`);
	if (s.ahead) parts.push(`${s.ahead} ahead`);
	parts.push(seconds(Date.now() - s.since));
	return `${file}: ${parts.join(' · ')}`;
}
