import type { IngestJob } from '$lib/server/ingest/jobs';
import type { ColumnPreview } from '$lib/server/ingest/preview';

/**
 * The Data page's client of /api/ingest/jobs: upload a file in pieces, preview its columns, start the job and follow
 * it until it is done.
 */
export type { IngestJob, ColumnPreview };

export interface JobChoices {
	kind: 'interactions' | 'customers';
	preset: 'generic' | 'online-retail' | 'cdnow';
	/** field -> column chosen by the person (fields left automatic are not listed) */
	map: Record<string, string>;
	dedupe: 'none' | 'exact';
	/** the amounts' decimal mark; absent: as the file shows */
	decimal?: '.' | ',';
	/** how dates that are not ISO are written (crm ingest --date-format); absent: as the file shows */
	date_format?: string;
}

const FINISHED = new Set(['done', 'failed']);

async function answer<T>(res: Response): Promise<T> {
	if (res.ok) return (await res.json()) as T;
	let message = `${res.status} ${res.statusText}`;
	try {
		const body = (await res.json()) as { message?: string };
		if (body.message) message = body.message;
	} catch {
		/* not JSON */
	}
	throw new Error(message);
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Creates the job and sends the file piece by piece; `onJob` sees the bytes received after every piece. */
export async function uploadFile(file: File, onJob: (job: IngestJob) => void): Promise<IngestJob> {
	const created = await answer<{ job: IngestJob; piece_bytes: number }>(
		await fetch('/api/ingest/jobs', {
			method: 'POST',
			headers: JSON_HEADERS,
			body: JSON.stringify({ upload: { name: file.name, size: file.size } })
		})
	);
	let job = created.job;
	onJob(job);
	let offset = 0;
	while (offset < file.size) {
		const res = await fetch(`/api/ingest/jobs/${job.id}/file?offset=${offset}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/octet-stream' },
			body: file.slice(offset, offset + created.piece_bytes)
		});
		if (res.status === 409) {
			// the server has another amount (a piece that failed half-way was cut off): go on from there
			const body = (await res.json()) as { received?: number; message?: string };
			if (typeof body.received !== 'number') throw new Error(body.message ?? 'the upload was refused');
			offset = body.received;
			continue;
		}
		job = await answer<IngestJob>(res);
		offset = job.bytes?.received ?? file.size;
		onJob(job);
	}
	return job;
}

export async function previewColumns(
	id: string,
	choices: Omit<JobChoices, 'dedupe'>
): Promise<ColumnPreview> {
	const search = new URLSearchParams({ kind: choices.kind, preset: choices.preset });
	for (const [field, column] of Object.entries(choices.map)) search.append('map', `${field}=${column}`);
	return answer<ColumnPreview>(await fetch(`/api/ingest/jobs/${id}/columns?${search}`));
}

export async function startJob(id: string, choices: JobChoices): Promise<IngestJob> {
	return answer<IngestJob>(
		await fetch(`/api/ingest/jobs/${id}/start`, {
			method: 'POST',
			headers: JSON_HEADERS,
			body: JSON.stringify(choices)
		})
	);
}

/** Asks for the job every `intervalMs` until it is done or failed. */
export async function followJob(
	id: string,
	onJob: (job: IngestJob) => void,
	intervalMs = 250
): Promise<IngestJob> {
	for (;;) {
		const job = await answer<IngestJob>(await fetch(`/api/ingest/jobs/${id}`));
		onJob(job);
		if (FINISHED.has(job.phase)) return job;
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

/** Drops an upload that was not started (the person chose another file). */
export async function discardJob(id: string): Promise<void> {
	await fetch(`/api/ingest/jobs/${id}`, { method: 'DELETE' });
}
