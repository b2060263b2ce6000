import { interpolateCividis, interpolateViridis } from 'd3';

/**
 * Colour-blind-safe colours. Categorical: Okabe & Ito (2008), "Color Universal Design", without black.
 * Sequential: viridis / cividis (perceptually uniform, readable with colour-vision deficiency).
 */
export const OKABE_ITO = [
	'#0072B2', // blue
	'#E69F00', // orange
	'#009E73', // bluish green
	'#CC79A7', // reddish purple
	'#56B4E9', // sky blue
	'#D55E00', // vermillion
	'#F0E442', // yellow
	'#999999' // grey
] as const;

/** Colour i of a categorical scale: Okabe-Ito, then lighter tints of it for the next eight. */
export function categorical(i: number): string {
	const n = OKABE_ITO.length;
	const base = OKABE_ITO[((i % n) + n) % n]!;
	return Math.floor(i / n) % 2 === 1 ? tint(base, 0.5) : base;
}

/** `hex` mixed with white (amount 0..1). */
export function tint(hex: string, amount: number): string {
	const v = parseInt(hex.slice(1), 16);
	const mix = (c: number) => Math.round(c + (255 - c) * amount);
	const r = mix((v >> 16) & 255);
	const g = mix((v >> 8) & 255);
	const b = mix(v & 255);
	return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

export type SequentialScheme = 'viridis' | 'cividis';

/** t in 0..1 -> colour. Reversed so that larger values are darker (easier to read on a light page). */
export function sequential(scheme: SequentialScheme): (t: number) => string {
	const f = scheme === 'cividis' ? interpolateCividis : interpolateViridis;
	return (t: number) => f(1 - Math.max(0, Math.min(1, t)) * 0.92 - 0.04);
}

function channel(c: number): number {
	const s = c / 255;
	return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance (WCAG 2.1) of '#rrggbb' or 'rgb(r, g, b)'. */
export function luminance(colour: string): number {
	let r = 0,
		g = 0,
		b = 0;
	const hex = /^#([0-9a-f]{6})$/i.exec(colour);
	const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)/i.exec(colour);
	if (hex) {
		const v = parseInt(hex[1]!, 16);
		r = (v >> 16) & 255;
		g = (v >> 8) & 255;
		b = v & 255;
	} else if (rgb) {
		r = Number(rgb[1]);
		g = Number(rgb[2]);
		b = Number(rgb[3]);
	}
	return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** Black or white text, whichever contrasts more with the background (WCAG contrast ratio). */
export function textColourOn(background: string): string {
	const l = luminance(background);
	const onWhite = 1.05 / (l + 0.05);
	const onBlack = (l + 0.05) / 0.05;
	return onBlack >= onWhite ? '#000' : '#fff';
}
