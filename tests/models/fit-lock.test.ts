import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingestFile } from '../../src/lib/server/ingest';
import { sharedDatasets, tempDb } from '../helpers/db';
import { crmAsync } from '../helpers/cli';

const shared = sharedDatasets();
if (!shared) console.warn('skipping the fit-and-read test: ../shared/datasets is absent');

// Issue 13: a fit never holds the database's write lock while it computes. `crm fit` copies its inputs out and
// closes the database ("database closed" on stderr), so `crm rfm` in another process opens the same file meanwhile.
// Pareto/NBD in days on Online Retail II computes for seconds, long enough for the second process to start.
describe.skipIf(!shared)('crm rfm while crm fit runs on the same database (two processes)', () => {
	let path: string;
	let cleanup: () => void;
	beforeAll(async () => {
		const t = await tempDb();
		await ingestFile(t.db, join(shared!, 'online_retail', 'online_retail_ii.parquet'), {
			preset: 'online-retail'
		});
		t.db.close();
		({ path, cleanup } = t);
	}, 300_000);
	afterAll(() => cleanup());

	it('the read succeeds and the fit still completes', async () => {
		let readStarted = 0;
		let read: ReturnType<typeof crmAsync> | undefined;
		const fit = crmAsync(
			['--db', path, 'fit', '--model', 'pareto-nbd', '--time-unit', 'day', '--json'],
			{},
			180_000,
			(stderr) => {
				if (!read && stderr.includes('database closed')) {
					readStarted = Date.now();
					read = crmAsync(['--db', path, 'rfm', '--json'], {}, 120_000);
				}
			}
		);
		const fitDone = await fit.then((r) => ({ ...r, at: Date.now() }));
		expect(fitDone.status, fitDone.stderr).toBe(0);
		expect(read, 'the fit never reported its database closed').toBeDefined();
		// The read was started while the fit computed.
		expect(readStarted).toBeLessThan(fitDone.at);
		const rfm = await read!;
		expect(rfm.status, rfm.stderr).toBe(0);
		expect(JSON.parse(fitDone.stdout)).toMatchObject({ model: 'pareto-nbd', status: 'ok' });
		expect(rfm.stdout.trim().length).toBeGreaterThan(0);
	}, 300_000);
});
