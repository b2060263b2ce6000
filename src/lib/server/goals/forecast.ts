/**
 * Forecast of a KPI series: an ordinary least-squares linear trend on the last `window` usable periods, extrapolated
 * `h` periods past the last one, with the 80% prediction interval of a new observation from the regression's residual
 * standard error: y0 +/- t(0.90, n-2) * s * sqrt(1 + 1/n + (x0 - mean x)^2 / Sxx) (any regression text, e.g. Montgomery,
 * Peck & Vining, "Introduction to Linear Regression Analysis", section 2.5). A level (no trend) is used below 3 points.
 */
export interface Forecast {
	value: number;
	low: number;
	high: number;
	/** how many periods the trend was fitted on */
	n: number;
}

export const FORECAST_WINDOW = 12;
export const FORECAST_LEVEL = 0.8;

// Student t quantile 0.90 by degrees of freedom 1..12 (the window keeps df <= 10); beyond, the normal quantile.
const T90 = [3.078, 1.886, 1.638, 1.533, 1.476, 1.44, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356];
const t90 = (df: number): number => T90[df - 1] ?? 1.2816;

/** Forecast `h` (>= 1) periods after the last value of `values` (oldest first); null without at least 3 values. */
export function trendForecast(values: number[], h: number, window = FORECAST_WINDOW): Forecast | null {
	const y = values.slice(-window);
	const n = y.length;
	if (n < 3) return null;
	const xbar = (n - 1) / 2;
	const ybar = y.reduce((a, b) => a + b, 0) / n;
	let sxx = 0;
	let sxy = 0;
	y.forEach((v, i) => {
		sxx += (i - xbar) ** 2;
		sxy += (i - xbar) * (v - ybar);
	});
	const slope = sxy / sxx;
	const intercept = ybar - slope * xbar;
	const sse = y.reduce((a, v, i) => a + (v - intercept - slope * i) ** 2, 0);
	const s = Math.sqrt(sse / (n - 2));
	const x0 = n - 1 + h;
	const value = intercept + slope * x0;
	const half = t90(n - 2) * s * Math.sqrt(1 + 1 / n + (x0 - xbar) ** 2 / sxx);
	return { value, low: value - half, high: value + half, n };
}
