import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_COHORT_PERIODS, MAX_PERIODS, periodCount } from '../../src/lib/server/api/bounds';
import { ingestFile } from '../../src/lib/server/ingest';
import { appDbFrom } from '../helpers/db';
import { NOW, removeTempFiles, tempFile } from '../ingest/helpers';

describe('periodCount', () => {
	it('counts the periods a range touches, weeks from Monday', () => {
		expect(periodCount('day', '2024-02-28', '2024-03-01')).toBe(3);
		expect(periodCount('week', '2024-01-01', '2024-01-07')).toBe(1); // Monday .. Sunday
		expect(periodCount('week', '2024-01-07', '2024-01-08')).toBe(2); // Sunday, Monday
		expect(periodCount('month', '2024-01-31', '2024-03-01')).toBe(3);
		expect(periodCount('quarter', '2024-03-31', '2024-04-01')).toBe(2);
		expect(periodCount('year', '2000-06-01', '2024-01-01')).toBe(25);
		expect(periodCount('day', '2024-01-02', '2024-01-01')).toBe(0);
	});
});

type Handler = (event: unknown) => Promise<Response>;
const load = async (route: string) =>
	((await import(`../../src/routes/api/${route}/+server.ts`)) as { GET: Handler }).GET;

/** The status and the message of one GET on the handler. */
async function get(route: string, query: string): Promise<{ status: number; message: string }> {
	const url = new URL(`http://127.0.0.1/api/${route}?${query}`);
	try {
		const res = await (await load(route))({ url, request: new Request(url), params: {}, locals: {} });
		return { status: res.status, message: '' };
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, message: e.body.message };
		throw e;
	}
}

describe(`a request over ${MAX_PERIODS} periods is a 400 with the count (#20)`, () => {
	let served: Awaited<ReturnType<typeof appDbFrom>>;
	beforeAll(async () => {
		// 25 years of data: by day that is 9,000+ periods, by week 1,300
		served = await appDbFrom(async (db) => {
			const file = tempFile(
				'span.csv',
				'customer_id,occurred_at,amount\nc1,2000-01-03,10\nc2,2012-06-01,20\nc1,2024-12-30,30\n'
			);
			await ingestFile(db, file, { now: NOW, minDate: '1990-01-01' });
		});
	}, 120_000);
	afterAll(async () => {
		await served?.release();
		removeTempFiles();
	});

	const caps: Record<string, number> = { cohorts: MAX_COHORT_PERIODS };
	for (const route of ['kpis', 'cohorts', 'channels', 'lifecycle', 'tickets']) {
		it(`${route}: day over 25 years refused, naming the count; a coarser period and a narrow day range answer`, async () => {
			const refused = await get(route, 'period=day&format=json');
			expect(refused.status).toBe(400);
			expect(refused.message).toBe(
				`bad parameter: period=day from 2000-01-03 to 2024-12-30 is ${periodCount('day', '2000-01-03', '2024-12-30').toLocaleString('en')} periods; at most ${(caps[route] ?? 3660).toLocaleString('en')} per request (send a coarser period, or from/to closer together)`
			);
			// 1,305 weeks: a series answers; a cohort grid needs months (300)
			const coarse = route === 'cohorts' ? 'month' : 'week';
			expect((await get(route, `period=${coarse}&format=json`)).status).toBe(200);
			expect((await get(route, 'period=day&from=2024-01-01&to=2024-12-30&format=json')).status).toBe(200);
		}, 60_000);
	}
});
