import { createWriteStream, mkdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { IngestError } from './types';

/**
 * Files uploaded through the Data page, kept in `<db file>.uploads/<job id>/<file name>` until their ingest ends.
 * The browser sends a file in pieces of at most UPLOAD_CHUNK_BYTES (adapter-node refuses request bodies over
 * BODY_SIZE_LIMIT, 512 KiB by default), and each piece is streamed to the end of the file: the server never holds
 * more than a stream buffer of it in memory.
 */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

/** The largest file accepted: CRM_UPLOAD_LIMIT_MB (MiB), default 4096 (4 GiB). */
export function uploadLimitBytes(): number {
	const mb = Number(process.env.CRM_UPLOAD_LIMIT_MB ?? 4096);
	return (Number.isFinite(mb) && mb > 0 ? mb : 4096) * 1024 * 1024;
}

export function uploadsDir(dbPath: string): string {
	return `${dbPath}.uploads`;
}

/** Empties the uploads folder: on start, files of a previous run belong to jobs that no longer exist. */
export function clearUploads(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}

/**
 * A file name safe to keep on disk that still says what the file is (it is the name past ingests show): letters,
 * digits, spaces and a few marks; no folder, no leading dot; the extension kept (the reader picks the format from
 * it: .csv.gz, .parquet, .ndjson).
 */
export function safeFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	const cleaned = base
		.normalize('NFC')
		.replace(/[^\p{L}\p{M}\p{N} ._()+,-]+/gu, '_')
		.replace(/^[.\s]+/, '')
		.trim();
	const short = cleaned.length > 120 ? cleaned.slice(cleaned.length - 120) : cleaned;
	return short || 'upload.csv';
}

/** Creates the empty file of an upload and returns its path. */
export function createUploadFile(dir: string, id: string, name: string): string {
	const folder = join(dir, id);
	mkdirSync(folder, { recursive: true, mode: 0o700 });
	const path = join(folder, safeFileName(name));
	writeFileSync(path, '', { mode: 0o600 });
	return path;
}

export function removeUploadFile(dir: string, id: string): void {
	rmSync(join(dir, id), { recursive: true, force: true });
}

/** A piece sent for the wrong place (the client resumes from `received`). */
export class UploadOffsetError extends IngestError {
	constructor(readonly received: number) {
		super(`the upload has ${received} bytes; send the piece that starts there`);
	}
}

/**
 * Appends one piece of an upload at `offset` (which must be the file's current size) from a request body stream.
 * More than `total` bytes in all, or more than UPLOAD_CHUNK_BYTES in this piece, fails; a failed piece is cut off
 * again, so the file keeps only whole pieces. Returns the bytes received so far.
 */
export async function appendPiece(
	path: string,
	offset: number,
	total: number,
	body: ReadableStream<Uint8Array> | null
): Promise<number> {
	const size = statSync(path).size;
	if (offset !== size) throw new UploadOffsetError(size);
	if (!body) return size;
	let piece = 0;
	const limit = new Transform({
		transform(chunk: Buffer, _enc, done) {
			piece += chunk.length;
			if (piece > UPLOAD_CHUNK_BYTES)
				return done(new IngestError(`a piece is at most ${UPLOAD_CHUNK_BYTES} bytes`));
			if (offset + piece > total) {
				return done(new IngestError(`the file is larger than the ${total} bytes announced`));
			}
			done(null, chunk);
		}
	});
	try {
		await pipeline(
			Readable.fromWeb(body as WebReadableStream<Uint8Array>),
			limit,
			createWriteStream(path, { flags: 'a' })
		);
	} catch (e) {
		truncateSync(path, offset);
		throw e;
	}
	return offset + piece;
}
