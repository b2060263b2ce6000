import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { generateDemo } from '../../src/lib/server/demo';
import { DERIVED } from '../../src/lib/server/derived/registry';
import { ingestFile } from '../../src/lib/server/ingest';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { tempDb } from '../helpers/db';
import { NOW, removeTempFiles, tempFile } from '../ingest/helpers';

/**
 * The refresh after an ingest (which rebuilds only what the new rows make stale, and may rebuild parts of an entry)
 * must give exactly the tables of a full rebuild over the same data. Two databases start from the same sample data;
 * each random batch (new customers, existing ones, back-dated rows, refunds) is ingested into both: A refreshes as an
 * ingest does, B is rebuilt in full (refreshDerived with force). Every derived table of every registry entry must
 * then hold the same rows.
 */

/** Columns that name a run or a moment rather than a value: they differ between two builds of the same data. */
const RUN_COLUMNS = new Set([
	'fit_id',
	'spend_fit_id',
	'duration_ms',
	'iterations',
	'created_at',
	'fitted_at'
]);

/** A table's rows as sorted JSON lines, doubles rounded to 9 significant digits (sums in another order). */
async function tableRows(db: Database, table: string): Promise<string[]> {
	const cols = (
		await db.sql<{ name: string }>(
			'SELECT column_name AS name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position',
			{ t: table }
		)
	)
		.map((c) => c.name)
		.filter((c) => !RUN_COLUMNS.has(c));
	const rows = await db.sql(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM ${table}`);
	const round = (v: unknown): unknown =>
		typeof v === 'number' && !Number.isInteger(v)
			? Number(v.toPrecision(9))
			: typeof v === 'bigint'
				? String(v)
				: v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
					? String(v)
					: Array.isArray(v)
						? v.map(round)
						: v;
	return rows.map((r) => JSON.stringify(Object.values(r).map(round))).sort();
}

interface Row {
	customer: string;
	day: number;
	type: 'purchase' | 'refund' | 'web_visit' | 'email_open';
	amount: number;
	channel: string;
}

const CHANNELS = ['web', 'store', 'zalo', 'email'];

/** A batch: rows for existing customers (C0000001..) and new ones (N...), on days up to 400 before the end. */
const batchArb = fc.array(
	fc.record({
		customer: fc.oneof(
			fc.integer({ min: 1, max: 120 }).map((i) => `C${String(i).padStart(7, '0')}`),
			fc.integer({ min: 1, max: 30 }).map((i) => `N${i}`)
		),
		// 0 = the day after the last one (a new day), larger = back-dated
		day: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 })),
		type: fc.constantFrom('purchase', 'purchase', 'refund', 'web_visit', 'email_open'),
		amount: fc.integer({ min: 1, max: 2_000 }).map((a) => a * 1000),
		channel: fc.constantFrom(...CHANNELS)
	}),
	{ minLength: 1, maxLength: 25 }
);

let fileNo = 0;
function batchFile(rows: Row[], lastDay: string): string {
	const end = Date.parse(`${lastDay}T00:00:00Z`);
	const lines = rows.map((r, i) => {
		const day = new Date(end + (1 - r.day) * 86_400_000).toISOString().slice(0, 10);
		const order = r.type === 'purchase' || r.type === 'refund' ? `B${fileNo}-${i}` : '';
		const amount = r.type === 'purchase' ? r.amount : r.type === 'refund' ? -r.amount / 2 : '';
		return `${r.customer},${day} 10:${String(i % 60).padStart(2, '0')}:00,${r.type},${r.channel},${order},${amount}`;
	});
	fileNo++;
	return tempFile(
		`batch-${fileNo}.csv`,
		['customer_id,date,type,channel,order_id,amount', ...lines].join('\n') + '\n'
	);
}

describe('incremental refresh equals a full rebuild', () => {
	let a: Awaited<ReturnType<typeof tempDb>>;
	let b: Awaited<ReturnType<typeof tempDb>>;
	beforeAll(async () => {
		a = await tempDb();
		b = await tempDb();
		const options = { customers: 120, seed: 9, start: '2024-01-01', end: '2024-12-31' };
		await generateDemo(a.db, options);
		await generateDemo(b.db, options);
	}, 120_000);
	afterAll(() => {
		a?.cleanup();
		b?.cleanup();
		removeTempFiles();
	});

	it('after random batches of new, existing, back-dated and refund rows', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(batchArb, { minLength: 1, maxLength: 2 }), async (batches) => {
				for (const rows of batches) {
					const [last] = await a.db.sql<{ d: string }>(
						"SELECT strftime(max(occurred_at), '%Y-%m-%d') AS d FROM interactions"
					);
					const file = batchFile(rows, last!.d);
					const built = await a.db.sql("SELECT 1 FROM derived_state WHERE name = 'metrics'");
					const ra = await ingestFile(a.db, file, { now: NOW });
					const rb = await ingestFile(b.db, file, { now: NOW, noRefresh: true });
					expect(rb.rows_loaded).toBe(ra.rows_loaded);
					// Once built, A takes the part-way path (customer_day for the customers with new rows), B the full one.
					// So do the period tables (customer_period, customer_channel, customer_journey for the customers whose
					// rows can differ).
					const modes = await a.db.sql<{ name: string; incremental: boolean }>(
						`SELECT name, (params->>'incremental')::BOOLEAN AS incremental FROM derived_state
						 WHERE name IN ('metrics', 'periods') ORDER BY name`
					);
					if (built.length > 0 && ra.rows_loaded > 0) {
						expect(modes.map((m) => [m.name, m.incremental])).toEqual([
							['metrics', true],
							['periods', true]
						]);
					}
					await refreshDerived(b.db, undefined, undefined, { force: true });
				}
				for (const entry of DERIVED) {
					for (const table of entry.tables) {
						if (table === 'model_fits') continue; // one row per run: compared through predictions
						const [ra, rb] = [await tableRows(a.db, table), await tableRows(b.db, table)];
						expect(ra.length, `${entry.name}: ${table} rows`).toBe(rb.length);
						expect(ra, `${entry.name}: ${table}`).toEqual(rb);
					}
				}
			}),
			{ numRuns: 4, seed: 20261202 }
		);
	}, 600_000);
});
