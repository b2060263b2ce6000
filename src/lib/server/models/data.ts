/**
 * The per-customer inputs of the purchase models, in the model's time unit, as parallel columns:
 * x = repeat purchase days, tx = time of the last purchase since the first, T = time from the first purchase
 * to the end of calibration, weight = how many customers share this (x, tx, T).
 */
export interface CustomerHistories {
	x: Float64Array;
	tx: Float64Array;
	T: Float64Array;
	weight: Float64Array;
}

/** Repeat spend: x repeat purchase days with mean spend m per day (customers with x > 0 only). */
export interface SpendHistories {
	x: Float64Array;
	m: Float64Array;
	weight: Float64Array;
}

export function histories(rows: { x: number; tx: number; T: number; weight?: number }[]): CustomerHistories {
	return {
		x: Float64Array.from(rows, (r) => r.x),
		tx: Float64Array.from(rows, (r) => r.tx),
		T: Float64Array.from(rows, (r) => r.T),
		weight: Float64Array.from(rows, (r) => r.weight ?? 1)
	};
}

/** Merges customers with identical (x, tx, T) into one row with a weight; the likelihood is unchanged. */
export function groupHistories(h: CustomerHistories): CustomerHistories {
	const index = new Map<string, number>();
	const x: number[] = [];
	const tx: number[] = [];
	const T: number[] = [];
	const w: number[] = [];
	for (let i = 0; i < h.x.length; i++) {
		const key = `${h.x[i]}|${h.tx[i]}|${h.T[i]}`;
		const at = index.get(key);
		if (at === undefined) {
			index.set(key, x.length);
			x.push(h.x[i]!);
			tx.push(h.tx[i]!);
			T.push(h.T[i]!);
			w.push(h.weight[i]!);
		} else w[at]! += h.weight[i]!;
	}
	return {
		x: Float64Array.from(x),
		tx: Float64Array.from(tx),
		T: Float64Array.from(T),
		weight: Float64Array.from(w)
	};
}

export const totalWeight = (w: Float64Array): number => w.reduce((a, b) => a + b, 0);

/** Largest x, as an integer (x counts purchase days). */
export function maxCount(x: Float64Array): number {
	let m = 0;
	for (const v of x) if (v > m) m = v;
	return Math.round(m);
}
