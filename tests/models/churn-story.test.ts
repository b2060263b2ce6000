import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db';
import { generateDemo } from '../../src/lib/server/demo';
import { ingestFile } from '../../src/lib/server/ingest';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { purchaseModelInUse } from '../../src/lib/server/models/selection';
import { sharedDatasets, tempDb } from '../helpers/db';

// Issue 13, "one churn story": the lifecycle rule (churned = no purchase in the last inactivity_days) and the model
// (churn = no purchase in the next inactivity_days) must not contradict where the rule is most certain.
async function churnStory(db: Database) {
	const lostBands = await db.sql<{ band: string | null; n: number }>(
		`SELECT p.churn_band AS band, count(*)::INTEGER AS n
		 FROM customer_summary s JOIN current_predictions p USING (customer_id)
		 WHERE s.lifecycle_stage = 'churned' AND s.rfm_segment = 'lost' GROUP BY 1`
	);
	const meanAlive = await db.sql<{ segment: string; p: number }>(
		`SELECT s.rfm_segment AS segment, avg(p.p_alive) AS p
		 FROM customer_summary s JOIN current_predictions p USING (customer_id) GROUP BY 1`
	);
	const oneTime = await db.sql<{ age: number; p: number }>(
		`SELECT (max(s.last_purchase_at::DATE) OVER () - s.first_purchase_at::DATE) AS age, p.p_alive AS p
		 FROM customer_summary s JOIN current_predictions p USING (customer_id)
		 WHERE s.purchase_days = 1 ORDER BY age`
	);
	return {
		lostBands,
		lost: meanAlive.find((r) => r.segment === 'lost')!.p,
		champions: meanAlive.find((r) => r.segment === 'champions')!.p,
		oneTime
	};
}

function expectOneStory(story: Awaited<ReturnType<typeof churnStory>>) {
	expect(story.lostBands.reduce((n, b) => n + b.n, 0)).toBeGreaterThan(0);
	expect(story.lostBands.filter((b) => b.band === 'low')).toEqual([]);
	expect(story.lost).toBeLessThan(story.champions);
	const ages = story.oneTime;
	expect(ages.length).toBeGreaterThan(50);
	for (let i = 1; i < ages.length; i++) expect(ages[i]!.p).toBeLessThanOrEqual(ages[i - 1]!.p + 1e-9);
	expect(ages[ages.length - 1]!.p).toBeLessThan(ages[0]!.p - 0.05);
}

describe('one churn story on the sample data', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		await generateDemo(db, { customers: 3000, seed: 5 });
		await refreshDerived(db);
	}, 300_000);
	afterAll(() => cleanup());

	it('no churned Lost customer in the low band, Lost below Champions, one-time buyers fade with age', async () => {
		const inUse = await purchaseModelInUse(db);
		expect(['mbg-nbd', 'pareto-nbd']).toContain(inUse?.model);
		expectOneStory(await churnStory(db));
	});
});

const shared = sharedDatasets();
if (!shared) console.warn('skipping the Online Retail II churn story: ../shared/datasets is absent');

describe.skipIf(!shared)('one churn story on Online Retail II', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		await ingestFile(db, join(shared!, 'online_retail', 'online_retail_ii.parquet'), {
			preset: 'online-retail'
		});
		await refreshDerived(db);
	}, 600_000);
	afterAll(() => cleanup());

	it('auto chooses among the models defined for one-time buyers, and the story holds', async () => {
		const inUse = (await purchaseModelInUse(db))!;
		expect(inUse.mode).toBe('auto');
		expect(['mbg-nbd', 'pareto-nbd']).toContain(inUse.model);
		expectOneStory(await churnStory(db));
	}, 60_000);
});
