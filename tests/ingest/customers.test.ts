import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { ingestFile } from '../../src/lib/server/ingest';
import { customerFields, interactionFields } from '../../src/lib/server/ingest/fields';
import { tempDb } from '../helpers/db';
import { NOW, tempFile, removeTempFiles } from './helpers';

describe('ingestFile (customers)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeEach(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterEach(() => {
		cleanup();
		removeTempFiles();
	});

	const opts = { kind: 'customers' as const, now: NOW, noRefresh: true };

	it('normalises phones to E.164 and e-mails to trimmed lower case; bad values are NULL with a warning', async () => {
		const rows = [
			['k1', '0912 345 678', '  An.Nguyen@Example.COM '],
			['k2', '+84 912.345.679', 'b@example.vn'],
			['k3', '84-912-345-680', ''],
			['k4', '(028) 3823 4567', 'not-an-email'],
			['k5', '+44 20 7946 0958', ''],
			['k6', '12345', ''],
			['k7', '0084912345681', ''],
			['k8', '+84 0912 345 682', '']
		];
		const file = tempFile(
			'c.csv',
			'customer_id,phone,email\n' + rows.map((r) => r.map((v) => `"${v}"`).join(',')).join('\n')
		);
		const r = await ingestFile(db, file, opts);
		expect(r).toMatchObject({ rows_read: 8, rows_loaded: 8, rows_quarantined: 0, customers_created: 8 });
		expect(r.warnings).toEqual({ 'invalid email': 1, 'invalid phone': 1 });
		const got = await db.sql<{
			customer_id: string;
			phone: string | null;
			email: string | null;
			attributes: string;
		}>(
			'SELECT customer_id, phone, email, attributes::VARCHAR AS attributes FROM customers ORDER BY customer_id'
		);
		expect(got.map((c) => [c.customer_id, c.phone, c.email])).toEqual([
			['k1', '+84912345678', 'an.nguyen@example.com'],
			['k2', '+84912345679', 'b@example.vn'],
			['k3', '+84912345680', null],
			['k4', '+842838234567', null],
			['k5', '+442079460958', null],
			['k6', null, null],
			['k7', '+84912345681', null],
			['k8', '+84912345682', null]
		]);
		expect(JSON.parse(got[3]!.attributes)).toEqual({ email_raw: 'not-an-email' });
		expect(JSON.parse(got[5]!.attributes)).toEqual({ phone_raw: '12345' });
	});

	it('maps known columns, keeps the others in attributes, reads gender, birth year and consent', async () => {
		const file = tempFile(
			'c.csv',
			'Customer ID,Full Name,Province,Gender,Year of Birth,Signup Date,Source,Email Opt-in,SMS Consent,Loyalty Tier\n' +
				'k1,Nguyễn Văn An,Hà Nội,Nam,1990,2023-05-01,Facebook,yes,0,Gold\n'
		);
		await ingestFile(db, file, opts);
		const [c] = await db.sql('SELECT * EXCLUDE (source_file, ingest_id) FROM customers');
		expect(c).toMatchObject({
			customer_id: 'k1',
			name: 'Nguyễn Văn An',
			region: 'Hà Nội',
			gender: 'male',
			birth_year: 1990,
			acquisition_channel: 'facebook',
			consent_email: true,
			consent_sms: false,
			source_line: 2
		});
		expect(JSON.parse(String(c!.attributes))).toEqual({ 'Loyalty Tier': 'Gold' });
	});

	it('keeps country and region apart: a Country column is the country, a City or State column the region', async () => {
		const file = tempFile(
			'c.csv',
			'Customer ID,Country,City\nk1,United Kingdom,London\nk2,France,\n' + 'k3,,Hà Nội\n'
		);
		await ingestFile(db, file, opts);
		const only = tempFile('d.csv', 'customer_id,Country Name\nk4,Germany\n');
		await ingestFile(db, only, opts);
		const rows = await db.sql('SELECT customer_id, region, country FROM customers ORDER BY 1');
		expect(rows).toEqual([
			{ customer_id: 'k1', region: 'London', country: 'United Kingdom' },
			{ customer_id: 'k2', region: null, country: 'France' },
			{ customer_id: 'k3', region: 'Hà Nội', country: null },
			{ customer_id: 'k4', region: null, country: 'Germany' }
		]);
		// no synonym of one is a synonym of the other, in either kind of file
		for (const fields of [customerFields, interactionFields]) {
			expect(fields.country.filter((s) => (customerFields.region as readonly string[]).includes(s))).toEqual(
				[]
			);
		}
	});

	it('quarantines a repeated customer_id in one file and upserts ids already in the database', async () => {
		await ingestFile(db, tempFile('a.csv', 'customer_id,name,email\nk1,An,an@x.vn\nk2,Binh,\n'), opts);
		const r = await ingestFile(
			db,
			tempFile('b.csv', 'customer_id,name,email\nk1,,an.new@x.vn\nk3,Chi,\nk3,Chi again,\n,Nobody,\n'),
			opts
		);
		expect(r).toMatchObject({
			rows_read: 4,
			rows_loaded: 2,
			rows_quarantined: 2,
			reasons: { 'duplicate id': 1, 'missing customer id': 1 },
			customers_created: 1,
			customers_updated: 1
		});
		expect(await db.sql('SELECT customer_id, name, email FROM customers ORDER BY 1')).toEqual([
			{ customer_id: 'k1', name: 'An', email: 'an.new@x.vn' },
			{ customer_id: 'k2', name: 'Binh', email: null },
			{ customer_id: 'k3', name: 'Chi', email: null }
		]);
	});

	it('reports possible duplicates (same e-mail or phone, different id) without merging them', async () => {
		const file = tempFile(
			'd.csv',
			'customer_id,email,phone\nk1,a@x.vn,0912345678\nk2,A@X.VN ,\nk3,c@x.vn,+84912345678\nk4,d@x.vn,0987654321\n'
		);
		const r = await ingestFile(db, file, opts);
		expect(r.rows_loaded).toBe(4);
		expect(r.possible_duplicates).toEqual({
			groups: 2,
			examples: [
				{ by: 'email', customer_ids: ['k1', 'k2'] },
				{ by: 'phone', customer_ids: ['k1', 'k3'] }
			]
		});
		expect((await db.sql('SELECT count(*)::INTEGER AS n FROM customers'))[0]).toEqual({ n: 4 });
	});
});
