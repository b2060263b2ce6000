import { tableFromIPC, type Table } from 'apache-arrow';

/**
 * The typed client of the metrics API. Endpoints answer with Arrow IPC streams; this decodes them into plain row
 * objects (64-bit integers become numbers). Load functions pass SvelteKit's `fetch`, so server-side rendering and
 * client navigation share one path (and SSR responses are reused on hydration).
 */
export type Fetch = typeof fetch;
export type Params = Record<string, string | number | boolean | null | undefined>;

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

/** A value as it crosses the wire (api/arrow.ts normalise, then plain below): text for dates, lists and objects. */
type WireValue<V> = V extends Date ? string : V extends bigint ? number : V extends object ? string : V;

/**
 * A server row type as the client decodes it: the client's row types are the server functions' own
 * (`Wire<KpiValue>`, a type-only import, erased from the browser's code), never a copy kept by hand. A date arrives
 * as ISO text, a list or object as JSON text, a 64-bit integer as a number, and a key a row leaves out as null
 * (the Arrow answer has every row's columns).
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

function plain(v: unknown): unknown {
	if (typeof v === 'bigint') return Number(v);
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	return v;
}

/** Arrow table -> row objects. */
export function tableRows<T>(table: Table): T[] {
	const names = table.schema.fields.map((f) => f.name);
	const columns = names.map((n) => table.getChild(n));
	const rows: T[] = new Array(table.numRows);
	for (let i = 0; i < table.numRows; i++) {
		const row: Record<string, unknown> = {};
		for (let c = 0; c < names.length; c++) row[names[c]!] = plain(columns[c]?.get(i) ?? null);
		rows[i] = row as T;
	}
	return rows;
}

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

/** GET an endpoint and decode its rows (Arrow IPC, or JSON when the server sends JSON). */
export async function getRows<T>(fetchFn: Fetch, endpoint: string, params: Params = {}): Promise<T[]> {
	const url = apiUrl(endpoint, params);
	const res = await fetchFn(url);
	if (!res.ok) throw new ApiError(`${url}: ${await errorMessage(res)}`, res.status);
	const type = res.headers.get('content-type') ?? '';
	if (type.includes('json')) return (await res.json()) as T[];
	return tableRows<T>(tableFromIPC(new Uint8Array(await res.arrayBuffer())));
}

/** Like getRows, with the total number of matches a paginated endpoint reports in X-Total-Count. */
export async function getPage<T>(
	fetchFn: Fetch,
	endpoint: string,
	params: Params = {}
): Promise<{ rows: T[]; total: number }> {
	const url = apiUrl(endpoint, params);
	const res = await fetchFn(url);
	if (!res.ok) throw new ApiError(`${url}: ${await errorMessage(res)}`, res.status);
	const total = Number(res.headers.get('x-total-count') ?? NaN);
	const type = res.headers.get('content-type') ?? '';
	const rows = type.includes('json')
		? ((await res.json()) as T[])
		: tableRows<T>(tableFromIPC(new Uint8Array(await res.arrayBuffer())));
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

/**
 * `load()` when the server has `endpoint` (its list comes with the root layout data), else an error result that
 * says which endpoint is missing: the chart shows it instead of the browser logging a 404.
 */
export function ifAvailable<T>(
	available: readonly string[] | undefined,
	endpoint: string,
	load: () => Promise<Loaded<T>>
): Promise<Loaded<T>> {
	if (available && !available.includes(endpoint)) {
		return Promise.resolve({ data: null, error: `/api/${endpoint} is not available on this server yet` });
	}
	return load();
}
