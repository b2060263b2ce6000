import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	campaignResults,
	createCampaign,
	exportCampaign,
	launchCampaign,
	listCampaignExports
} from '../../src/lib/server/campaigns';
import type { Database } from '../../src/lib/server/db';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { tempDb, tmpRoot } from '../helpers/db';
import { addDays, demoWithBuyers } from './fixture';

let db: Database;
let cleanup: () => void;
let lastDay: string;

beforeAll(async () => {
	const t = await tempDb();
	db = t.db;
	cleanup = t.cleanup;
	({ lastDay } = await demoWithBuyers(db, 12_000));
}, 240_000);
afterAll(() => cleanup?.());

let made = 0;
async function launched(share: number, seed: number, channel: 'email' | 'sms' | 'zalo' = 'email') {
	const c = await createCampaign(db, {
		name: `c${++made}`,
		list: 'buyers',
		channel,
		sendDate: addDays(lastDay, -40),
		holdoutShare: share,
		seed
	});
	return launchCampaign(db, c.campaignId);
}

describe('launch', () => {
	it('leaves out and counts members without consent for the channel', async () => {
		const c = await launched(0.1, 1);
		const [n] = await db.sql<{ buyers: number; consenting: number }>(
			`SELECT count(*)::INTEGER AS buyers, count(*) FILTER (WHERE c.consent_email)::INTEGER AS consenting
			 FROM customer_features f JOIN customers c USING (customer_id) WHERE f.orders >= 1`
		);
		expect(c.matched).toBe(n!.buyers);
		expect(c.members).toBe(n!.consenting);
		expect(c.leftOutNoConsent).toBe(n!.buyers - n!.consenting);
		expect(c.leftOutNoConsent).toBeGreaterThan(0);
		// nobody has zalo consent in the demo: every member is left out
		const z = await launched(0.1, 1, 'zalo');
		expect(z.members).toBe(0);
		expect(z.leftOutNoConsent).toBe(n!.buyers);
	});

	it('holds out the asked share within 1 point, in every segment, for lists of 10,000', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: 2 ** 31 - 1 }),
				fc.double({ min: 0.05, max: 0.5, noNaN: true }),
				async (seed, share) => {
					const c = await launched(share, seed);
					expect(c.members).toBeGreaterThan(10_000);
					expect(Math.abs(c.control / c.members - share)).toBeLessThan(0.01);
					const strata = await db.sql<{ n: number; control: number }>(
						`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE NOT treated)::INTEGER AS control
					 FROM campaign_members WHERE campaign_id = $id::BIGINT GROUP BY stratum`,
						{ id: c.campaignId }
					);
					for (const s of strata) expect(Math.abs(s.control - s.n * share)).toBeLessThanOrEqual(0.5);
				}
			),
			{ numRuns: 8 }
		);
	});

	it('draws the same groups from the same seed and different ones from another', async () => {
		const groups = async (id: number) =>
			(
				await db.sql<{ customer_id: string }>(
					'SELECT customer_id FROM campaign_members WHERE campaign_id = $id::BIGINT AND NOT treated ORDER BY 1',
					{ id }
				)
			).map((r) => r.customer_id);
		const a = await launched(0.1, 77);
		const b = await launched(0.1, 77);
		const c = await launched(0.1, 78);
		expect(await groups(b.campaignId)).toEqual(await groups(a.campaignId));
		expect(await groups(c.campaignId)).not.toEqual(await groups(a.campaignId));
	});

	it('refuses a second launch', async () => {
		const c = await launched(0.1, 3);
		await expect(launchCampaign(db, c.campaignId)).rejects.toThrow(/launch is final/);
	});
});

describe('after new data', () => {
	it('never moves a customer between groups, and the results see the new purchases', async () => {
		const c = await launched(0.1, 11);
		const snapshot = async () =>
			db.sql(
				'SELECT customer_id, treated, stratum FROM campaign_members WHERE campaign_id = $id::BIGINT ORDER BY 1',
				{
					id: c.campaignId
				}
			);
		const before = await snapshot();
		const r0 = await campaignResults(db, c.campaignId);
		// new purchases in the window for 200 control members, and the refresh that moves their RFM segments
		await db.exec(
			`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount)
			 SELECT concat('new-', customer_id), customer_id, $day::TIMESTAMP + INTERVAL 10 HOUR, 'purchase', 'web',
			   concat('N-', customer_id), 500000
			 FROM campaign_members WHERE campaign_id = $id::BIGINT AND NOT treated ORDER BY customer_id LIMIT 200`,
			{ id: c.campaignId, day: addDays(lastDay, -39) }
		);
		await refreshDerived(db);
		expect(await snapshot()).toEqual(before);
		const r1 = await campaignResults(db, c.campaignId);
		const control = (r: typeof r0) => r.groups.find((g) => g.group === 'control')!;
		expect(control(r1).customers).toBe(control(r0).customers);
		expect(control(r1).orders).toBe(control(r0).orders + 200);
		expect(control(r1).converters).toBeGreaterThan(control(r0).converters);
	});
});

describe('export', () => {
	it('writes the treated consenting members only and records who, when, how many, which channel', async () => {
		const c = await launched(0.1, 21);
		// one treated member withdraws consent after the launch
		const [gone] = await db.sql<{ customer_id: string }>(
			'SELECT customer_id FROM campaign_members WHERE campaign_id = $id::BIGINT AND treated ORDER BY 1 LIMIT 1',
			{ id: c.campaignId }
		);
		await db.exec('UPDATE customers SET consent_email = FALSE WHERE customer_id = $id', {
			id: gone!.customer_id
		});
		const file = join(tmpRoot, `campaign-${c.campaignId}.csv`);
		const e = await exportCampaign(db, c.campaignId, file, 'tester');
		const lines = readFileSync(file, 'utf8').trim().split('\n');
		expect(lines[0]).toBe('customer_id,email');
		const ids = lines.slice(1).map((l) => l.split(',')[0]);
		const treated = await db.sql<{ customer_id: string }>(
			'SELECT customer_id FROM campaign_members WHERE campaign_id = $id::BIGINT AND treated ORDER BY 1',
			{ id: c.campaignId }
		);
		expect(ids).toEqual(treated.map((r) => r.customer_id).filter((id) => id !== gone!.customer_id));
		expect(e).toMatchObject({
			exportedBy: 'tester',
			channel: 'email',
			members: c.treated - 1,
			leftOutNoConsent: 1
		});
		expect((await listCampaignExports(db, c.campaignId))[0]!.exportId).toBe(e.exportId);
		// and exactly one audit row (#19)
		const audit = await db.sql<{ n: number; rows: number }>(
			`SELECT count(*)::INTEGER AS n, max(row_count)::INTEGER AS rows FROM audit_log
			 WHERE action = 'export' AND target = $t`,
			{ t: `campaign ${c.campaignId}` }
		);
		expect(audit[0]).toEqual({ n: 1, rows: c.treated - 1 });
	});
});
