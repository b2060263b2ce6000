/** Data shapes the chart components accept. Dates are 'YYYY-MM-DD' strings as the API sends them. */
export interface SeriesPoint {
	date: string;
	value: number | null;
}
export interface Series {
	id: string;
	label: string;
	values: SeriesPoint[];
	/** a dashed line (e.g. a comparison period) */
	dashed?: boolean;
	colour?: string;
}
export interface BarSeries {
	id: string;
	label: string;
	/** one value per category, in the order of `categories` */
	values: (number | null)[];
	colour?: string;
}
export interface BarDatum {
	category: string;
	categoryLabel: string;
	series: string;
	seriesLabel: string;
	value: number;
}
export interface HeatCell<D = unknown> {
	row: string;
	col: string;
	value: number | null;
	/** text in the cell; defaults to the formatted value */
	text?: string;
	/** extra tooltip lines */
	detail?: string[];
	inProgress?: boolean;
	datum?: D;
}
export interface Axis {
	key: string;
	label: string;
	/** a period the data covers only in part: its bars are drawn faint with a dashed outline */
	partial?: boolean;
}
export interface TreemapItem<D = unknown> {
	id: string;
	label: string;
	value: number;
	/** colours by this value when given (sequential), else by position (categorical) */
	colourValue?: number;
	detail?: string[];
	datum?: D;
}
export interface Bin {
	x0: number;
	x1: number;
	count: number;
}
export type NumberFormat = (n: number) => string;
