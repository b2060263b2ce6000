import type { Database } from '../db';
import { quoteIdent, renderQuery } from './sqltext';

/** One ingested file as the Data page lists it (queries/ingest_history.sql). */
export interface IngestRecord {
	ingest_id: number;
	name: string;
	kind: string;
	preset: string;
	started_at: string;
	finished_at: string;
	rows_read: number;
	rows_loaded: number;
	rows_quarantined: number;
	reasons: Record<string, number>;
}

/** The newest ingests first. */
export async function ingestHistory(db: Database, limit = 100): Promise<IngestRecord[]> {
	const rows = await db.query<Omit<IngestRecord, 'reasons'> & { reasons: string | null }>('ingest_history', {
		limit
	});
	return rows.map((r) => ({ ...r, reasons: parseReasons(r.reasons) }));
}

function parseReasons(text: string | null): Record<string, number> {
	try {
		const parsed: unknown = JSON.parse(text ?? '{}');
		return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
	} catch {
		return {};
	}
}

/** A JSON pointer to one key of an object (RFC 6901: ~ and / escaped). */
function jsonPointer(key: string): string {
	return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Writes the quarantined rows of one ingest to `file` as CSV: line, reason, the file's own columns (their names are
 * data: quoted identifiers, each key's JSON pointer a bound value), and raw_line for rows the reader could not split.
 * Returns the number of rows written, or null when the ingest does not exist or quarantined nothing.
 */
export async function writeRejectedCsv(db: Database, ingestId: number, file: string): Promise<number | null> {
	const info = await db.query<{ keys: string[] | null; rows: number; malformed: number }>(
		'ingest_rejected_columns',
		{ ingest_id: ingestId }
	);
	const { keys, rows, malformed } = info[0] ?? { keys: null, rows: 0, malformed: 0 };
	if (Number(rows) === 0) return null;
	const params: Record<string, unknown> = { ingest_id: ingestId, file };
	const cells = (keys ?? []).map((key, i) => {
		params[`c${i}`] = jsonPointer(key);
		return `,\n\t\tjson_extract_string(raw, $c${i}) AS ${quoteIdent(key)}`;
	});
	if (Number(malformed) > 0) {
		cells.push(",\n\t\tCASE WHEN starts_with(reason, 'malformed row:') THEN raw->>'line' END AS raw_line");
	}
	const written = await db.sql<{ Count: number }>(
		renderQuery('ingest_rejected_export', { cells: cells.join('') }),
		params
	);
	return Number(written[0]?.Count ?? 0);
}
