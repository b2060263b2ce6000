import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/lib/server/db';
import { tempDb, tmpRoot } from '../helpers/db';
import { crm } from '../helpers/cli';
import { seedCustomers } from './fixture';

let path: string;
let cleanup: () => void;
const dir = join(tmpRoot, `list-cli-${randomUUID()}`);

beforeAll(async () => {
	const t = await tempDb();
	path = t.path;
	cleanup = t.cleanup;
	await seedCustomers(t.db, 200);
	t.db.close();
	mkdirSync(dir, { recursive: true });
});
afterAll(() => {
	cleanup?.();
	rmSync(dir, { recursive: true, force: true });
});

// Each call starts the real CLI in a child process (several seconds on a busy machine): generous timeouts.
describe('crm list', { timeout: 300_000 }, () => {
	it('save, list, show, export, delete', async () => {
		const ruleFile = join(dir, 'rule.json');
		writeFileSync(
			ruleFile,
			JSON.stringify({ field: 'rfm_segment', op: 'in', value: ['champions', 'at_risk'] })
		);
		const saved = crm([
			'--db',
			path,
			'list',
			'save',
			'vip list',
			'--rule',
			ruleFile,
			'--description',
			'test'
		]);
		expect(saved.stderr).toBe('');
		expect(saved.status).toBe(0);
		expect(saved.stdout).toMatch(/saved 'vip list': \d+ customers/);

		const list = crm(['--db', path, 'list', 'list', '--json']);
		expect(JSON.parse(list.stdout)).toEqual([
			expect.objectContaining({ name: 'vip list', description: 'test' })
		]);

		const show = crm(['--db', path, 'list', 'show', 'vip list', '--json']);
		const shown = JSON.parse(show.stdout) as { preview: { members: number; withSmsConsent: number } };
		expect(shown.preview.members).toBeGreaterThan(0);

		const out = join(dir, 'vip.csv');
		const exp = crm([
			'--db',
			path,
			'list',
			'export',
			'vip list',
			'--format',
			'csv',
			'--out',
			out,
			'--channel',
			'sms',
			'--columns',
			'customer_id,phone',
			'--json'
		]);
		expect(exp.status).toBe(0);
		const result = JSON.parse(exp.stdout) as { members: number; leftOutNoConsent: number; matched: number };
		expect(result.members).toBe(shown.preview.withSmsConsent);
		expect(result.members + result.leftOutNoConsent).toBe(result.matched);
		const text = readFileSync(out, 'utf8');
		expect(text.startsWith('\uFEFF')).toBe(true);
		const lines = text.slice(1).trim().split('\n');
		expect(lines[0]).toBe('customer_id,phone');
		expect(lines.length - 1).toBe(result.members);

		const db = await Database.open({ path });
		try {
			const ids = await db.sql<{ customer_id: string }>(`SELECT customer_id FROM read_csv($f) ORDER BY 1`, {
				f: out
			});
			const recorded = await db.sql<{ customer_id: string }>(
				'SELECT customer_id FROM segment_export_members ORDER BY 1'
			);
			expect(ids).toEqual(recorded);
		} finally {
			db.close();
		}

		// names in Vietnamese beside the codes; contact details only with --contact
		const viOut = join(dir, 'vip-vi.csv');
		const vi = crm([
			'--db',
			path,
			'list',
			'export',
			'vip list',
			'--out',
			viOut,
			'--channel',
			'none',
			'--columns',
			'customer_id,rfm_segment,p_alive',
			'--contact',
			'--lang',
			'vi'
		]);
		expect(vi.stderr).toBe('');
		expect(vi.status).toBe(0);
		const viLines = readFileSync(viOut, 'utf8').slice(1).trim().split('\n');
		expect(viLines[0]).toBe('customer_id,name,email,phone,rfm_segment,rfm_segment_code,p_alive');
		expect(viLines.slice(1).map((l) => l.split(',').slice(4, 6).join(','))).toContain(
			'Có nguy cơ rời bỏ,at_risk'
		);
		expect(viLines.slice(1).every((l) => /,(\d\.\d{1,3})?$/.test(l))).toBe(true);
		expect(crm(['--db', path, 'list', 'export', 'vip list', '--out', viOut, '--lang', 'fr']).status).toBe(2);

		expect(crm(['--db', path, 'list', 'delete', 'vip list']).status).toBe(0);
		expect(JSON.parse(crm(['--db', path, 'list', 'list', '--json']).stdout)).toEqual([]);
	});

	it('`crm segment`, the old name, does the same after a one-line note on stderr', () => {
		const ruleFile = join(dir, 'old-name.json');
		writeFileSync(ruleFile, JSON.stringify({ field: 'rfm_segment', op: '=', value: 'champions' }));
		const saved = crm(['--db', path, 'segment', 'save', 'old name', '--rule', ruleFile, '--json']);
		expect(saved.status).toBe(0);
		expect(saved.stderr).toBe('`crm segment` is now `crm list`; the old name will go\n');
		const savedAs = JSON.parse(saved.stdout) as { name: string; members: number };
		expect(savedAs.name).toBe('old name');

		const oldList = crm(['--db', path, 'segment', 'list', '--json']);
		const newList = crm(['--db', path, 'list', 'list', '--json']);
		expect(oldList.status).toBe(0);
		expect(oldList.stderr).toBe('`crm segment` is now `crm list`; the old name will go\n');
		expect(newList.stderr).toBe('');
		expect(oldList.stdout).toBe(newList.stdout);
		expect(JSON.parse(newList.stdout)).toEqual([expect.objectContaining({ name: 'old name' })]);

		const help = crm(['--help']);
		expect(help.stdout).toMatch(/^ {2}list\b/m);
		expect(help.stdout).not.toMatch(/^ {2}segment\b/m);
		expect(crm(['--db', path, 'segment', 'delete', 'old name']).status).toBe(0);
	});

	it('says what was wrong', () => {
		const bad = join(dir, 'bad.json');
		writeFileSync(bad, JSON.stringify({ field: 'salary', op: '>', value: 1 }));
		const r = crm(['--db', path, 'list', 'save', 'x', '--rule', bad]);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/unknown field 'salary'; known fields: customer_id/);
		const missing = crm(['--db', path, 'list', 'export', 'nope', '--out', join(dir, 'x.csv')]);
		expect(missing.status).toBe(2);
		expect(missing.stderr).toMatch(/no saved list named 'nope'/);
		const fmt = crm([
			'--db',
			path,
			'list',
			'export',
			'nope',
			'--out',
			join(dir, 'x.csv'),
			'--format',
			'xlsx'
		]);
		expect(fmt.status).toBe(2);
		expect(fmt.stderr).toMatch(/--format must be one of csv, parquet, json/);
	});
});
