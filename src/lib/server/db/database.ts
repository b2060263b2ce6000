import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { underBudget } from './budget';
import { defaultDbPath } from './paths';
import { loadQuery } from './queries';
import { applyMigrations } from './schema';

/**
 * Values bound to a query. Named ($as_of) as an object, positional ($1) as an array.
 * Only values travel here; SQL text comes from queries/ or from code, never from a user.
 */
export type Params = Record<string, unknown> | unknown[];
export type Row = Record<string, unknown>;

/** One connection, used by one caller at a time. */
export class Session {
	constructor(readonly connection: DuckDBConnection) {}

	/** Runs a statement and returns its rows as plain JS objects (BIGINT as number when it is safe). */
	async sql<T = Row>(sql: string, params?: Params): Promise<T[]> {
		const reader = await underBudget(
			() => this.connection.interrupt(),
			() => this.connection.runAndReadAll(sql, usedParams(sql, params) as never)
		);
		return reader.getRowObjectsJS().map((r) => plainRow(r) as T);
	}

	/** Runs queries/<name>.sql with bound parameters. */
	async query<T = Row>(name: string, params?: Params): Promise<T[]> {
		return this.sql<T>(loadQuery(name), params);
	}

	/** Runs a statement for its effect. */
	async exec(sql: string, params?: Params): Promise<void> {
		await underBudget(
			() => this.connection.interrupt(),
			() => this.connection.run(sql, usedParams(sql, params) as never)
		);
	}

	/** Runs fn inside BEGIN ... COMMIT on this connection; any error rolls everything back and is thrown again. */
	async transaction<T>(fn: () => Promise<T>): Promise<T> {
		await this.exec('BEGIN TRANSACTION');
		try {
			const out = await fn();
			await this.exec('COMMIT');
			return out;
		} catch (e) {
			await this.exec('ROLLBACK').catch(() => undefined);
			throw e;
		}
	}
}

/**
 * Another process holds the database file (DuckDB allows one writing process). `crm ingest` then hands its files to
 * the server that owns the database, when one announced itself (db/server-file.ts).
 */
export class DatabaseInUseError extends Error {
	constructor(
		readonly path: string,
		readonly detail: string
	) {
		super(
			`the database ${path} is in use by another process (${detail}). ` +
				'Stop the server (or the other crm command) first, or point CRM_DB / --db at another file.'
		);
	}
}

/** DuckDB's messages for a database file it cannot make sense of (not a DuckDB file, cut short, bad checksum). */
const CORRUPTED =
	/not a valid DuckDB database file|Corrupt database file|does not match stored checksum|Could not read enough bytes from file/i;

/** The database file is damaged: said so, not "in use" (its checksum message names a "block"). */
export class DatabaseCorruptedError extends Error {
	constructor(
		readonly path: string,
		readonly detail: string
	) {
		super(
			`the database ${path} is corrupted (${detail}). Restore it from a backup, or move it away and build a new ` +
				'one (crm demo, or crm ingest of your files); nothing was changed.'
		);
	}
}

export interface OpenOptions {
	/** Database file; ':memory:' for a throw-away database. Default: CRM_DB or datasets/crm.duckdb. */
	path?: string;
	/** How many connections serve concurrent callers. */
	poolSize?: number;
	readOnly?: boolean;
	/** DuckDB's memory_limit (e.g. '1GB'); DuckDB's default (80% of RAM) when not given. */
	memoryLimit?: string;
	/** DuckDB's threads; all cores when not given. */
	threads?: number;
}

/**
 * The database: one DuckDB file, a small pool of connections so that concurrent requests do not share a
 * connection, and the versioned schema applied on open.
 */
export class Database {
	private idle: Session[] = [];
	private waiting: ((s: Session) => void)[] = [];
	private all: Session[] = [];
	private closed = false;

	private constructor(
		readonly path: string,
		private readonly instance: DuckDBInstance
	) {}

	static async open(options: OpenOptions = {}): Promise<Database> {
		const path = options.path ?? defaultDbPath();
		if (path !== ':memory:') {
			try {
				mkdirSync(dirname(path), { recursive: true });
			} catch (e) {
				throw new Error(
					`cannot create the folder for the database ${path} (${e instanceof Error ? e.message : e}): ` +
						'choose another path with --db or CRM_DB'
				);
			}
		}
		let instance: DuckDBInstance;
		try {
			const config: Record<string, string> = {};
			if (options.readOnly) config.access_mode = 'READ_ONLY';
			if (options.memoryLimit) config.memory_limit = options.memoryLimit;
			if (options.threads) config.threads = String(options.threads);
			instance = await DuckDBInstance.create(path, config);
		} catch (e) {
			const msg = e instanceof Error ? e.message : String(e);
			const first = msg.split('\n')[0] ?? msg;
			// DuckDB's own words for a file another process holds; a bare /lock/ matched "checksum ... in block"
			if (/could not set lock|conflicting lock/i.test(msg)) throw new DatabaseInUseError(path, first);
			if (CORRUPTED.test(msg)) throw new DatabaseCorruptedError(path, first);
			throw new Error(`cannot open the database ${path}: ${msg}`);
		}
		const db = new Database(path, instance);
		const size = Math.max(1, options.poolSize ?? 4);
		for (let i = 0; i < size; i++) {
			const s = new Session(await instance.connect());
			db.all.push(s);
			db.idle.push(s);
		}
		if (!options.readOnly) await db.withSession((s) => applyMigrations(s));
		return db;
	}

	private acquire(): Promise<Session> {
		if (this.closed) return Promise.reject(new Error('the database is closed'));
		const s = this.idle.pop();
		if (s) return Promise.resolve(s);
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	private release(s: Session): void {
		const next = this.waiting.shift();
		if (next) next(s);
		else this.idle.push(s);
	}

	/** Lends one connection for a series of statements. */
	async withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
		const s = await this.acquire();
		try {
			return await fn(s);
		} finally {
			this.release(s);
		}
	}

	/** Runs fn inside BEGIN ... COMMIT on one connection (Session.transaction); any error rolls everything back. */
	async transaction<T>(fn: (s: Session) => Promise<T>): Promise<T> {
		return this.withSession((s) => s.transaction(() => fn(s)));
	}

	/** Runs queries/<name>.sql with bound parameters. */
	query<T = Row>(name: string, params?: Params): Promise<T[]> {
		return this.withSession((s) => s.query<T>(name, params));
	}

	/** Runs SQL written in our code (never user text) with bound parameters. */
	sql<T = Row>(sql: string, params?: Params): Promise<T[]> {
		return this.withSession((s) => s.sql<T>(sql, params));
	}

	exec(sql: string, params?: Params): Promise<void> {
		return this.withSession((s) => s.exec(sql, params));
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		for (const s of this.all) s.connection.closeSync();
		this.instance.closeSync();
	}
}

/**
 * DuckDB rejects named values that the statement does not use; keeping only the names that occur as $name lets
 * callers pass one shared parameter object (e.g. the dashboard filters) to every query.
 */
export function usedParams(sql: string, params: Params | undefined): Params | undefined {
	if (params === undefined || Array.isArray(params)) return params;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(params)) {
		if (new RegExp(`\\$${k}\\b`).test(sql)) out[k] = v;
	}
	return out;
}

function plainRow(row: Record<string, unknown>): Row {
	const out: Row = {};
	for (const [k, v] of Object.entries(row)) out[k] = plainValue(v);
	return out;
}

function plainValue(v: unknown): unknown {
	if (typeof v === 'bigint') {
		return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
	}
	if (Array.isArray(v)) return v.map(plainValue);
	return v;
}
