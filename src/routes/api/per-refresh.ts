import type { Database } from '$lib/server/db';

/**
 * Answers of the read-only metric endpoints, kept until the data changes. Every table these endpoints read is
 * rewritten only by an ingest or a refresh step, and each of those leaves a trace in a small state table (the
 * refresh time and as-of date in metrics_state / period_state, a new model fit, a new ingest, the settings, the
 * segment definitions): the data version below combines them, so a cached answer is never served for data newer
 * than it. Identical requests that arrive together share one query.
 */
const VERSION_SQL = `SELECT concat_ws(' | ',
	(SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM metrics_state),
	(SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM period_state),
	(SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM settings),
	(SELECT count(*) || '/' || coalesce(max(fit_id), 0) FROM model_fits),
	(SELECT count(*) || '/' || coalesce(max(ingest_id), 0) FROM ingests),
	(SELECT md5(coalesce(string_agg(concat_ws(',', key, name_en, name_vi, priority, r_min, r_max, f_min, f_max,
		m_min, m_max), ';' ORDER BY key), '')) FROM rfm_segments)
) AS version`;

/** At most this many answers are kept (the oldest goes first); a page's default view needs about five. */
const MAX_ENTRIES = 300;

interface Entry {
	version: string;
	value: Promise<unknown>;
	settled: boolean;
}
const entries = new Map<string, Entry>();

const versionInFlight = new Map<Database, Promise<string>>();

/**
 * The data version: changes whenever an ingest or a refresh step has written. Callers that ask while a version query
 * is running share its answer (a page's load requests its endpoints together); a later caller queries again.
 */
export function dataVersion(db: Database): Promise<string> {
	let pending = versionInFlight.get(db);
	if (!pending) {
		pending = db
			.sql<{ version: string | null }>(VERSION_SQL)
			.then((rows) => `${db.path}#${rows[0]?.version ?? ''}`)
			.finally(() => versionInFlight.delete(db));
		versionInFlight.set(db, pending);
	}
	return pending;
}

/** The request's identity: the path and its parameters in a fixed order, without the response format. */
export function requestKey(url: URL): string {
	const params = [...url.searchParams.entries()]
		.filter(([k]) => k !== 'format')
		.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
	return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}

/** `compute()`'s answer for this request (a URL, or a name for a page's own data), computed once per data version. */
export async function perRefresh<T>(
	request: URL | string,
	db: Database,
	compute: () => Promise<T>
): Promise<T> {
	const version = await dataVersion(db);
	const key = typeof request === 'string' ? request : requestKey(request);
	const hit = entries.get(key);
	if (hit && hit.version === version) {
		// most recently used last, so the oldest unused answer is evicted first
		entries.delete(key);
		entries.set(key, hit);
		return hit.value as Promise<T>;
	}
	const value = compute();
	const entry: Entry = { version, value, settled: false };
	entries.set(key, entry);
	value.then(
		() => {
			entry.settled = true;
		},
		() => {
			if (entries.get(key) === entry) entries.delete(key);
		}
	);
	while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
	return value;
}

/**
 * Whether the answer to this request (an API path with its query, e.g. from apiUrl) is kept and ready for the current
 * data: a page can then wait for it during server-side rendering (a few milliseconds) instead of showing the panel
 * as loading and fetching it after hydration.
 */
export async function isKept(request: string, db: Database): Promise<boolean> {
	const version = await dataVersion(db);
	const hit = entries.get(requestKey(new URL(request, 'http://localhost')));
	return hit !== undefined && hit.version === version && hit.settled;
}
