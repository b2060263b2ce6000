import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { setSetting } from '../../src/lib/server/db';
import { generateDemo } from '../../src/lib/server/demo';
import { DERIVED, SOURCES, freshness } from '../../src/lib/server/derived/registry';
import { refreshModels } from '../../src/lib/server/models/service';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { tempDb } from '../helpers/db';

/** Which entries are current now (or up to date: current all the way down to the sources). */
async function currentEntries(db: Database, upToDate = false): Promise<Record<string, boolean>> {
	const f = await freshness(db);
	return Object.fromEntries(
		DERIVED.map((e) => [e.name, f.entries[e.name]![upToDate ? 'upToDate' : 'current']])
	);
}
const all = (v: boolean) => Object.fromEntries(DERIVED.map((e) => [e.name, v]));

describe('the registry of derived tables', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		await generateDemo(db, { customers: 300, seed: 5 });
	}, 120_000);
	afterAll(() => cleanup());

	it('lists each entry after what it reads, each table once, and only queries that exist', () => {
		const seen = new Set<string>();
		const tables = new Set<string>();
		for (const e of DERIVED) {
			for (const r of e.reads) expect(r in SOURCES || seen.has(r), `${e.name} reads ${r}`).toBe(true);
			for (const t of e.tables) {
				expect(tables.has(t), `${t} in two entries`).toBe(false);
				tables.add(t);
			}
			for (const q of e.queries) expect(() => readFileSync(join('queries', `${q}.sql`))).not.toThrow();
			seen.add(e.name);
		}
	});

	it('a full refresh makes every entry current and a second refresh builds nothing', async () => {
		await refreshDerived(db);
		expect(await currentEntries(db, true)).toEqual(all(true));
		const version = (await freshness(db)).dataVersion;
		const again = await refreshDerived(db);
		expect(again.map((t) => t.skipped)).toEqual(DERIVED.map(() => true));
		expect((await freshness(db)).dataVersion).toBe(version);
	}, 120_000);

	it('new interactions make every entry stale; the refresh rebuilds them in order and the data version moves', async () => {
		const before = (await freshness(db)).dataVersion;
		await db.exec(
			`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount)
			 SELECT 'reg-test-1', min(customer_id), (SELECT max(occurred_at) FROM interactions), 'purchase', 'web',
				'reg-test-order', 100000
			 FROM customers`
		);
		// what reads interactions is stale; what reads only those is still what its SQL gives over them
		expect(await currentEntries(db)).toEqual({
			...all(true),
			metrics: false,
			periods: false,
			affinity: false,
			segments: false
		});
		expect(await currentEntries(db, true)).toEqual(all(false));
		expect((await freshness(db)).dataVersion).not.toBe(before);
		const steps = await refreshDerived(db);
		expect(steps.map((t) => [t.name, t.skipped ?? false])).toEqual(DERIVED.map((e) => [e.name, false]));
		expect(await currentEntries(db)).toEqual(all(true));
	}, 120_000);

	it('a setting the metrics read makes them and everything after them stale', async () => {
		await setSetting(db, 'inactivity_days', '60');
		// models reads the settings too (purchase_model).
		expect(await currentEntries(db)).toEqual({
			...all(true),
			metrics: false,
			periods: false,
			models: false
		});
		expect(await currentEntries(db, true)).toEqual(all(false));
		await refreshDerived(db);
		const metrics = (await freshness(db)).entries.metrics!;
		expect(metrics.current).toBe(true);
		expect(metrics.params.inactivity_days).toBe(60);
	}, 120_000);

	it('a rebuilt input makes what reads it stale, not what it reads', async () => {
		await refreshModels(db, { horizonDays: 30 }); // crm predict with another horizon: a new fit
		expect(await currentEntries(db)).toMatchObject({
			metrics: true,
			periods: true,
			models: true,
			mix: true,
			segments: false,
			'segment-summary': false,
			affinity: true,
			alerts: false // it reads the predictions: a new fit is evaluated for alerts
		});
		const steps = await refreshDerived(db);
		expect(steps.filter((t) => !t.skipped).map((t) => t.name)).toEqual([
			'segments',
			'list-membership',
			'segment-summary',
			'alerts'
		]);
		expect(await currentEntries(db)).toEqual(all(true));
	}, 120_000);

	it('--only rebuilds the named entries even when current; an unknown name lists the known ones', async () => {
		const steps = await refreshDerived(db, undefined, ['mix']);
		expect(steps).toEqual([expect.objectContaining({ name: 'mix' })]);
		expect(steps[0]!.skipped).toBeUndefined();
		await expect(refreshDerived(db, undefined, ['nope'])).rejects.toThrow(/the steps are: metrics, periods/);
	}, 60_000);
});

/** Every file below dir whose name ends in one of the endings. */
function files(dir: string, endings: string[]): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		if (statSync(p).isDirectory()) return files(p, endings);
		return endings.some((e) => f.endsWith(e)) ? [p] : [];
	});
}

describe('one freshness mechanism', () => {
	it('no code or query reads the state tables the registry replaced', () => {
		const old = /\b(metrics_state|period_state|precompute_state|mix_built_for)\b/;
		const readers = [...files('src', ['.ts', '.svelte']), ...files('queries', ['.sql'])]
			.filter((f) => !f.includes('migrations'))
			.filter((f) => old.test(readFileSync(f, 'utf8')));
		expect(readers).toEqual([]);
	});
});
