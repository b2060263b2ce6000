import { activateOnKey } from './ticks';

/**
 * The pointer, focus, click and key handlers of a group of marks (heatmap cells, bars), set once on the group around
 * them (`<g {...markEvents(...)}>`) instead of as listeners on every mark: a cohort triangle or a long run of bars
 * has hundreds. Each mark carries `data-i`, its index; an event is traced to the mark it happened in.
 */
export function markEvents(on: {
	/** the pointer moves over mark i (with the event), or mark i gets the focus (without) */
	show: (i: number, e?: PointerEvent) => void;
	/** the pointer or the focus leaves the marks */
	hide: () => void;
	/** mark i is clicked, or Enter/Space pressed on it; absent when the marks are not buttons */
	select?: (i: number) => void;
}) {
	const markOf = (target: EventTarget | null): number | undefined => {
		const el = target instanceof Element ? target.closest<SVGElement>('[data-i]') : null;
		return el ? Number(el.dataset.i) : undefined;
	};
	return {
		onpointermove: (e: PointerEvent) => {
			const i = markOf(e.target);
			if (i !== undefined) on.show(i, e);
		},
		onpointerout: (e: PointerEvent) => {
			if (markOf(e.relatedTarget) === undefined) on.hide();
		},
		onfocusin: (e: FocusEvent) => {
			const i = markOf(e.target);
			if (i !== undefined) on.show(i);
		},
		onfocusout: () => on.hide(),
		onclick: (e: MouseEvent) => {
			const i = markOf(e.target);
			if (i !== undefined) on.select?.(i);
		},
		onkeydown: (e: KeyboardEvent) => {
			const i = markOf(e.target);
			const select = on.select;
			if (i !== undefined && select) activateOnKey(e, () => select(i));
		}
	};
}

/**
 * The attributes that make a mark a button (`<rect {...asButton(!!onselect, label)}>`): focusable, announced with
 * its label, and picked up by markEvents' click and keys; none when the marks are not buttons.
 */
export function asButton(
	clickable: boolean,
	label: () => string
): { role?: 'button'; tabindex?: number; 'aria-label'?: string } {
	return clickable ? { role: 'button', tabindex: 0, 'aria-label': label() } : {};
}
