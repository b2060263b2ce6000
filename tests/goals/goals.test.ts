import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { setSetting } from '../../src/lib/server/db/settings';
import { generateDemo } from '../../src/lib/server/demo';
import { refreshDerived } from '../../src/lib/server/pipeline';
import {
	actOnCycle,
	addCycle,
	addGoal,
	getGoal,
	listCycles,
	deleteGoal,
	goalsStatus,
	kpiSeries,
	listGoals,
	nextPeriod,
	trendForecast,
	type GoalKpi
} from '../../src/lib/server/goals';
import { tempDb } from '../helpers/db';

describe('goals on the sample data (2,000 customers, 2023-2025, as of 2026-01-01)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		const t = await tempDb();
		db = t.db;
		cleanup = t.cleanup;
		await generateDemo(db, { customers: 2000, seed: 5 });
		await refreshDerived(db);
	}, 300_000);
	afterAll(() => cleanup());

	const latest = async (kpi: GoalKpi) => {
		const s = (await kpiSeries(db, kpi, 'month', {})).filter((p) => p.usable && p.value !== null);
		return s.at(-1)!;
	};
	const statusOf = async (id: number) => (await goalsStatus(db)).find((g) => g.goal_id === id)!;

	it('a goal whose target is what the data reaches is achieved; twice as high is off track', async () => {
		const last = await latest('revenue');
		const reached = await addGoal(db, {
			kpi: 'revenue',
			target: last.value!,
			direction: 'increase',
			start_date: '2025-07-01',
			deadline: '2026-06-30'
		});
		const twice = await addGoal(db, {
			...reached,
			target: 2 * last.value!,
			why: 'double the monthly revenue'
		});
		const a = await statusOf(reached.goal_id);
		expect(a.pacing.actual).toBe(last.value);
		expect(a.pacing.actual_period).toBe(last.period);
		expect(a.pacing.status).toBe('achieved');
		const b = await statusOf(twice.goal_id);
		expect(b.pacing.status).toBe('off_track');
		expect(b.pacing.forecast!.high).toBeLessThan(b.pacing.forecast!.value * 2);
		expect(b.pacing.forecast!.high).toBeLessThan(2 * last.value!);
		// the path runs from the baseline (June 2025, the last month before the start) to the target at the deadline
		const june = (await kpiSeries(db, 'revenue', 'month', {})).find((p) => p.period === '2025-06-01')!;
		expect(b.pacing.baseline).toBe(june.value);
		const frac =
			(Date.parse('2025-12-31') - Date.parse('2025-07-01')) /
			(Date.parse('2026-06-30') - Date.parse('2025-07-01'));
		expect(b.pacing.expected).toBeCloseTo(june.value! + (2 * last.value! - june.value!) * frac, 6);
		// the chart reaches the deadline's month with a forecast band
		const end = b.pacing.points.at(-1)!;
		expect(end.period).toBe('2026-06-01');
		expect(end.low! < end.forecast! && end.forecast! < end.high!).toBe(true);
		await deleteGoal(db, reached.goal_id);
		await deleteGoal(db, twice.goal_id);
		expect(await listGoals(db)).toEqual([]);
	});

	it('a churn goal (lower is better) past its deadline and not met is missed', async () => {
		const s = (await kpiSeries(db, 'churn_rate', 'month', {})).filter((p) => p.usable && p.value !== null);
		const june = s.find((p) => p.period === '2025-06-01')!;
		const g = await addGoal(db, {
			kpi: 'churn_rate',
			target: june.value! / 2,
			direction: 'decrease',
			start_date: '2025-01-01',
			deadline: '2025-06-30'
		});
		const st = await statusOf(g.goal_id);
		expect(st.pacing.actual).toBe(june.value);
		expect(st.pacing.status).toBe('missed');
		await deleteGoal(db, g.goal_id);
	});

	it('PDCA check: the revenue before and after the Do date equals the sums of the purchases and refunds', async () => {
		const g = await addGoal(db, {
			kpi: 'revenue',
			target: 1e12,
			direction: 'increase',
			start_date: '2025-01-01',
			deadline: '2026-06-30'
		});
		const id = await addCycle(db, g.goal_id, {
			plan: 'win-back e-mail to at-risk customers',
			do_date: '2025-04-15'
		});
		await actOnCycle(db, id, { act: 'adjust', act_note: 'only the top segment' });
		const [c] = await listCycles(db, await getGoal(db, g.goal_id));
		// before: the 3 complete months that ended before 15 April; after: the 3 that begin on or after it
		expect(c!.check!.before_periods).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
		expect(c!.check!.after_periods).toEqual(['2025-05-01', '2025-06-01', '2025-07-01']);
		const independent = async (from: string, to: string) =>
			Number(
				(
					await db.sql<{ v: number }>(
						`SELECT sum(amount)::DOUBLE / 3 AS v FROM interactions
						 WHERE type IN ('purchase', 'refund') AND occurred_at >= $from::DATE AND occurred_at < $to::DATE`,
						{ from, to }
					)
				)[0]!.v
			);
		expect(c!.check!.before).toBeCloseTo(await independent('2025-01-01', '2025-04-01'), 2);
		expect(c!.check!.after).toBeCloseTo(await independent('2025-05-01', '2025-08-01'), 2);
		expect(c!.act).toBe('adjust');
		expect((await goalsStatus(db)).find((x) => x.goal_id === g.goal_id)!.cycles).toHaveLength(1);
		await deleteGoal(db, g.goal_id);
	});

	it('the status of several goals gives each its own cycles, with the checks listCycles gives', async () => {
		const goal = {
			target: 1e12,
			direction: 'increase',
			start_date: '2025-01-01',
			deadline: '2026-06-30'
		} as const;
		const a = await addGoal(db, { ...goal, kpi: 'revenue' });
		const b = await addGoal(db, { ...goal, kpi: 'active_customers', grain: 'quarter' });
		await addCycle(db, a.goal_id, { plan: 'a1', do_date: '2025-04-15' });
		await addCycle(db, b.goal_id, { plan: 'b1', do_date: '2025-04-01' });
		await addCycle(db, a.goal_id, { plan: 'a2' });
		const status = await goalsStatus(db);
		const cycles = (id: number) => status.find((x) => x.goal_id === id)!.cycles;
		expect(cycles(a.goal_id).map((c) => c.plan)).toEqual(['a1', 'a2']);
		expect(cycles(b.goal_id).map((c) => c.plan)).toEqual(['b1']);
		expect(cycles(b.goal_id)[0]!.check!.before_periods).toEqual(['2024-07-01', '2024-10-01', '2025-01-01']);
		for (const g of [a, b]) expect(cycles(g.goal_id)).toEqual(await listCycles(db, g));
		await deleteGoal(db, a.goal_id);
		await deleteGoal(db, b.goal_id);
	});

	it('a KPI series is kept for the data it was read from: a change of the churn window reads it anew', async () => {
		const churn = async () => (await kpiSeries(db, 'churn_rate', 'month', {})).map((p) => p.value);
		const before = await churn();
		expect(await churn()).toEqual(before);
		await setSetting(db, 'inactivity_days', '30');
		try {
			const shorter = await churn();
			expect(shorter).not.toEqual(before);
			expect(shorter.filter((v) => v !== null).length).toBeGreaterThan(12);
		} finally {
			await setSetting(db, 'inactivity_days', '90');
		}
		expect(await churn()).toEqual(before);
	}, 120_000);

	it('back-test: history cut at past dates and replayed; the 80% intervals cover the realised values', async () => {
		const cuts = [
			'2024-07-01',
			'2024-09-01',
			'2024-11-01',
			'2025-01-01',
			'2025-03-01',
			'2025-05-01',
			'2025-07-01'
		];
		const kpis: GoalKpi[] = ['revenue', 'active_customers', 'retention_rate'];
		let covered = 0;
		let total = 0;
		for (const kpi of kpis) {
			const full = new Map((await kpiSeries(db, kpi, 'month', {})).map((p) => [p.period, p.value]));
			for (const cut of cuts) {
				const replay = (await kpiSeries(db, kpi, 'month', {}, cut)).filter(
					(p) => p.usable && p.value !== null
				);
				const values = replay.map((p) => p.value as number);
				let period = replay.at(-1)!.period;
				for (let h = 1; h <= 3; h++) {
					period = nextPeriod(period, 'month');
					const f = trendForecast(values, h)!;
					const realised = full.get(period)!;
					total++;
					if (realised >= f.low && realised <= f.high) covered++;
				}
			}
		}
		const coverage = covered / total;
		console.log(
			`goal forecast back-test: ${covered}/${total} covered (${(100 * coverage).toFixed(0)}%, nominal 80%)`
		);
		expect(total).toBe(kpis.length * cuts.length * 3);
		expect(coverage).toBeGreaterThanOrEqual(0.55);
		expect(coverage).toBeLessThanOrEqual(0.98);
	}, 120_000);
});
