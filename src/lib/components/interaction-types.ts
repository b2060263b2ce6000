import { page } from '$app/state';
import { currentLang, tOr } from '$lib/i18n';

/**
 * The interaction types the whole database holds, from the root layout's data (src/routes/+layout.server.ts); null
 * when it is not known. Read during rendering, like t().
 */
export function presentTypes(): readonly string[] | null {
	const types = (page.data as { interactionTypes?: unknown } | undefined)?.interactionTypes;
	return Array.isArray(types) ? (types as string[]) : null;
}

/**
 * Why a panel that shows interactions of the types `needs` can be empty for a reason no filter changes: the types the
 * data has none of. All of `needs` when the data holds none of them, [] when it holds at least one (then an empty
 * panel means no rows match the filters) or when what the data holds is not known.
 */
export function missingTypes(needs: readonly string[], present: readonly string[] | null): string[] {
	if (present === null || needs.length === 0) return [];
	return needs.some((type) => present.includes(type)) ? [] : [...needs];
}

/** Of `types`, those the data holds none of ([] when what the data holds is not known). */
export function absentTypes(types: readonly string[], present: readonly string[] | null): string[] {
	return present === null ? [] : types.filter((type) => !present.includes(type));
}

/** The types in words for "the data has no …": "surveys or support tickets" ("khảo sát hoặc yêu cầu hỗ trợ"). */
export function typesInWords(types: readonly string[]): string {
	return new Intl.ListFormat(currentLang(), { type: 'disjunction' }).format(
		types.map((type) => tOr(`state.types.${type}`, type))
	);
}
