import { error, json } from '@sveltejs/kit';
import type { z } from 'zod';
import { appDb } from '../app-db';
import { ARROW_STREAM, rowColumns, rowsToArrowIPC } from './arrow';
import { checkDates, checkPeriods, checkTextLengths } from './bounds';
import { dotted, issueText } from '../issues';

/**
 * Validates a request's query string against a zod schema, then the shared bounds (api/bounds.ts: no value longer
 * than MAX_TEXT, every date a calendar date within the data's range plus a margin, at most MAX_PERIODS periods); a
 * bad parameter is a 400 with a
 * message that names the parameter, never a stack trace.
 */
export async function parseQuery<S extends z.ZodType>(
	url: URL,
	schema: S,
	{ maxPeriods }: { maxPeriods?: number } = {}
): Promise<z.infer<S>> {
	const raw: Record<string, string | string[]> = {};
	for (const key of new Set(url.searchParams.keys())) {
		const all = url.searchParams.getAll(key);
		raw[key] = all.length > 1 ? all : all[0]!;
	}
	checkTextLengths(raw);
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		error(400, `bad parameter: ${issueText(parsed.error, dotted('query'))}`);
	}
	const db = await appDb();
	await checkDates(db, raw);
	await checkPeriods(db, parsed.data as Record<string, unknown>, maxPeriods);
	return parsed.data;
}

/**
 * Rows as JSON the way the client's `Wire<Row>` describes them: every row has every row's columns (null where a row
 * leaves one out, as in the Arrow answer), 64-bit integers as numbers, dates as ISO text (Date's toJSON).
 */
export function jsonRows(rows: readonly object[]): Record<string, unknown>[] {
	const names = rowColumns(rows);
	return rows.map((row) => {
		const out: Record<string, unknown> = {};
		for (const name of names) {
			const v = (row as Record<string, unknown>)[name];
			out[name] = typeof v === 'bigint' ? Number(v) : (v ?? null);
		}
		return out;
	});
}

/**
 * Rows as an Arrow IPC stream (default) or JSON with ?format=json (what the dashboard's client asks for). `Row` is
 * the server function's declared row type and the columns are the rows' own keys (api/arrow.ts rowColumns): a column
 * added to the SQL and the type reaches both answers, with no list beside the endpoint to forget it in.
 */
export function rowsResponse<Row extends object>(url: URL, rows: readonly Row[]): Response {
	if (url.searchParams.get('format') === 'json') {
		return json(jsonRows(rows), { headers: { 'cache-control': 'no-store' } });
	}
	const body = rowsToArrowIPC(rows);
	return new Response(body as unknown as BodyInit, {
		headers: { 'content-type': ARROW_STREAM, 'cache-control': 'no-store' }
	});
}
