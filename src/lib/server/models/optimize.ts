/**
 * BFGS minimisation with a backtracking (Armijo) line search (Nocedal & Wright, Numerical Optimization,
 * 2nd ed., Algorithm 6.1 and 3.1). Small, dependency-free and deterministic; the models minimise a smooth
 * mean negative log-likelihood in at most a handful of log-parameters, where BFGS is the standard choice.
 */
export interface Objective {
	/** Value and gradient at x. A non-finite value means "outside the domain" and makes the step shorter. */
	(x: number[]): { value: number; gradient: number[] };
}

export interface MinimizeResult {
	x: number[];
	value: number;
	gradient: number[];
	iterations: number;
	evaluations: number;
	converged: boolean;
	/** Why it stopped, in words. */
	message: string;
	/** The final inverse Hessian approximation (to warm-start a refinement). */
	inverseHessian: number[][];
}

export interface MinimizeOptions {
	/** Converged when the largest gradient component is at most this. */
	gradientTolerance?: number;
	maxIterations?: number;
	/** Start from this inverse Hessian approximation instead of the identity (e.g. from a fit on a subsample). */
	initialInverseHessian?: number[][];
}

export function minimizeBfgs(f: Objective, x0: number[], options: MinimizeOptions = {}): MinimizeResult {
	const gtol = options.gradientTolerance ?? 1e-8;
	const maxIter = options.maxIterations ?? 500;
	const n = x0.length;
	let x = [...x0];
	let cur = f(x);
	let evaluations = 1;
	if (!Number.isFinite(cur.value)) {
		return {
			x,
			value: cur.value,
			gradient: cur.gradient,
			iterations: 0,
			evaluations,
			converged: false,
			message: 'the starting point has no finite likelihood',
			inverseHessian: H0(n)
		};
	}
	// Inverse Hessian approximation, starting from the identity unless the caller knows better.
	let H = options.initialInverseHessian?.map((r) => [...r]) ?? identity(n);
	const warm = options.initialInverseHessian !== undefined;
	for (let iter = 0; iter < maxIter; iter++) {
		if (maxAbs(cur.gradient) <= gtol) {
			return {
				x,
				value: cur.value,
				gradient: cur.gradient,
				iterations: iter,
				evaluations,
				converged: true,
				message: 'gradient below tolerance',
				inverseHessian: H
			};
		}
		let dir = matVec(H, cur.gradient).map((v) => -v);
		let slope = dot(dir, cur.gradient);
		if (!(slope < 0)) {
			// Not a descent direction (curvature lost): restart from steepest descent.
			H = identity(n);
			dir = cur.gradient.map((v) => -v);
			slope = dot(dir, cur.gradient);
		}
		// Never move a log-parameter by more than 5 in one step (a factor of e^5 in the parameter).
		let step = Math.min(1, 5 / Math.max(maxAbs(dir), 1e-300));
		let next: { value: number; gradient: number[] } | undefined;
		let xNext: number[] = x;
		for (let k = 0; k < 40; k++) {
			xNext = x.map((v, i) => v + step * dir[i]!);
			const trial = f(xNext);
			evaluations++;
			if (Number.isFinite(trial.value) && trial.value <= cur.value + 1e-4 * step * slope) {
				next = trial;
				break;
			}
			if (
				Math.abs(trial.value - cur.value) <= 1e-12 * Math.abs(cur.value) &&
				maxAbs(trial.gradient) <= gtol * 1e2 &&
				maxAbs(cur.gradient) <= gtol * 1e2
			) {
				// Both points are flat to within rounding: the minimum is as precise as the objective allows.
				const best = trial.value < cur.value ? { x: xNext, ...trial } : { x, ...cur };
				return {
					...best,
					iterations: iter + 1,
					evaluations,
					converged: true,
					message: 'no further decrease at machine precision',
					inverseHessian: H
				};
			}
			step *= 0.5;
		}
		if (!next) {
			// No decrease is possible at machine precision: this is a minimum if the gradient is small.
			const ok = maxAbs(cur.gradient) <= gtol * 1e3;
			return {
				x,
				value: cur.value,
				gradient: cur.gradient,
				iterations: iter,
				evaluations,
				converged: ok,
				message: ok ? 'no further decrease at machine precision' : 'line search failed: no descent',
				inverseHessian: H
			};
		}
		if (cur.value - next.value <= 1e-12 * Math.abs(cur.value) && maxAbs(next.gradient) <= gtol * 1e2) {
			// The value no longer changes beyond rounding and the gradient is nearly zero: the minimum is found as
			// precisely as the objective can be evaluated (long, flat ridges such as r-alpha end here).
			return {
				x: xNext,
				value: next.value,
				gradient: next.gradient,
				iterations: iter + 1,
				evaluations,
				converged: true,
				message: 'no further decrease at machine precision',
				inverseHessian: H
			};
		}
		const s = xNext.map((v, i) => v - x[i]!);
		const y = next.gradient.map((v, i) => v - cur.gradient[i]!);
		const sy = dot(s, y);
		if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
			if (iter === 0 && !warm) H = scaled(identity(n), sy / dot(y, y));
			H = bfgsUpdate(H, s, y, sy);
		}
		x = xNext;
		cur = next;
	}
	return {
		x,
		value: cur.value,
		gradient: cur.gradient,
		iterations: maxIter,
		evaluations,
		converged: maxAbs(cur.gradient) <= gtol,
		message: 'iteration limit reached',
		inverseHessian: H
	};
}

/** H+ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / yᵀs (Nocedal & Wright eq. 6.17). */
function bfgsUpdate(H: number[][], s: number[], y: number[], sy: number): number[][] {
	const n = s.length;
	const rho = 1 / sy;
	const Hy = matVec(H, y);
	const yHy = dot(y, Hy);
	const out = identity(n);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			out[i]![j] =
				H[i]![j]! - rho * (s[i]! * Hy[j]! + Hy[i]! * s[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
		}
	}
	return out;
}

const H0 = (n: number) => identity(n);

export function identity(n: number): number[][] {
	return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}
const scaled = (m: number[][], k: number) => m.map((r) => r.map((v) => v * k));
const dot = (a: number[], b: number[]) => a.reduce((acc, v, i) => acc + v * b[i]!, 0);
const maxAbs = (a: number[]) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const matVec = (m: number[][], v: number[]) => m.map((r) => dot(r, v));
