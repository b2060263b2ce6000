import type { Session } from '../db';
import { quoteIdent, renderQuery } from './sqltext';
import type { CheckContext } from './check';
import { IngestError, type FileFormats, type IngestOptions } from './types';
import { DATE_FORMATS, type DateFormatCode } from '../../date-formats';

/**
 * How a file writes its numbers and dates: from --decimal / --thousands / --date-format / --min-date when given,
 * else from what its first 50,000 rows show (queries/ingest_interactions_probe.sql). What the rows cannot decide is
 * named: such cells are quarantined as 'ambiguous amount' / 'ambiguous date' rather than read by a guess, except
 * that a file whose amounts carry ₫ / đ / VND is read the Vietnamese way (150.000 = 150000, 05/03/2024 = 5 March).
 */

/** The counts of queries/ingest_interactions_probe.sql. */
export interface FormatProbe {
	day_first: number;
	month_first: number;
	date_differs: number;
	dot_one_group: number;
	dot_groups: number;
	comma_decimal: number;
	dot_decimal: number;
	comma_groups: number;
	vnd: number;
	gbp: number;
	usd: number;
	eur: number;
}

export type { DateFormatCode };
const formatNames: Record<DateFormatCode, string> = DATE_FORMATS;

export const DEFAULT_MIN_DATE = '1990-01-01';

const dateFormatHelp =
	'name the order of day, month and year, e.g. dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd, dd/mm/yy (or %d/%m/%Y)';

/**
 * Reads a --date-format: dd/mm/yyyy, d-m-yy, yyyy.mm.dd, %d/%m/%Y, %m/%d/%y ... (a time after the date is allowed
 * and ignored: times are always read).
 */
export function parseDateFormat(text: string): DateFormatCode {
	const datePart = text.trim().split(/[\sT]/)[0] ?? '';
	const tokens = datePart
		.replace(/%Y/g, 'yyyy')
		.replace(/%y/g, 'yy')
		.replace(/%d/g, 'dd')
		.replace(/%m/g, 'mm')
		.toLowerCase()
		.split(/[/.-]/);
	const part = (t: string): string | undefined =>
		/^d{1,2}$/.test(t)
			? 'd'
			: /^m{1,2}$/.test(t)
				? 'm'
				: /^y{4}$/.test(t)
					? 'Y'
					: /^y{2}$/.test(t)
						? 'y'
						: undefined;
	const parts = tokens.map(part);
	const order = parts.map((p) => (p === 'Y' ? 'y' : p)).join('');
	const year = parts.includes('Y') ? '4' : '2';
	const code = `${order}${year}` as DateFormatCode;
	if (tokens.length !== 3 || parts.includes(undefined) || !(code in formatNames)) {
		throw new IngestError(`--date-format '${text}' is not a date format I can read: ${dateFormatHelp}`);
	}
	return code;
}

/** Reads a --min-date: a calendar date YYYY-MM-DD. */
export function parseMinDate(text: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
	const d = m ? new Date(`${m[0]}T00:00:00Z`) : undefined;
	if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[0]) {
		throw new IngestError(`--min-date '${text}' is not a date: write it as YYYY-MM-DD, e.g. 1990-01-01`);
	}
	return m[0];
}

/** The decimal mark from --decimal / --thousands, or undefined when neither decides it. */
export function optionDecimal(options: IngestOptions): '.' | ',' | undefined {
	const { decimal, thousands } = options;
	if (decimal !== undefined && decimal !== '.' && decimal !== ',') {
		throw new IngestError(
			`--decimal must be . or , (the mark before the decimals), got '${String(decimal)}'`
		);
	}
	if (thousands !== undefined && thousands !== ',' && thousands !== '.' && thousands !== ' ') {
		throw new IngestError(
			`--thousands must be , or . or ' ' (the mark between groups of 3 digits), got '${String(thousands)}'`
		);
	}
	if (decimal !== undefined && decimal === thousands) {
		throw new IngestError(`--decimal and --thousands are both '${decimal}': they must differ`);
	}
	if (decimal !== undefined) return decimal;
	if (thousands === '.') return ',';
	if (thousands === ',') return '.';
	return undefined;
}

const currencyCodes = ['VND', 'GBP', 'USD', 'EUR'] as const;

/** Decides the file's formats from the options and the probe's counts. */
export function decideFormats(options: IngestOptions, probe: FormatProbe | undefined): FileFormats {
	const p: FormatProbe = probe ?? {
		day_first: 0,
		month_first: 0,
		date_differs: 0,
		dot_one_group: 0,
		dot_groups: 0,
		comma_decimal: 0,
		dot_decimal: 0,
		comma_groups: 0,
		vnd: 0,
		gbp: 0,
		usd: 0,
		eur: 0
	};
	const signs: Record<string, number> = {};
	for (const code of currencyCodes) {
		const n = Number(p[code.toLowerCase() as 'vnd']);
		if (n > 0) signs[code] = n;
	}
	const found = Object.keys(signs);
	const currency = found.length === 1 ? found[0] : undefined;
	const vndOnly = currency === 'VND';

	// Numbers: the shapes that only one convention writes decide; 1.500 alone does not.
	let decimal = optionDecimal(options);
	let numberBy: FileFormats['number_by'] = 'option';
	let amountAmbiguous = false;
	if (decimal === undefined) {
		const comma = Number(p.dot_groups) + Number(p.comma_decimal);
		const dot = Number(p.dot_decimal) + Number(p.comma_groups);
		if (comma > dot) [decimal, numberBy] = [',', 'file'];
		else if (dot > comma) [decimal, numberBy] = ['.', 'file'];
		else if (comma > 0) [decimal, numberBy] = ['.', 'default'];
		else if (Number(p.dot_one_group) > 0 && vndOnly) [decimal, numberBy] = [',', 'currency'];
		else if (Number(p.dot_one_group) > 0) [decimal, numberBy, amountAmbiguous] = ['.', 'default', true];
		else [decimal, numberBy] = ['.', 'default'];
	}

	// Dates: a day above 12 in one place decides; a file where every date reads both ways is ambiguous.
	const minDate = options.minDate === undefined ? DEFAULT_MIN_DATE : parseMinDate(options.minDate);
	let dateFormat: DateFormatCode | '' = '';
	let monthFirst = false;
	let dateAmbiguous = false;
	let datesBy: FileFormats['dates_by'] = 'option';
	if (options.dateFormat !== undefined && options.dateFormat !== '') {
		dateFormat = parseDateFormat(options.dateFormat);
	} else {
		const d = Number(p.day_first);
		const m = Number(p.month_first);
		monthFirst = m > d;
		if (d !== m) datesBy = 'file';
		else if (Number(p.date_differs) === 0) datesBy = 'default';
		else if (vndOnly || decimal === ',') datesBy = 'currency';
		else [datesBy, dateAmbiguous] = ['default', true];
	}
	return {
		decimal,
		thousands: decimal === ',' ? '.' : ',',
		number_by: numberBy,
		amount_ambiguous: amountAmbiguous,
		date_format: dateFormat,
		dates: dateAmbiguous
			? 'ambiguous'
			: formatNames[dateFormat === '' ? (monthFirst ? 'mdy4' : 'dmy4') : dateFormat],
		dates_by: datesBy,
		month_first: monthFirst,
		date_ambiguous: dateAmbiguous,
		min_date: minDate,
		currency,
		currency_signs: signs
	};
}

/** Runs the probe over the file's date, amount and unit price columns and decides its formats. */
export async function fileFormats(
	s: Session,
	ctx: CheckContext,
	columns: Record<string, string>
): Promise<FileFormats> {
	const needDates = ctx.options.dateFormat === undefined || ctx.options.dateFormat === '';
	const col = (field: string): string =>
		columns[field] === undefined ? 'NULL::VARCHAR' : quoteIdent(columns[field]);
	// A column stored as numbers says nothing about how the file writes numbers.
	const text = (field: string): string =>
		columns[field] !== undefined && ctx.numericColumns.has(columns[field]) ? 'NULL::VARCHAR' : col(field);
	const rows = await s.sql<FormatProbe>(
		renderQuery('ingest_interactions_probe', {
			source: ctx.source,
			date: needDates ? col('occurred_at') : 'NULL::VARCHAR',
			amount: text('amount'),
			price: text('unit_price')
		}),
		{ file: ctx.file, tz: ctx.timeZone }
	);
	// The amounts are probed even when --decimal is given: the report says which currency sign the file has.
	return decideFormats(ctx.options, rows[0]);
}

/** Checks --decimal, --thousands, --date-format and --min-date before the file is read. */
export function checkFormatOptions(options: IngestOptions): void {
	optionDecimal(options);
	if (options.dateFormat !== undefined && options.dateFormat !== '') parseDateFormat(options.dateFormat);
	if (options.minDate !== undefined) parseMinDate(options.minDate);
}

/** What the report tells the user to do about the cells the file's formats could not decide. */
export function formatNotes(f: FileFormats, reasons: Record<string, number>): string[] {
	const notes: string[] = [];
	const n = (reason: string): number => reasons[reason] ?? 0;
	if (n('ambiguous amount') > 0) {
		notes.push(
			`${n('ambiguous amount')} amounts such as 1.500 read as 1.5 or as 1500: quarantined as 'ambiguous amount'. ` +
				'Load the file again with --decimal , (1.500 = 1500) or --decimal . (1.500 = 1.5)'
		);
	}
	if (n('ambiguous date') > 0) {
		notes.push(
			`${n('ambiguous date')} dates have a two-digit year or read both day first and month first (05/03/2024): ` +
				"quarantined as 'ambiguous date'. Load the file again with --date-format, e.g. dd/mm/yyyy, mm/dd/yyyy or dd/mm/yy"
		);
	}
	if (Object.keys(f.currency_signs).length > 1) {
		notes.push(
			`the amounts carry several currencies (${Object.keys(f.currency_signs).join(', ')}): they are added up as they ` +
				'are; the currency setting was not changed'
		);
	}
	return notes;
}
