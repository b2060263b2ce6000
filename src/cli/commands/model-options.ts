import { isCalendarDate } from '../../lib/server/dates';
import { UsageError } from '../util';
import type { TimeUnit } from '../../lib/server/models/summary';

/** Shared option parsing of `crm fit`, `crm predict` and `crm validate`. */
export function dateOption(name: string, raw: string | undefined): string | undefined {
	if (raw === undefined) return undefined;
	if (!isCalendarDate(raw)) {
		throw new UsageError(`${name} must be a date like 1997-09-30, got '${raw}'`);
	}
	return raw;
}

export function timeUnitOption(raw: string | undefined): TimeUnit {
	if (raw === undefined) return 'week';
	if (raw !== 'day' && raw !== 'week') throw new UsageError(`--time-unit must be day or week, got '${raw}'`);
	return raw;
}

export function nonNegative(name: string, raw: string | undefined, fallback: number): number {
	if (raw === undefined) return fallback;
	const n = Number(raw);
	if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a number >= 0, got '${raw}'`);
	return n;
}
