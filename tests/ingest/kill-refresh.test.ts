import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Database } from '../../src/lib/server/db';
import { generateDemo } from '../../src/lib/server/demo';
import { DERIVED } from '../../src/lib/server/derived/registry';
import { needsRefresh, refreshDerived } from '../../src/lib/server/pipeline';
import { tmpRoot } from '../helpers/db';

/**
 * kill -9 at random moments of `crm ingest` (reading, writing, and the refresh after it), then one ordinary command:
 * every derived table must equal a clean rebuild (crm refresh --force on a copy), with no manual step.
 */
const RUNS = 20;

interface Run {
	code: number | null;
	signal: string | null;
	out: string;
	/** The last phase the progress lines named before the end (or the kill). */
	phase: string;
}

/** `node bin/crm.js ARGS`; with `kill`, SIGKILLed `delayMs` after the first stderr line matching `at`. */
function crm(args: string[], kill?: { at: RegExp; delayMs: number }): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['bin/crm.js', ...args], {
			cwd: process.cwd(),
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		let armed = false;
		let phase = 'starting';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => {
			err += d.toString();
			const phases = [...err.matchAll(/: (reading|writing|refreshing)/g)];
			if (phases.length > 0) phase = phases[phases.length - 1]![1]!;
			if (kill && !armed && kill.at.test(err)) {
				armed = true;
				setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
			}
		});
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, out: out || err, phase }));
	});
}

/** Columns that name a run rather than its result: fit ids, clocks, durations. */
const RUN_COLUMNS = new Set(['fit_id', 'spend_fit_id', 'created_at', 'duration_ms']);

/**
 * An order-independent fingerprint of every derived table: row count and the xor of the rows' hashes (doubles rounded
 * to 9 digits, run columns left out). model_fits keeps every fit; its latest per model is what the others read.
 */
async function fingerprints(db: Database): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const table of DERIVED.flatMap((e) => e.tables)) {
		const cols = await db.sql<{ column_name: string; data_type: string }>(
			'SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position',
			{ t: table }
		);
		const values = cols
			.filter((c) => !RUN_COLUMNS.has(c.column_name))
			.map((c) =>
				c.data_type === 'DOUBLE' ? `round("${c.column_name}", 9)` : `"${c.column_name}"::VARCHAR`
			);
		const from =
			table === 'model_fits'
				? '(SELECT * FROM model_fits QUALIFY fit_id = max(fit_id) OVER (PARTITION BY model))'
				: table;
		const [row] = await db.sql<{ n: number; h: string }>(
			`SELECT count(*) AS n, coalesce(bit_xor(hash(${values.join(', ')})), 0)::VARCHAR AS h FROM ${from}`
		);
		out[table] = `${row!.n}:${row!.h}`;
	}
	return out;
}

/** A seeded generator, so that a failing run can be repeated (mulberry32). */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('kill -9 during ingest + refresh, then the next command', () => {
	const dir = join(tmpRoot, `kill-refresh-${randomUUID()}`);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it(`${RUNS} kills: the derived tables equal a clean rebuild`, { timeout: 1_200_000 }, async () => {
		mkdirSync(dir, { recursive: true });
		const dbPath = join(dir, 'crm.duckdb');
		const db = await Database.open({ path: dbPath });
		await generateDemo(db, { customers: 100, seed: 5 });
		await refreshDerived(db);
		// The files: new purchases of demo customers and of new ones, within the demo's dates; one file per run.
		const [span] = await db.sql<{ first: string; days: number }>(
			`SELECT min(occurred_at)::DATE::VARCHAR AS first, date_diff('day', min(occurred_at), max(occurred_at)) AS days
			 FROM interactions`
		);
		const [sample] = await db.sql<{ id: string }>('SELECT min(customer_id) AS id FROM customers');
		// demo ids are a letter and zero-padded digits (C0000001)
		const [, prefix, digits] = /^(\D*)(\d+)$/.exec(sample!.id)!;
		const files: string[] = [];
		for (let i = 0; i < RUNS; i++) {
			const file = join(dir, `more-${i}.csv`);
			await db.exec(
				`COPY (SELECT CASE WHEN j % 5 = 0 THEN 'new-${i}-' || j ELSE '${prefix}' || lpad(((j * 7 + ${i}) % 100 + 1)::VARCHAR, ${digits!.length}, '0') END
					AS customer_id, DATE '${span!.first}' + ((j * 37 + ${i} * 11) % ${span!.days})::INTEGER AS occurred_at,
					'purchase' AS type, 5 + (j * 13 + ${i}) % 200 AS amount
				 FROM range(500) t(j)) TO '${file}' (HEADER)`
			);
			files.push(file);
		}
		db.close();

		const next = random(20);
		const kills: { phase: string; repairedBy: string }[] = [];
		for (let i = 0; i < RUNS; i++) {
			// Half the kills at a random moment from the start (reading or writing), half within the refresh.
			const duringRefresh = i % 2 === 1;
			const killed = await crm(['--db', dbPath, 'ingest', files[i]!, '--json', '--verbose'], {
				at: duringRefresh ? /: refreshing/ : /: reading/,
				delayMs: Math.round(next() * (duringRefresh ? 2500 : 400))
			});
			// The next command, an ordinary one: re-running the same ingest, or crm status.
			const repairedBy = i % 4 < 2 ? 'status' : 'ingest again';
			const after =
				repairedBy === 'status'
					? await crm(['--db', dbPath, 'status', '--json'])
					: await crm(['--db', dbPath, 'ingest', files[i]!, '--json']);
			expect(after.code, after.out).toBe(0);
			kills.push({ phase: killed.signal === 'SIGKILL' ? killed.phase : 'finished', repairedBy });

			const repaired = await Database.open({ path: dbPath });
			expect(await needsRefresh(repaired)).toBe(false);
			const got = await fingerprints(repaired);
			repaired.close();

			const copy = join(dir, `clean-${i}.duckdb`);
			copyFileSync(dbPath, copy);
			if (existsSync(`${dbPath}.wal`)) copyFileSync(`${dbPath}.wal`, `${copy}.wal`);
			const clean = await Database.open({ path: copy });
			await refreshDerived(clean, () => undefined, undefined, { force: true });
			const want = await fingerprints(clean);
			clean.close();
			rmSync(copy, { force: true });
			rmSync(`${copy}.wal`, { force: true });
			expect(got, `run ${i}: killed while ${kills[i]!.phase}`).toEqual(want);
		}
		const phases = kills.map((k) => k.phase);
		console.log(`kill -9 phases: ${JSON.stringify(kills)}`);
		// The kills did land in the refresh (the case the repair is for) and before it.
		expect(phases.filter((p) => p === 'refreshing').length).toBeGreaterThanOrEqual(RUNS / 4);
		expect(phases.filter((p) => p === 'reading' || p === 'writing').length).toBeGreaterThanOrEqual(RUNS / 4);
	});
});
