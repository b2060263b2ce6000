import type { Loaded } from '$lib/api';

/**
 * A part of a page's data that its load function returns as a promise (not awaited, so the page is shown without
 * it): `current` is null until the promise settles, then the loaded data or its error. Follows the load's newest
 * promise (a filter change) and ignores an older one that settles late. Call during component initialisation.
 */
export function streamed<T>(promise: () => Promise<Loaded<T>> | undefined): {
	readonly current: Loaded<T> | null;
} {
	let current = $state<Loaded<T> | null>(null);
	$effect(() => {
		const pending = promise();
		current = null;
		if (!pending) return;
		let live = true;
		void pending.then((loaded) => {
			if (live) current = loaded;
		});
		return () => {
			live = false;
		};
	});
	return {
		get current() {
			return current;
		}
	};
}
