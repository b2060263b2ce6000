import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignResults } from '../../src/lib/server/campaigns';
import type { Database } from '../../src/lib/server/db';
import { generateDemo } from '../../src/lib/server/demo';
import { addDemoCampaigns, DEMO_CAMPAIGN_SOURCE } from '../../src/lib/server/demo/campaigns';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { tempDb } from '../helpers/db';

/**
 * The generator's campaigns have a known effect (demo/campaigns.ts); over many seeds (each a new holdout draw and
 * a new response) the 95% intervals must cover it about 95% of the time, and with no effect the test must reject
 * about 5% of the time. Each seed's added purchases are removed before the next.
 */
let db: Database;
let cleanup: () => void;
beforeAll(async () => {
	const t = await tempDb();
	db = t.db;
	cleanup = t.cleanup;
	await generateDemo(db, { customers: 4000, seed: 5 });
	await refreshDerived(db);
}, 240_000);
afterAll(() => cleanup?.());

async function runSeeds(effect: number, seeds: number) {
	const out = [];
	for (let seed = 1; seed <= seeds; seed++) {
		const [c] = await addDemoCampaigns(db, {
			campaigns: 1,
			effect,
			seed: seed + Math.round(effect * 1000) * 1000
		});
		const r = await campaignResults(db, c!.campaignId);
		out.push({ truth: c!.trueEffect, lift: r.lift });
		await db.exec('DELETE FROM interactions WHERE source_file = $s', { s: DEMO_CAMPAIGN_SOURCE });
	}
	return out;
}

describe('demo campaigns with a known effect', () => {
	it('95% intervals cover the true conversion lift in 45-50 of 50 seeds', async () => {
		const runs = await runSeeds(0.08, 50);
		const covered = runs.filter(
			(r) =>
				r.lift.conversionLiftLow! <= r.truth.conversionLift &&
				r.truth.conversionLift <= r.lift.conversionLiftHigh!
		).length;
		const revenueCovered = runs.filter(
			(r) =>
				r.lift.revenueLiftLow! <= r.truth.revenuePerCustomer &&
				r.truth.revenuePerCustomer <= r.lift.revenueLiftHigh!
		).length;
		const detected = runs.filter((r) => r.lift.verdict === 'positive').length;
		console.log(
			`coverage over 50 seeds: conversion ${covered}/50, revenue per customer ${revenueCovered}/50; ` +
				`true conversion lift ${runs[0]!.truth.conversionLift.toFixed(4)}, detected ${detected}/50`
		);
		expect(covered).toBeGreaterThanOrEqual(45);
		expect(revenueCovered).toBeGreaterThanOrEqual(43);
		// the effect is real: the mean estimate is near the truth
		const mean = runs.reduce((s, r) => s + r.lift.conversionLift!, 0) / runs.length;
		expect(Math.abs(mean - runs[0]!.truth.conversionLift)).toBeLessThan(0.01);
	}, 600_000);

	it('with no effect the test rejects at about the 5% level', async () => {
		const runs = await runSeeds(0, 100);
		const rejected = runs.filter((r) => r.lift.pValue! < 0.05).length;
		console.log(`zero effect: rejected in ${rejected}/100 seeds at the 5% level`);
		expect(runs.every((r) => r.truth.conversionLift === 0)).toBe(true);
		// Binomial(100, 0.05): 0..11 holds with probability > 99.5%
		expect(rejected).toBeLessThanOrEqual(11);
		expect(rejected).toBeGreaterThanOrEqual(1); // not so conservative that it never rejects
	}, 600_000);
});
