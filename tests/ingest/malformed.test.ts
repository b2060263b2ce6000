import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db';
import { IngestError, ingestFile, type IngestReport } from '../../src/lib/server/ingest';
import { tempDb } from '../helpers/db';
import { NOW, malformedDir, tableCounts } from './helpers';

/** What each file in tests/fixtures/malformed must give: a report with these counts, or an error matching. */
type Outcome = { loaded: number; quarantined: number; reasons: Record<string, number> } | { error: RegExp };

const outcomes: Record<string, Outcome> = {
	'empty.csv': { error: /is empty \(0 bytes\)/ },
	'header_only.csv': { loaded: 0, quarantined: 0, reasons: {} },
	'only_blank_lines.csv': { error: /no column for 'customer_id', 'occurred_at'; found: 'column0'/ },
	'binary_garbage.csv': { error: /cannot read .* as a CSV\/TSV file/ },
	'semicolon_delimiter.csv': { loaded: 3, quarantined: 0, reasons: {} },
	'bad_dates.csv': { loaded: 2, quarantined: 3, reasons: { 'unparseable date': 2, 'missing date': 1 } },
	'text_in_amount.csv': { loaded: 3, quarantined: 2, reasons: { 'non-numeric amount': 2 } },
	'bom.csv': { loaded: 2, quarantined: 0, reasons: {} },
	'windows_line_endings.csv': { loaded: 2, quarantined: 1, reasons: { 'unparseable date': 1 } },
	// a 2 MB cell: over the 32 KiB cell limit (ingest/cells.ts)
	'huge_field.csv.gz': { loaded: 1, quarantined: 1, reasons: { 'cell too large': 1 } },
	'missing_required_column.csv': {
		error:
			/no column for 'customer_id', 'occurred_at'; found: 'client', 'when_it_happened', 'total'\. .*--map customer_id=<column>/
	},
	'mixed_encoding.csv': { loaded: 2, quarantined: 1, reasons: { 'malformed row: invalid encoding': 1 } },
	// The sniffer reads a lone quote as text (no quoting in this file): the row loads with the quote in the cell.
	'unterminated_quote.csv': { loaded: 3, quarantined: 0, reasons: {} },
	'ragged_rows.csv': {
		loaded: 2,
		quarantined: 2,
		reasons: { 'malformed row: missing columns': 1, 'malformed row: too many columns': 1 }
	},
	'not_an_array.json': { error: /no column for 'customer_id', 'occurred_at'; found: 'json'/ },
	// Like a CSV's line the reader cannot split: the broken line is quarantined, the others load.
	'broken.ndjson': { loaded: 2, quarantined: 1, reasons: { 'malformed row: invalid json': 1 } },
	'truncated.parquet': { error: /cannot read .* as a Parquet file/ },
	'truncated.csv.gz': { error: /damaged gzip file/ },
	'future_dates.csv': { loaded: 1, quarantined: 1, reasons: { 'date in the future': 1 } },
	'unknown_type.csv': { loaded: 2, quarantined: 2, reasons: { 'unknown type': 2 } },
	'duplicate_ids.csv': { loaded: 2, quarantined: 1, reasons: { 'duplicate id': 1 } },
	'csat_out_of_range.csv': { loaded: 2, quarantined: 3, reasons: { 'csat out of range': 3 } },
	'no_customer_id.csv': { loaded: 1, quarantined: 2, reasons: { 'missing customer id': 2 } }
};

describe('malformed inputs: a clear error or quarantined rows, never a crash or a half-loaded file', () => {
	let db: Database;
	let cleanup: () => void;
	beforeEach(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterEach(() => cleanup());

	it('has an expected outcome for every fixture file (at least 15)', () => {
		const files = readdirSync(malformedDir).filter((f) => !f.endsWith('.md'));
		expect(files.sort()).toEqual(Object.keys(outcomes).sort());
		expect(files.length).toBeGreaterThanOrEqual(15);
	});

	for (const [name, outcome] of Object.entries(outcomes)) {
		it(name, async () => {
			const file = join(malformedDir, name);
			const before = await tableCounts(db);
			if ('error' in outcome) {
				const error = await ingestFile(db, file, { now: NOW, noRefresh: true }).then(
					() => undefined,
					(e: unknown) => e
				);
				expect(error).toBeInstanceOf(IngestError);
				expect((error as Error).message).toMatch(outcome.error);
				expect(await tableCounts(db)).toEqual(before);
				return;
			}
			const report: IngestReport = await ingestFile(db, file, { now: NOW, noRefresh: true });
			expect(report.rows_loaded).toBe(outcome.loaded);
			expect(report.rows_quarantined).toBe(outcome.quarantined);
			expect(report.reasons).toEqual(outcome.reasons);
			expect(report.rows_read).toBe(report.rows_loaded + report.rows_quarantined);
			const after = await tableCounts(db);
			expect(after.interactions - before.interactions).toBe(outcome.loaded);
			expect(after.quarantine - before.quarantine).toBe(outcome.quarantined);
			expect(after.ingests - before.ingests).toBe(1);
		});
	}
});
