import type { Params } from '$lib/filters';

/**
 * The typed client of the metrics API. It asks for JSON (`format=json`): the dashboard's payloads are a few hundred
 * rows, and an Arrow decoder would cost every page ~50 KB of gzipped JavaScript (measured with `npm run bench --
 * pages`); Arrow stays the endpoints' default for other readers (api/arrow.ts). Load functions pass SvelteKit's
 * `fetch`, so server-side rendering and client navigation share one path (and SSR responses are reused on hydration).
 */
export type Fetch = typeof fetch;
export type { Params };

export class ApiError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
	}
}

/** '/api/<endpoint>?params' with empty values left out. */
export function apiUrl(endpoint: string, params: Params = {}): string {
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) {
		if (value === null || value === undefined || value === '') continue;
		search.set(key, String(value));
	}
	const s = search.toString();
	const path = endpoint.startsWith('/') ? endpoint : `/api/${endpoint}`;
	return s ? `${path}?${s}` : path;
}

/** A value as it crosses the wire (api/respond.ts jsonRows): a date as ISO text, a 64-bit integer as a number. */
type WireValue<V> = V extends Date ? string : V extends bigint ? number : V;

/**
 * A server row type as the client receives it: the client's row types are the server functions' own
 * (`Wire<KpiValue>`, a type-only import, erased from the browser's code), never a copy kept by hand. A date arrives
 * as ISO text, a 64-bit integer as a number, lists and objects as themselves, and a key a row leaves out as null
 * (every row has every row's columns).
 */
export type Wire<T> = {
	[K in keyof T]-?: WireValue<Exclude<T[K], undefined>> | (undefined extends T[K] ? null : never);
};

/**
 * A list of every member of a server's union type, for an order the client shows them in: a member left out (or one
 * the server does not have) is a type error, so the list cannot fall behind the type it orders.
 */
export const everyOnce =
	<T extends string>() =>
	<const L extends readonly T[]>(list: [T] extends [L[number]] ? L : never): L =>
		list;

async function errorMessage(res: Response): Promise<string> {
	try {
		const text = await res.text();
		try {
			const body = JSON.parse(text) as { message?: string };
			if (body.message) return body.message;
		} catch {
			/* not JSON */
		}
		return text.slice(0, 300) || `${res.status} ${res.statusText}`;
	} catch {
		return `${res.status} ${res.statusText}`;
	}
}

/** GET an endpoint's rows as JSON; an error answer throws ApiError with the server's message. */
async function fetchRows<T>(
	fetchFn: Fetch,
	endpoint: string,
	params: Params
): Promise<{ rows: T[]; res: Response }> {
	const url = apiUrl(endpoint, { ...params, format: 'json' });
	const res = await fetchFn(url);
	if (!res.ok) throw new ApiError(`${url}: ${await errorMessage(res)}`, res.status);
	return { rows: (await res.json()) as T[], res };
}

/** GET an endpoint's rows. */
export async function getRows<T>(fetchFn: Fetch, endpoint: string, params: Params = {}): Promise<T[]> {
	return (await fetchRows<T>(fetchFn, endpoint, params)).rows;
}

/** Like getRows, with the total number of matches a paginated endpoint reports in X-Total-Count. */
export async function getPage<T>(
	fetchFn: Fetch,
	endpoint: string,
	params: Params = {}
): Promise<{ rows: T[]; total: number }> {
	const { rows, res } = await fetchRows<T>(fetchFn, endpoint, params);
	const total = Number(res.headers.get('x-total-count') ?? NaN);
	return { rows, total: Number.isFinite(total) ? total : rows.length };
}

/** A chart's data or the reason it could not be loaded (the page still renders the other charts). */
export interface Loaded<T> {
	data: T | null;
	error: string | null;
}

export async function settle<T>(promise: Promise<T>): Promise<Loaded<T>> {
	try {
		return { data: await promise, error: null };
	} catch (e) {
		return { data: null, error: e instanceof Error ? e.message : String(e) };
	}
}

/** getRows wrapped in settle: never throws. */
export function loadRows<T>(fetchFn: Fetch, endpoint: string, params: Params = {}): Promise<Loaded<T[]>> {
	return settle(getRows<T>(fetchFn, endpoint, params));
}
