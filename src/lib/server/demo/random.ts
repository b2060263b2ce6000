/**
 * A small seeded pseudo-random generator and the distributions the demo needs. Written here (not
 * Math.random) so that the same seed gives the same database on every machine and Node version.
 *
 * Generator: xoshiro128** (Blackman & Vigna, 2018), 32-bit state words, seeded through splitmix32 so
 * that neighbouring seeds give unrelated streams. Every customer gets its own stream (seed, customer
 * index), so customer i is the same whatever the total number of customers.
 */

const TWO_POW_32 = 4294967296;

/** splitmix32 step (a 32-bit variant of Steele, Lea & Flood's SplitMix): scrambles one word. */
function mix32(x: number): number {
	x = (x + 0x9e3779b9) | 0;
	let z = x;
	z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
	z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
	return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
	private s0: number;
	private s1: number;
	private s2: number;
	private s3: number;
	/** Second normal of the last Box-Muller pair, or NaN when none is waiting. */
	private spareNormal = NaN;

	/** A stream for (seed, stream): seed is any safe integer, stream e.g. a customer index. */
	constructor(seed: number, stream = 0) {
		const lo = seed >>> 0;
		const hi = Math.floor(seed / TWO_POW_32) >>> 0;
		let x = mix32(lo ^ mix32(hi ^ 0x5bd1e995));
		x = mix32(x ^ mix32(stream >>> 0));
		this.s0 = x = mix32(x);
		this.s1 = x = mix32(x ^ 0x68e31da4);
		this.s2 = x = mix32(x ^ 0xb5297a4d);
		this.s3 = mix32(x ^ 0x1b56c4e9);
		if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
	}

	/** Next 32-bit unsigned word (xoshiro128**). */
	nextUint32(): number {
		const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
		const t = this.s1 << 9;
		this.s2 ^= this.s0;
		this.s3 ^= this.s1;
		this.s1 ^= this.s2;
		this.s0 ^= this.s3;
		this.s2 ^= t;
		this.s3 = rotl(this.s3, 11);
		return result;
	}

	/** Uniform on the open interval (0, 1): never 0, so log(u) is always finite. */
	uniform(): number {
		return (this.nextUint32() + 0.5) / TWO_POW_32;
	}

	/** Uniform integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.uniform() * n);
	}

	chance(p: number): boolean {
		return this.uniform() < p;
	}

	/** Exponential with the given rate. */
	exponential(rate: number): number {
		return -Math.log(this.uniform()) / rate;
	}

	/** Standard normal (Box-Muller, both values of each pair used). */
	normal(): number {
		if (!Number.isNaN(this.spareNormal)) {
			const z = this.spareNormal;
			this.spareNormal = NaN;
			return z;
		}
		const r = Math.sqrt(-2 * Math.log(this.uniform()));
		const theta = 2 * Math.PI * this.uniform();
		this.spareNormal = r * Math.sin(theta);
		return r * Math.cos(theta);
	}

	/**
	 * Gamma(shape, rate), mean shape / rate. Marsaglia & Tsang (2000), "A simple method for generating
	 * gamma variables"; shape < 1 through Gamma(shape + 1) * U^(1/shape).
	 */
	gamma(shape: number, rate: number): number {
		if (shape < 1) return this.gamma(shape + 1, rate) * Math.pow(this.uniform(), 1 / shape);
		const d = shape - 1 / 3;
		const c = 1 / Math.sqrt(9 * d);
		for (;;) {
			let x: number;
			let v: number;
			do {
				x = this.normal();
				v = 1 + c * x;
			} while (v <= 0);
			v = v * v * v;
			const u = this.uniform();
			if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
			if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
		}
	}

	/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
	beta(a: number, b: number): number {
		const x = this.gamma(a, 1);
		const y = this.gamma(b, 1);
		return x / (x + y);
	}

	/** Poisson(mean): multiplication method for small means, normal approximation above 50. */
	poisson(mean: number): number {
		if (mean <= 0) return 0;
		if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
		const limit = Math.exp(-mean);
		let k = 0;
		let p = this.uniform();
		while (p > limit) {
			k++;
			p *= this.uniform();
		}
		return k;
	}

	/** Index drawn from cumulative weights (ascending, last = total). */
	pick(cumulative: Float64Array): number {
		const u = this.uniform() * cumulative[cumulative.length - 1]!;
		let lo = 0;
		let hi = cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid]! > u) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}
}

function rotl(x: number, k: number): number {
	return (x << k) | (x >>> (32 - k));
}

/** Cumulative sums of weights, for Rng.pick. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
	const out = new Float64Array(weights.length);
	let sum = 0;
	weights.forEach((w, i) => {
		sum += w;
		out[i] = sum;
	});
	return out;
}
