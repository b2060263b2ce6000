import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { queriesDir } from '../../../src/lib/server/db';
import {
	loadSegmentConfig,
	rfmSegmentDefinitions,
	segmentOf,
	type RfmSegmentDefinition
} from '../../../src/lib/server/metrics';
import { tempDb } from '../../helpers/db';

const CSV = join(queriesDir, 'config', 'rfm_segments.csv');
const ELEVEN = [
	'champions',
	'loyal_customers',
	'potential_loyalist',
	'new_customers',
	'promising',
	'need_attention',
	'about_to_sleep',
	'at_risk',
	'cant_lose_them',
	'hibernating',
	'lost'
];

describe('RFM segment configuration', () => {
	let db: Database;
	let cleanup: () => void;
	let defs: RfmSegmentDefinition[];

	beforeAll(async () => {
		const t = await tempDb();
		db = t.db;
		cleanup = t.cleanup;
		defs = await rfmSegmentDefinitions(db);
	});
	afterAll(() => cleanup());

	it('seeds the conventional eleven, with English and Vietnamese names', () => {
		expect(defs.map((d) => d.key).sort()).toEqual([...ELEVEN].sort());
		for (const d of defs) {
			expect(d.name_en.length).toBeGreaterThan(0);
			expect(d.name_vi.length).toBeGreaterThan(0);
			expect(d.name_vi).not.toBe(d.name_en);
		}
	});

	it('every segment owns at least one of the 125 (R, F, M) cells under first-match order', () => {
		const owned = new Map<string, number>();
		for (let r = 1; r <= 5; r++)
			for (let f = 1; f <= 5; f++)
				for (let m = 1; m <= 5; m++) {
					const k = segmentOf(defs, r, f, m);
					owned.set(k, (owned.get(k) ?? 0) + 1);
				}
		for (const k of ELEVEN) expect(owned.get(k) ?? 0, k).toBeGreaterThan(0);
		// Derived by hand from the table in docs/METRICS.md, e.g. Potential Loyalist: its 3 x 3 x 5 = 45 cells minus
		// Loyal's R3-5 F3 M3-5 (9), New's R4-5 F1 M1 (2), Promising's R3 F1 M1 (1) and Need Attention's R3 F2-3 M2-3
		// without R3 F3 M3 (3) = 30; About to Sleep keeps R2 F1 M1, R2 F1 M2, R2 F2 M1 = 3.
		expect(Object.fromEntries([...owned].sort())).toEqual({
			about_to_sleep: 3,
			at_risk: 24,
			cant_lose_them: 4,
			champions: 8,
			hibernating: 8,
			loyal_customers: 19,
			lost: 1,
			need_attention: 7,
			new_customers: 2,
			others: 18,
			potential_loyalist: 30,
			promising: 1
		});
	});

	it('the names mean what they say at the corners', () => {
		expect(segmentOf(defs, 5, 5, 5)).toBe('champions');
		expect(segmentOf(defs, 1, 5, 5)).toBe('cant_lose_them');
		expect(segmentOf(defs, 1, 1, 1)).toBe('lost');
		expect(segmentOf(defs, 5, 1, 1)).toBe('new_customers');
		expect(segmentOf(defs, 2, 5, 5)).toBe('at_risk');
		expect(segmentOf(defs, 3, 4, 4)).toBe('loyal_customers');
	});

	it('SQL assigns the same segment as segmentOf for all 125 cells', async () => {
		const rows = await db.sql<{ r: number; f: number; m: number; segment: string | null }>(
			`SELECT r.r::INTEGER AS r, f.f::INTEGER AS f, m.m::INTEGER AS m,
			 (SELECT arg_min(s.key, s.priority) FROM rfm_segments s
			  WHERE r.r BETWEEN s.r_min AND s.r_max AND f.f BETWEEN s.f_min AND s.f_max AND m.m BETWEEN s.m_min AND s.m_max)
			  AS segment
			 FROM range(1, 6) r(r), range(1, 6) f(f), range(1, 6) m(m)`
		);
		expect(rows).toHaveLength(125);
		for (const row of rows) expect(row.segment ?? 'others').toBe(segmentOf(defs, row.r, row.f, row.m));
	});

	it('queries/config/rfm_segments.csv holds the same rows as the migration seed, and loads back', async () => {
		const loaded = await loadSegmentConfig(db, CSV);
		expect(loaded).toEqual(defs);
		expect(await rfmSegmentDefinitions(db)).toEqual(defs);
		expect(readFileSync(CSV, 'utf8')).toContain('Không thể để mất');
	});

	it('rejects a bad configuration file with the line and the column', async () => {
		const bad = join(process.cwd(), 'tests', '.tmp', `bad-segments-${process.pid}.csv`);
		const { writeFileSync, rmSync } = await import('node:fs');
		writeFileSync(
			bad,
			'key,name_en,name_vi,priority,r_min,r_max,f_min,f_max,m_min,m_max,description\nx,X,X,1,1,7,1,5,1,5,d\n'
		);
		try {
			await expect(loadSegmentConfig(db, bad)).rejects.toThrow(/line 2: r_max must be a whole number 1..5/);
			expect(await rfmSegmentDefinitions(db)).toEqual(defs); // unchanged
		} finally {
			rmSync(bad, { force: true });
		}
	});
});
