import type { Lang } from '$lib/i18n/format';

/** A segment's name in the UI language. */
export function segmentName(
	s: { name_en?: string | null; name_vi?: string | null; segment?: string },
	lang: Lang
) {
	return (lang === 'vi' ? s.name_vi : s.name_en) ?? s.name_en ?? s.segment ?? '';
}

/** "4–5" or "3" for a score range. */
export function scoreRange(lo: number | null | undefined, hi: number | null | undefined): string {
	if (lo === null || lo === undefined || hi === null || hi === undefined) return '–';
	return lo === hi ? String(lo) : `${lo}–${hi}`;
}
