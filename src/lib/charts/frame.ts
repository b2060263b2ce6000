/** The geometry and the option shapes of the chart shell (Plot.svelte). */

export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}
export const NO_MARGIN: Margin = { top: 0, right: 0, bottom: 0, left: 0 };

/** A tick at a position along its axis (a d3 scale computed it) with its label. */
export interface Tick {
	pos: number;
	label: string;
}
export interface AxisSpec {
	ticks: Tick[];
	/** the axis title */
	label?: string;
	/** grid lines across the plot area at each tick */
	grid?: boolean;
	/** rotated labels (crowded band axes) */
	rotate?: boolean;
}
export interface LegendItem {
	label: string;
	colour: string;
	dashed?: boolean;
}

/** The overlay that walks a chart's points with the pointer, the focus and the arrow keys. */
export interface Track {
	/** how many points there are (indices 0 … count-1, in the order the arrow keys walk) */
	count: number;
	/** the point at plot-area position (px, py), or null for none */
	at: (px: number, py: number) => number | null;
	/** where the focus starts: the first point or the last (the latest date) */
	start: 'first' | 'last';
	/** what the overlay is called when it is not a button */
	label: string;
	/** a click, Enter or Space on point i; the overlay is a button when given */
	onselect?: (i: number) => void;
}

/** The plot area inside the margins (at least 10 px each way). */
export function plotArea(width: number, height: number, margin: Margin): { w: number; h: number } {
	return {
		w: Math.max(10, width - margin.left - margin.right),
		h: Math.max(10, height - margin.top - margin.bottom)
	};
}

/** About how wide the widest of these tick labels is drawn (11px type, a character about 6.2px): '1,5 nghìn' 56. */
export function tickLabelWidth(ticks: { label: string }[]): number {
	return Math.ceil(6.2 * Math.max(0, ...ticks.map((t) => t.label.length)));
}

/** The index of the position nearest to px (the first of a tie), null when there are none. */
export function nearest(positions: number[], px: number): number | null {
	let best: number | null = null;
	let bestDist = Infinity;
	positions.forEach((pos, i) => {
		const dist = Math.abs(pos - px);
		if (dist < bestDist) {
			best = i;
			bestDist = dist;
		}
	});
	return best;
}

/** Where a pointer event happened, in px of a chart container `width` wide (the SVG may be drawn scaled). */
export function pointIn(e: PointerEvent, width: number): { x: number; y: number } | null {
	const target = e.currentTarget as SVGElement | null;
	const svg = target instanceof SVGSVGElement ? target : target?.ownerSVGElement;
	if (!svg) return null;
	const r = svg.getBoundingClientRect();
	const k = r.width > 0 ? width / r.width : 1;
	return { x: (e.clientX - r.left) * k, y: (e.clientY - r.top) * k };
}

/**
 * The ticks of a continuous scale along an axis `length` px long, about one every `spacing` px (at least two), each
 * at its position with its label.
 */
export function ticksAlong<T extends number | Date>(
	scale: { ticks(count: number): T[]; (value: T): number | undefined },
	length: number,
	spacing: number,
	label: (value: T) => string
): Tick[] {
	return scale
		.ticks(Math.max(2, Math.floor(length / spacing)))
		.map((v) => ({ pos: scale(v) ?? 0, label: label(v) }));
}

/**
 * Where a tooltip of size `tip` goes for the point `at`, in px of a container of size `box` (top-left origin): right
 * of and below the point by `gap`; left of it when it does not fit on the right, above when it does not fit below
 * (and does above); when it fits on neither side, the side with more room; never past the container's left or right edge, so a chart on a phone keeps it on the screen.
 */
export function tipPosition(
	at: { x: number; y: number },
	tip: { w: number; h: number },
	box: { w: number; h: number },
	gap = 12
): { left: number; top: number } {
	const right = at.x + gap;
	const onLeft = at.x - gap - tip.w;
	// the side where it fits; when neither does, the side with more room
	let left = right + tip.w <= box.w || (onLeft < 0 && box.w - right >= at.x - gap) ? right : onLeft;
	left = Math.max(0, Math.min(left, box.w - tip.w));
	let top = at.y + gap;
	if (top + tip.h > box.h && at.y - gap - tip.h >= 0) top = at.y - gap - tip.h;
	return { left, top };
}
