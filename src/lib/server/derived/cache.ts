import type { Database } from '../db';
import { freshness } from './registry';

/**
 * The one answer cache: answers of the read-only endpoints and pages, kept until the data changes. Every table they
 * read is a source table or a derived table of the registry, so the registry's data version (registry.ts
 * freshness: the source versions and every entry's build) changes whenever anything they read changes, and a kept
 * answer is never served for data newer than it. Identical requests that arrive together share one query.
 */

/** At most this many answers are kept (the oldest goes first); a page's default view needs about five. */
const MAX_ENTRIES = 300;

interface Entry {
	version: string;
	value: Promise<unknown>;
	settled: boolean;
}
const entries = new Map<string, Entry>();

/** The data version (registry.ts): changes whenever an ingest or a refresh has written. */
export async function dataVersion(db: Database): Promise<string> {
	return `${db.path}#${(await freshness(db)).dataVersion}`;
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
