import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDb, tmpRoot } from '../helpers/db';
import { crm } from '../helpers/cli';

let path: string;
let cleanup: () => void;
const out = join(tmpRoot, `campaign-cli-${process.pid}.csv`);

beforeAll(async () => {
	const t = await tempDb();
	path = t.path;
	cleanup = t.cleanup;
	t.db.close();
	const demo = crm([
		'--db',
		path,
		'demo',
		'--customers',
		'1500',
		'--campaigns',
		'1',
		'--campaign-effect',
		'0.2',
		'--json'
	]);
	expect(demo.status, demo.stderr).toBe(0);
}, 300_000);
afterAll(() => {
	cleanup?.();
	rmSync(out, { force: true });
});

// Each call starts the real CLI in a child process (seconds on a busy machine): generous timeouts.
describe('crm campaign', { timeout: 300_000 }, () => {
	it('lists, creates, launches, reports and exports with clean --json', () => {
		const list = JSON.parse(crm(['--db', path, 'campaign', 'list', '--json']).stdout) as {
			campaignId: number;
			sendDate: string;
			trueConversionLift: number;
		}[];
		expect(list).toHaveLength(1);
		const demo = list[0]!;
		const results = JSON.parse(
			crm(['--db', path, 'campaign', 'results', String(demo.campaignId), '--json']).stdout
		) as {
			lift: { verdict: string; conversionLiftLow: number; conversionLiftHigh: number };
			verdictText: string;
		};
		expect(results.lift.verdict).toBe('positive');
		expect(results.lift.conversionLiftLow).toBeLessThanOrEqual(demo.trueConversionLift);
		expect(results.lift.conversionLiftHigh).toBeGreaterThanOrEqual(demo.trueConversionLift);
		expect(results.verdictText).toMatch(/^The campaign worked/);

		const created = crm([
			'--db',
			path,
			'campaign',
			'create',
			'--name',
			'cli',
			'--list',
			'Demo: buyers before ' + demo.sendDate,
			'--channel',
			'email',
			'--send-date',
			demo.sendDate,
			'--seed',
			'5',
			'--launch',
			'--json'
		]);
		expect(created.status, created.stderr).toBe(0);
		const c = JSON.parse(created.stdout) as { campaignId: number; treated: number; control: number };
		expect(Math.abs(c.control / (c.treated + c.control) - 0.1)).toBeLessThan(0.01);
		const exported = JSON.parse(
			crm(['--db', path, 'campaign', 'export', String(c.campaignId), '--out', out, '--json']).stdout
		) as { members: number; channel: string };
		expect(exported).toMatchObject({ members: c.treated, channel: 'email' });
		expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(c.treated + 1);

		const bad = crm([
			'--db',
			path,
			'campaign',
			'create',
			'--name',
			'x',
			'--list',
			'nope',
			'--channel',
			'email',
			'--send-date',
			demo.sendDate
		]);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/no saved list named 'nope'/);
	});
});
