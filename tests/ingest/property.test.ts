import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Database } from '../../src/lib/server/db';
import { ingestFile } from '../../src/lib/server/ingest';
import { tempDb } from '../helpers/db';
import { NOW, tableCounts, tempFile, removeTempFiles } from './helpers';

/** A CSV cell: quoted, with inner quotes doubled. */
const cell = (v: string): string => `"${v.replaceAll('"', '""')}"`;

const dirtyText = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ' '));
const row = fc.record({
	customer_id: fc.oneof(fc.constantFrom('', '   '), fc.stringMatching(/^[a-z]{1,3}[0-9]{1,4}$/)),
	occurred_at: fc.oneof(
		fc.constantFrom('2024-01-05 10:00:00', '2024-02-30', '05/01/2024', '2999-01-01', 'yesterday', ''),
		fc
			.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
			.map((d) => d.toISOString()),
		dirtyText
	),
	type: fc.oneof(fc.constantFrom('purchase', 'Refund', 'email open', 'visit', 'hologram', ''), dirtyText),
	amount: fc.oneof(fc.constantFrom('10', '-3.5', '1,234.50', 'abc', '', '₫ 50000'), dirtyText)
});

describe('ingest invariant', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterAll(() => {
		cleanup();
		removeTempFiles();
	});

	it('rows_read = rows_loaded + rows_quarantined, and every row is in exactly one table', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), async (rows) => {
				const csv =
					'customer_id,occurred_at,type,amount\n' +
					rows.map((r) => [r.customer_id, r.occurred_at, r.type, r.amount].map(cell).join(',')).join('\n') +
					'\n';
				const before = await tableCounts(db);
				const report = await ingestFile(db, tempFile('random.csv', csv), { now: NOW, noRefresh: true });
				if (report.skipped) return;
				const after = await tableCounts(db);
				expect(report.rows_read).toBe(rows.length);
				expect(report.rows_loaded + report.rows_quarantined).toBe(report.rows_read);
				expect(after.interactions - before.interactions).toBe(report.rows_loaded);
				expect(after.quarantine - before.quarantine).toBe(report.rows_quarantined);
				// Missing customer id is the first rule, so its count is known exactly.
				const blank = rows.filter((r) => r.customer_id.trim() === '').length;
				expect(report.reasons['missing customer id'] ?? 0).toBe(blank);
			}),
			{ numRuns: 25, seed: 20261125 }
		);
	});
});
