import type { Attachment } from 'svelte/attachments';

const setters = new Map<Element, (width: number) => void>();
let observer: ResizeObserver | undefined;

/**
 * `{@attach trackWidth((w) => (width = w))}`: tells a chart the width of its container, now and whenever it changes.
 * Unlike bind:clientWidth, it never asks for the width while the page is being built: that read makes the browser
 * lay the whole page out there and then, once per chart, in the middle of hydration. One ResizeObserver serves every
 * chart, so the first widths all arrive together, after the browser's own layout and before the frame is painted.
 * (The containers have no padding: the content box is the client width.)
 */
export function trackWidth(set: (width: number) => void): Attachment<HTMLElement> {
	return (element) => {
		observer ??= new ResizeObserver((entries) => {
			for (const entry of entries) setters.get(entry.target)?.(Math.round(entry.contentRect.width));
		});
		setters.set(element, set);
		observer.observe(element);
		return () => {
			observer?.unobserve(element);
			setters.delete(element);
		};
	};
}
