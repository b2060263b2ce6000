import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as customerGet } from '../../src/routes/api/customer/[id]/+server';
import { GET as customersGet } from '../../src/routes/api/customers/+server';
import { GET as exportGet, POST as exportPost } from '../../src/routes/api/list-export/+server';
import { appDb } from '../../src/lib/server/app-db';
import { maskEmailForRole, maskPhoneForRole } from '../../src/lib/server/auth/mask';
import type { SignedIn } from '../../src/lib/server/auth/roles';
import { exportFile } from '../../src/lib/server/lists/download';
import { demoAppDb } from '../helpers/db';

type Handler = (e: never) => Promise<Response>;
const analyst: SignedIn = { name: 'ana', role: 'analyst' };
const marketer: SignedIn = { name: 'mark', role: 'marketer' };

async function call(h: Handler, path: string, user: SignedIn | null, init?: RequestInit, params = {}) {
	const url = new URL(`http://127.0.0.1${path}`);
	try {
		return await h({
			url,
			request: new Request(url, init),
			params,
			locals: { user, address: '127.0.0.1' }
		} as never);
	} catch (e) {
		const status = (e as { status?: number }).status;
		if (status) return new Response(null, { status });
		throw e;
	}
}

async function auditCount(action: string): Promise<number> {
	const rows = await (
		await appDb()
	).sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = $a', { a: action });
	return rows[0]!.n;
}

describe('masks', () => {
	it('writes e-mails, phones as the issue shows', () => {
		expect(maskEmailForRole('nguyen.lan@dragon.vn')).toBe('n***@d***.vn');
		expect(maskPhoneForRole('+84912345678')).toBe('+84 *** *** 678');
	});
});

describe('personal data by role, reveals and exports audited', () => {
	let release: () => Promise<void>;
	let someone: { customer_id: string; email: string | null; phone: string | null; name: string | null };
	beforeAll(async () => {
		({ release } = await demoAppDb(300));
		const db = await appDb();
		someone = (
			await db.sql<typeof someone>(
				`SELECT customer_id, email, phone, name FROM customers WHERE email IS NOT NULL AND phone IS NOT NULL
				 ORDER BY customer_id LIMIT 1`
			)
		)[0]!;
		// a customer whose name is a spreadsheet formula
		await db.exec(`UPDATE customers SET name = '=1+1' WHERE customer_id = $id`, { id: someone.customer_id });
	});
	afterAll(async () => release());

	it('an analyst sees masked contacts in lists and profiles; a marketer and local mode see them', async () => {
		const list = (await (
			await call(customersGet as Handler, '/api/customers?contact=1&format=json', analyst)
		).json()) as {
			email: string | null;
			phone: string | null;
		}[];
		const emails = list.map((r) => r.email).filter((e): e is string => !!e);
		expect(emails.length).toBeGreaterThan(0);
		for (const e of emails) expect(e).toMatch(/^.\*\*\*@.\*\*\*(\.\w+)?$/);
		const path = `/api/customer/${someone.customer_id}?format=json`;
		const params = { id: someone.customer_id };
		const masked = (
			(await (
				await call(customerGet as Handler, path, analyst, undefined, params)
			).json()) as (typeof someone)[]
		)[0]!;
		expect(masked.email).toBe(maskEmailForRole(someone.email));
		expect(masked.phone).toBe(maskPhoneForRole(someone.phone));
		expect(masked.name).toBe('=.');
		for (const user of [marketer, null]) {
			const full = (
				(await (
					await call(customerGet as Handler, path, user, undefined, params)
				).json()) as (typeof someone)[]
			)[0]!;
			expect(full.email).toBe(someone.email);
		}
	});

	it('a reveal shows the contact and leaves exactly one audit row', async () => {
		const before = await auditCount('reveal');
		const path = `/api/customer/${someone.customer_id}?format=json&reveal=1`;
		const res = await call(customerGet as Handler, path, analyst, undefined, { id: someone.customer_id });
		const row = ((await res.json()) as (typeof someone)[])[0]!;
		expect(row.email).toBe(someone.email);
		expect(await auditCount('reveal')).toBe(before + 1);
		const db = await appDb();
		const last = await db.sql<{ actor: string; target: string }>(
			"SELECT actor, target FROM audit_log WHERE action = 'reveal' ORDER BY audit_id DESC LIMIT 1"
		);
		expect(last[0]).toEqual({ actor: 'ana', target: `customer ${someone.customer_id}` });
	});

	it('an export leaves one audit row, is fetched by its key by its role only, and =1+1 opens as text', async () => {
		const before = await auditCount('export');
		const body = JSON.stringify({
			rule: { field: 'customer_id', op: 'in', value: [someone.customer_id] },
			columns: ['customer_id', 'name', 'email', 'phone'],
			channel: 'none',
			requireConsent: false
		});
		const res = await call(exportPost as Handler, '/api/list-export', marketer, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body
		});
		expect(res.status).toBe(200);
		const made = (await res.json()) as { download: string; downloadKey: string; members: number };
		expect(made.members).toBe(1);
		expect(made.download).toMatch(/^\/api\/list-export\?key=[\w-]{32}$/);
		expect(await auditCount('export')).toBe(before + 1);
		const audit = await (
			await appDb()
		).sql<{ actor: string; rows: number; columns: string[] }>(
			"SELECT actor, row_count AS rows, column_names AS columns FROM audit_log WHERE action = 'export' ORDER BY audit_id DESC LIMIT 1"
		);
		expect(audit[0]).toEqual({ actor: 'mark', rows: 1, columns: ['customer_id', 'name', 'email', 'phone'] });

		const found = await exportFile(await appDb(), made.downloadKey);
		const csv = readFileSync(found!.file, 'utf8');
		expect(csv).toContain(`,'=1+1,`);
		expect(csv).toContain(someone.phone!);

		expect((await call(exportGet as Handler, made.download, analyst)).status).toBe(403);
		expect((await call(exportGet as Handler, made.download, marketer)).status).toBe(200);
		expect(
			(await call(exportGet as Handler, '/api/list-export?key=' + 'A'.repeat(32), marketer)).status
		).toBe(404);
		expect((await call(exportGet as Handler, '/api/list-export?id=1', null)).status).toBe(400);
	});
});
