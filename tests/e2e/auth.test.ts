/**
 * Team mode end to end (#19), the production build in Chromium: beyond loopback without users the server does not
 * start; with users every page needs a sign-in; an analyst sees masked e-mails, reveals one (one audit row) and
 * cannot open an export; a marketer exports a list and downloads it; leadership sees the Overview but gets 403 on a
 * customer's page; a name typed before the sign-in page hydrates is kept.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './helpers/browser';
import { demoDatabase, ensureBuild, freePort, root, startApp, type RunningApp } from './helpers/app';
import { waitUsable } from './helpers/ready';

const PASSWORD = 'correct horse battery';
const crm = (db: string, args: string[], input?: string) =>
	spawnSync(process.execPath, [join(root, 'bin', 'crm.js'), ...args], {
		cwd: root,
		encoding: 'utf8',
		input,
		env: { ...process.env, CRM_DB: db }
	});

let browser: Browser;
let app: RunningApp;
let db: ReturnType<typeof demoDatabase>;
let customerId: string;

beforeAll(async () => {
	ensureBuild((m) => console.log(m));
	db = demoDatabase(300);
	browser = await launchChromium();
}, 600_000);

afterAll(async () => {
	await app?.stop();
	await browser?.close();
	db?.cleanup();
});

async function signIn(name: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await page.goto(`${app.base}/customers`);
	expect(new URL(page.url()).pathname).toBe('/login');
	await page.fill('input[name=name]', name);
	await page.fill('input[name=password]', PASSWORD);
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/customers'),
		page.click('[data-testid=login-submit]')
	]);
	return page;
}

describe('team mode', () => {
	it('refuses to start on HOST=0.0.0.0 without users, and says how to create one', async () => {
		const r = spawnSync(process.execPath, [join(root, 'build', 'index.js')], {
			cwd: root,
			encoding: 'utf8',
			timeout: 60_000,
			env: { ...process.env, HOST: '0.0.0.0', PORT: String(await freePort()), CRM_DB: db.path }
		});
		expect(r.status).not.toBe(0);
		expect(r.status).not.toBeNull();
		expect(r.stderr).toContain('crm user add NAME --role admin');
	});

	it('with users it serves only after sign-in, each role as specified', async () => {
		for (const role of ['analyst', 'marketer', 'leadership']) {
			const r = crm(db.path, ['user', 'add', role, '--role', role], PASSWORD);
			expect(r.status, r.stderr).toBe(0);
		}
		app = await startApp(db.path, 90_000, '/login');
		expect(app.output()).toContain('mode: team, 3 user(s)');
		const anonymous = await fetch(`${app.base}/api/customers?format=json`);
		expect(anonymous.status).toBe(401);

		// analyst: masked e-mails, one audited reveal, no export
		const analyst = await signIn('analyst');
		await waitUsable(analyst);
		const rows = (await analyst.evaluate(async () =>
			(await fetch('/api/customers?format=json&contact=1&page_size=20')).json()
		)) as { customer_id: string; email: string | null }[];
		const withEmail = rows.find((r) => r.email)!;
		expect(withEmail.email).toMatch(/^.\*\*\*@.\*\*\*/);
		customerId = withEmail.customer_id;
		await analyst.goto(`${app.base}/customers/${encodeURIComponent(customerId)}`);
		await waitUsable(analyst);
		await expect.poll(() => analyst.textContent('main')).toContain(withEmail.email!);
		await Promise.all([analyst.waitForURL(/reveal=1/), analyst.click('[data-testid=reveal]')]);
		await waitUsable(analyst);
		const shown = await analyst.textContent('main');
		expect(shown).not.toContain(withEmail.email!);
		expect(shown).toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
		const analystExport = await analyst.evaluate(async () => {
			const r = await fetch('/api/list-export', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ rule: { field: 'p_alive', op: '>=', value: 0 }, channel: 'none' })
			});
			return r.status;
		});
		expect(analystExport).toBe(403);

		// marketer: exports a list and downloads it
		const marketer = await signIn('marketer');
		const made = (await marketer.evaluate(async () => {
			const r = await fetch('/api/list-export', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					rule: { field: 'p_alive', op: '>=', value: 0.5 },
					listName: 'e2e',
					channel: 'none',
					requireConsent: false,
					columns: ['customer_id', 'email']
				})
			});
			const body = (await r.json()) as { download: string; members: number };
			const file = await fetch(body.download);
			return {
				status: r.status,
				members: body.members,
				download: body.download,
				file: file.status,
				csv: await file.text()
			};
		})) as { status: number; members: number; download: string; file: number; csv: string };
		expect(made.status).toBe(200);
		expect(made.file).toBe(200);
		expect(made.csv.trim().split('\n').length).toBe(made.members + 1);
		// the analyst cannot open it
		expect(await analyst.evaluate(async (u) => (await fetch(u)).status, made.download)).toBe(403);

		// leadership: the Overview, not a customer. The name is typed before the page's scripts run (they are held
		// back until then): hydration must keep it, or the form never submits (required) and nobody can sign in.
		const context = await browser.newContext();
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		await context.route('**/_app/immutable/**/*.js', async (route) => {
			await held;
			await route.continue();
		});
		const lead = await context.newPage();
		await lead.goto(`${app.base}/login`, { waitUntil: 'domcontentloaded' });
		await lead.fill('input[name=name]', 'leadership');
		await lead.fill('input[name=password]', PASSWORD);
		release();
		await waitUsable(lead);
		expect(await lead.inputValue('input[name=name]')).toBe('leadership');
		expect(await lead.inputValue('input[name=password]')).toBe(PASSWORD);
		await Promise.all([lead.waitForURL((u) => u.pathname === '/'), lead.click('[data-testid=login-submit]')]);
		await waitUsable(lead);
		expect(await lead.textContent('main')).toBeTruthy();
		const customerPage = await lead.goto(`${app.base}/customers/${encodeURIComponent(customerId)}`);
		expect(customerPage?.status()).toBe(403);

		await app.stop();
		const audit = crm(db.path, ['audit', '--json', '--action', 'reveal']);
		expect(audit.status, audit.stderr).toBe(0);
		const reveals = JSON.parse(audit.stdout) as { actor: string; target: string }[];
		expect(reveals).toEqual([
			expect.objectContaining({ actor: 'analyst', target: `customer ${customerId}` })
		]);
		const exports = JSON.parse(crm(db.path, ['audit', '--json', '--action', 'export']).stdout) as {
			rows: number;
		}[];
		expect(exports.map((e) => e.rows)).toEqual([made.members]);
	}, 300_000);
});
