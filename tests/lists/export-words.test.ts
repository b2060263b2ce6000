import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en as enMessages, vi as viMessages } from '../../src/lib/i18n/messages/lists';
import type { Database } from '../../src/lib/server/db';
import { setSetting } from '../../src/lib/server/db/settings';
import { fieldCatalog } from '../../src/lib/server/lists/catalog';
import { DEFAULT_EXPORT_COLUMNS, exportList, moneyDigits } from '../../src/lib/server/lists/export';
import { FIELDS } from '../../src/lib/server/lists/fields';
import { OPERATORS, OPERATORS_BY_TYPE, type Rule } from '../../src/lib/server/lists/rule';
import { tempDb, tmpRoot } from '../helpers/db';
import { seedCustomers } from './fixture';

/**
 * Exports and the builder in people's words: names of coded values in the export's language beside their codes,
 * money rounded to the business currency, probabilities to 3 decimals, a UTF-8 BOM on CSV, no personal data
 * unless asked; every field and operator of the builder named in en and vi.
 */
let db: Database;
let cleanup: () => void;
const dir = join(tmpRoot, `export-words-${randomUUID()}`);
const everyone: Rule = { and: [] };
/** The customer whose values are made long: c00001 */
const ID = 'c00001';

beforeAll(async () => {
	const t = await tempDb();
	db = t.db;
	cleanup = t.cleanup;
	mkdirSync(dir, { recursive: true });
	await seedCustomers(db, 120);
	await db.exec(
		`UPDATE customer_features SET p_alive = 0.83412341, churn_probability = 0.16587659,
		   predicted_clv = 1234567.891, net_revenue = 2500.556, avg_order_value = 14285.714285714,
		   expected_purchases = 1.23456, rfm_segment = 'at_risk', lifecycle_stage = 'at_risk', churn_band = 'low',
		   channels_used = ['zalo', 'web'], gender = 'female', region = 'Hồ Chí Minh'
		 WHERE customer_id = $id`,
		{ id: ID }
	);
});
afterAll(() => {
	cleanup?.();
	rmSync(dir, { recursive: true, force: true });
});

const COLUMNS = [
	'customer_id',
	'rfm_segment',
	'lifecycle_stage',
	'churn_band',
	'gender',
	'region',
	'channels_used',
	'net_revenue',
	'avg_order_value',
	'predicted_clv',
	'p_alive',
	'churn_probability',
	'expected_purchases'
];

/** The CSV's lines, split naively (the values used here hold no commas or quotes). */
function csvRow(text: string, id: string): Record<string, string> {
	const lines = text
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\n');
	const header = lines[0]!.split(',');
	const line = lines.find((l) => l.startsWith(`${id},`))!;
	const cells = line.split(',');
	return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
}

async function exportCsv(lang: 'en' | 'vi', currency: string | null, name: string): Promise<string> {
	if (currency) await setSetting(db, 'currency', currency);
	else await db.exec("DELETE FROM settings WHERE key = 'currency'");
	const file = join(dir, name);
	const r = await exportList(db, { rule: everyone, file, channel: 'none', columns: COLUMNS, lang });
	expect(r.lang).toBe(lang);
	return readFileSync(file, 'utf8');
}

describe('a CSV export', () => {
	it('starts with a UTF-8 BOM and keeps Vietnamese text intact', async () => {
		await exportCsv('vi', 'VND', 'bom.csv');
		const raw = readFileSync(join(dir, 'bom.csv'));
		expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(raw.subarray(3, 14).toString('utf8')).toBe('customer_id');
		expect(raw.toString('utf8')).toContain('Hồ Chí Minh');
		// and DuckDB (like a spreadsheet) still reads the first column by its name
		const back = await db.sql<{ customer_id: string }>(
			'SELECT customer_id FROM read_csv($f) WHERE customer_id = $id',
			{ f: join(dir, 'bom.csv'), id: ID }
		);
		expect(back).toEqual([{ customer_id: ID }]);
	});

	it('writes names in English beside the codes, money in GBP to 2 decimals, probabilities to 3', async () => {
		const row = csvRow(await exportCsv('en', 'GBP', 'en.csv'), ID);
		expect(row.rfm_segment).toBe('At Risk');
		expect(row.rfm_segment_code).toBe('at_risk');
		expect(row.lifecycle_stage).toBe('At risk');
		expect(row.lifecycle_stage_code).toBe('at_risk');
		expect(row.churn_band).toBe('Low');
		expect(row.churn_band_code).toBe('low');
		expect(row.gender).toBe('Female');
		expect(row.gender_code).toBe('female');
		expect(row.channels_used).toBe('Zalo; Website');
		expect(row.channels_used_code).toBe('zalo; web');
		expect(row.region).toBe('Hồ Chí Minh');
		expect(row.predicted_clv).toBe('1234567.89');
		expect(row.net_revenue).toBe('2500.56');
		expect(row.avg_order_value).toBe('14285.71');
		expect(row.p_alive).toBe('0.834');
		expect(row.churn_probability).toBe('0.166');
		expect(row.expected_purchases).toBe('1.23');
	});

	it('writes names in Vietnamese, money in VND (the default) without decimals', async () => {
		const row = csvRow(await exportCsv('vi', null, 'vi.csv'), ID);
		expect(row.rfm_segment).toBe('Có nguy cơ rời bỏ');
		expect(row.rfm_segment_code).toBe('at_risk');
		expect(row.lifecycle_stage).toBe('Có nguy cơ');
		expect(row.churn_band).toBe('Thấp');
		expect(row.gender).toBe('Nữ');
		expect(row.channels_used).toBe('Zalo; Trang web');
		expect(row.predicted_clv).toBe('1234568');
		expect(row.net_revenue).toBe('2501');
		expect(row.p_alive).toBe('0.834');
	});

	it('holds no personal data unless its columns are asked for', async () => {
		expect(DEFAULT_EXPORT_COLUMNS).not.toContain('name');
		expect(DEFAULT_EXPORT_COLUMNS).not.toContain('email');
		expect(DEFAULT_EXPORT_COLUMNS).not.toContain('phone');
		const file = join(dir, 'default.csv');
		const r = await exportList(db, { rule: everyone, file, channel: 'none' });
		const header = readFileSync(file, 'utf8')
			.replace(/^\uFEFF/, '')
			.split('\n')[0]!;
		expect(header.split(',')).toEqual(r.fileColumns);
		expect(header).not.toMatch(/(^|,)(name|email|phone)(,|$)/);
		expect(readFileSync(file, 'utf8')).not.toContain('@example.com');
	});

	it('parquet keeps lists and decimals typed', async () => {
		await setSetting(db, 'currency', 'GBP');
		const file = join(dir, 'x.parquet');
		await exportList(db, { rule: everyone, file, format: 'parquet', channel: 'none', columns: COLUMNS });
		const rows = await db.sql<Record<string, unknown>>(
			'SELECT channels_used::VARCHAR AS ch, predicted_clv::VARCHAR AS clv, p_alive::VARCHAR AS p FROM read_parquet($f) WHERE customer_id = $id',
			{ f: file, id: ID }
		);
		expect(rows[0]).toEqual({ ch: '[Zalo, Website]', clv: '1234567.89', p: '0.834' });
	});
});

describe('money digits', () => {
	it('follow the currency', () => {
		expect(moneyDigits('VND')).toBe(0);
		expect(moneyDigits('GBP')).toBe(2);
		expect(moneyDigits('JPY')).toBe(0);
		expect(moneyDigits('nonsense')).toBe(2);
	});
});

describe("the builder's catalogue", () => {
	it('names every field of the whitelist in en and vi', () => {
		for (const f of FIELDS) {
			expect(f.label.en.trim(), f.key).not.toBe('');
			expect(f.label.vi.trim(), f.key).not.toBe('');
		}
		// Vietnamese, not English copied (abbreviations such as "R score" / "Điểm R" still differ)
		const same = FIELDS.filter((f) => f.label.en === f.label.vi).map((f) => f.key);
		expect(same).toEqual([]);
	});

	it('words every operator in en and vi, and every field group', () => {
		for (const op of OPERATORS) {
			expect(enMessages[`op.${op}`], op).toBeTruthy();
			expect(viMessages[`op.${op}`], op).toBeTruthy();
			expect(viMessages[`op.${op}`], op).not.toBe(enMessages[`op.${op}`]);
		}
		for (const g of new Set(FIELDS.map((f) => f.group))) {
			expect(enMessages[`builder.group.${g}`], g).toBeTruthy();
			expect(viMessages[`builder.group.${g}`], g).toBeTruthy();
		}
		expect(
			Object.values(OPERATORS_BY_TYPE)
				.flat()
				.every((o) => OPERATORS.includes(o))
		).toBe(true);
	});

	it('offers the segments, stages and channels with their names', async () => {
		const fields = await fieldCatalog(db);
		const options = (key: string) => fields.find((f) => f.key === key)!.options!;
		const atRisk = options('rfm_segment').find((o) => o.value === 'at_risk')!;
		expect(atRisk.label).toEqual({ en: 'At Risk', vi: 'Có nguy cơ rời bỏ' });
		const stages = options('lifecycle_stage');
		expect(stages.map((o) => o.value).sort()).toEqual(['active', 'at_risk', 'churned', 'new', 'reactivated']);
		expect(stages.find((o) => o.value === 'churned')!.label).toEqual({ en: 'Churned', vi: 'Đã rời bỏ' });
		expect(options('channels_used').find((o) => o.value === 'store')!.label).toEqual({
			en: 'Store',
			vi: 'Cửa hàng'
		});
		expect(options('churn_band').every((o) => o.label.en !== o.value)).toBe(true);
		// a code without a name (a region) is its own name
		expect(options('region').find((o) => o.value === 'Hà Nội')!.label).toEqual({
			en: 'Hà Nội',
			vi: 'Hà Nội'
		});
	});
});
