import type { Loaded } from '$lib/api';

function isPromise<T>(v: Promise<T> | T): v is Promise<T> {
	return typeof (v as { then?: unknown } | null)?.then === 'function';
}

/**
 * A part of a page's data that its load function may return as a promise (not awaited, so the page is shown without
 * it) or, when the server already kept the answer, as the loaded data itself (then it is in the server-rendered
 * page and on screen from the first paint): `current` is null until the promise settles, then the loaded data or
 * its error. Follows the load's newest promise (a filter change) and ignores an older one that settles late. Call
 * during component initialisation.
 */
export function streamed<T>(source: () => Promise<Loaded<T>> | Loaded<T> | undefined): {
	readonly current: Loaded<T> | null;
} {
	const given = $derived(source());
	let settled = $state<{ from: Promise<Loaded<T>>; value: Loaded<T> } | null>(null);
	$effect(() => {
		const pending = given;
		if (pending === undefined || !isPromise(pending)) return;
		let live = true;
		void pending.then((value) => {
			if (live) settled = { from: pending, value };
		});
		return () => {
			live = false;
		};
	});
	return {
		get current() {
			const g = given;
			if (g === undefined) return null;
			if (!isPromise(g)) return g;
			return settled?.from === g ? settled.value : null;
		}
	};
}
