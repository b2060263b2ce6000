import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { exportMembers, exportList, listExports } from '../../src/lib/server/lists/export';
import { previewList, listMembers } from '../../src/lib/server/lists/preview';
import { parseRule, type Rule } from '../../src/lib/server/lists/rule';
import { deleteList, getList, savedLists, saveList } from '../../src/lib/server/lists/saved';
import { tempDb, tmpRoot } from '../helpers/db';
import { seedCustomers } from './fixture';
import { naiveMatches, type FeatureRow } from './naive';

let db: Database;
let cleanup: () => void;
let rows: FeatureRow[];
const dir = join(tmpRoot, `exports-${randomUUID()}`);

beforeAll(async () => {
	const t = await tempDb();
	db = t.db;
	cleanup = t.cleanup;
	mkdirSync(dir, { recursive: true });
	await seedCustomers(db, 300);
	rows = await db.sql<FeatureRow>('SELECT * FROM customer_features ORDER BY customer_id');
});
afterAll(() => {
	cleanup?.();
	rmSync(dir, { recursive: true, force: true });
});

const rule: Rule = parseRule({
	or: [
		{ field: 'rfm_segment', op: 'in', value: ['champions', 'loyal_customers'] },
		{ field: 'p_alive', op: '>=', value: 0.8 }
	]
});

/** Reads an exported file back with DuckDB: its customer ids, in file order. */
async function readBack(file: string, format: string): Promise<Record<string, unknown>[]> {
	const reader = { csv: 'read_csv', parquet: 'read_parquet', json: 'read_json' }[format]!;
	const opts = format === 'csv' ? ', all_varchar = true' : '';
	return db.sql(`SELECT * FROM ${reader}($file${opts})`, { file });
}

describe('export', () => {
	for (const format of ['csv', 'parquet', 'json'] as const) {
		it(`${format}: the file holds exactly the previewed members with email consent`, async () => {
			const file = join(dir, `list.${format}`);
			const preview = await previewList(db, rule);
			const result = await exportList(db, {
				rule,
				file,
				format,
				channel: 'email',
				columns: ['customer_id', 'name', 'email', 'phone', 'rfm_segment', 'predicted_clv', 'p_alive']
			});
			const expected = rows
				.filter((r) => naiveMatches(rule, r) && r.consent_email === true)
				.map((r) => r.customer_id);
			const back = await readBack(file, format);
			expect(back.map((r) => String(r.customer_id))).toEqual(expected);
			expect(Object.keys(back[0]!)).toEqual([
				'customer_id',
				'name',
				'email',
				'phone',
				'rfm_segment',
				'rfm_segment_code',
				'predicted_clv',
				'p_alive'
			]);
			expect(result.fileColumns).toEqual(Object.keys(back[0]!));
			expect(String(back[0]!.phone)).toMatch(/^\+84\d+$/);
			expect(result.matched).toBe(preview.members);
			expect(result.members).toBe(expected.length);
			expect(result.members).toBe(preview.withEmailConsent);
			expect(result.leftOutNoConsent).toBe(preview.members - expected.length);
			expect(result.leftOutNoConsent).toBeGreaterThan(0);
			expect(await exportMembers(db, result.exportId)).toEqual(expected);
		});
	}

	it('sms consent and no consent filter', async () => {
		const sms = await exportList(db, { rule, file: join(dir, 'sms.csv'), channel: 'sms' });
		const withSms = rows
			.filter((r) => naiveMatches(rule, r) && r.consent_sms === true)
			.map((r) => r.customer_id);
		expect(await exportMembers(db, sms.exportId)).toEqual(withSms);
		const all = await exportList(db, {
			rule,
			file: join(dir, 'all.csv'),
			channel: 'email',
			requireConsent: false
		});
		expect(all.leftOutNoConsent).toBe(0);
		expect(await exportMembers(db, all.exportId)).toEqual(await listMembers(db, rule));
		const back = await readBack(join(dir, 'all.csv'), 'csv');
		expect(back.length).toBe(all.members);
	});

	it('records every export with its rule, and rejects unknown columns before writing', async () => {
		const before = (await listExports(db)).length;
		const file = join(dir, 'bad.csv');
		await expect(
			exportList(db, { rule, file, columns: ['customer_id', 'password; DROP TABLE customers'] })
		).rejects.toThrow(/unknown column/);
		expect(existsSync(file)).toBe(false);
		expect((await listExports(db)).length).toBe(before);
	});

	it('does not delete a file it did not write when the export fails early', async () => {
		const file = join(dir, 'keep.csv');
		writeFileSync(file, 'precious');
		await expect(exportList(db, { rule, file, columns: ['nope'] })).rejects.toThrow();
		expect(existsSync(file)).toBe(true);
	});
});

describe('saved lists', () => {
	it('saves, lists, replaces and deletes', async () => {
		const name = "Khách VIP 'Hà Nội'; --";
		const saved = await saveList(db, { name, description: 'VIP', rule });
		expect(saved.rule).toEqual(rule);
		expect((await savedLists(db)).map((s) => s.name)).toContain(name);
		const other: Rule = { field: 'orders', op: '>=', value: 3 };
		await expect(saveList(db, { name, rule: other }, { overwrite: false })).rejects.toThrow(/already exists/);
		const replaced = await saveList(db, { name, rule: other });
		expect(replaced.rule).toEqual(other);
		expect(replaced.createdAt).toBe(saved.createdAt);
		expect(replaced.description).toBeNull();
		await deleteList(db, name);
		await expect(getList(db, name)).rejects.toThrow(/no saved list/);
		await expect(deleteList(db, name)).rejects.toThrow(/no saved list/);
	});

	it('refuses an invalid rule with the reason', async () => {
		await expect(saveList(db, { name: 'x', rule: { field: 'nope', op: '=', value: 1 } })).rejects.toThrow(
			/unknown field 'nope'/
		);
	});
});

describe('customer features', () => {
	it('use the latest BG/NBD run and the interaction facts', async () => {
		expect(rows.every((r) => r.p_alive === null || (r.p_alive as number) >= 0)).toBe(true);
		const check = await db.sql<{ bad: number }>(`
			SELECT count(*)::INTEGER AS bad FROM customer_features f
			LEFT JOIN (SELECT customer_id, max(day) FILTER (WHERE email_opens > 0) AS d,
				sum(csat_sum) / nullif(sum(csat_count), 0) AS csat FROM customer_day GROUP BY ALL) a USING (customer_id)
			WHERE f.last_email_open_at IS DISTINCT FROM a.d OR f.csat_mean IS DISTINCT FROM a.csat`);
		expect(check[0]?.bad).toBe(0);
		const r = rows.find((x) => x.age !== null)!;
		const band = r.age_band as string;
		const age = r.age as number;
		const [lo, hi] = band === '65+' ? [65, 200] : band === '<18' ? [0, 17] : band.split('-').map(Number);
		expect(age).toBeGreaterThanOrEqual(lo!);
		expect(age).toBeLessThanOrEqual(hi!);
	});
});
