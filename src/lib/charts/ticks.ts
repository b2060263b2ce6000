import type { Formatters } from '$lib/i18n/format';

/** A readable label for a UTC tick date: a year at January 1st, a month at the 1st, else a day. */
export function dateTickLabel(d: Date, f: Formatters): string {
	if (d.getUTCMonth() === 0 && d.getUTCDate() === 1) return String(d.getUTCFullYear());
	if (d.getUTCDate() === 1) return f.dateShort(d, 'month');
	return f.dateShort(d, 'day');
}

/** Every n-th index so that about `max` labels remain (for crowded band axes). */
export function thinned<T>(items: T[], max: number): T[] {
	if (items.length <= max) return items;
	const step = Math.ceil(items.length / Math.max(1, max));
	return items.filter((_, i) => i % step === 0);
}

/** Runs `action` on Enter or Space, as a click would. */
export function activateOnKey(event: KeyboardEvent, action: () => void): void {
	if (event.key === 'Enter' || event.key === ' ') {
		event.preventDefault();
		action();
	}
}
