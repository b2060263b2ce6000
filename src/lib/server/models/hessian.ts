import { identity } from './optimize';

/**
 * Standard errors of maximum-likelihood estimates: the square roots of the diagonal of the inverse of the
 * observed information (the Hessian of the negative log-likelihood), by the delta method when the fit was
 * on log-parameters (se(θ) = θ · se(ln θ)). The Hessian is a forward difference of the analytic gradient with a
 * small step (n + 1 gradients instead of 2n: at a million customers each costs tens of milliseconds); its
 * truncation error, of the order of the step, is far below the precision a standard error is read with.
 */
export function numericHessian(gradient: (x: number[]) => number[], x: number[], h = 1e-4): number[][] {
	const n = x.length;
	const H = identity(n).map((r) => r.map(() => 0));
	const g0 = gradient(x);
	for (let j = 0; j < n; j++) {
		const up = [...x];
		up[j] = x[j]! + h;
		const gu = gradient(up);
		for (let i = 0; i < n; i++) H[i]![j] = (gu[i]! - g0[i]!) / h;
	}
	// Symmetrise: the two halves differ only by rounding and the step.
	for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) H[i]![j] = H[j]![i] = (H[i]![j]! + H[j]![i]!) / 2;
	return H;
}

/** Inverse of a small symmetric matrix by Gauss-Jordan with partial pivoting; undefined when singular. */
export function invert(m: number[][]): number[][] | undefined {
	const n = m.length;
	const a = m.map((r, i) => [...r, ...identity(n)[i]!]);
	for (let c = 0; c < n; c++) {
		let p = c;
		for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
		if (!(Math.abs(a[p]![c]!) > 1e-300)) return undefined;
		[a[c], a[p]] = [a[p]!, a[c]!];
		const piv = a[c]![c]!;
		for (let k = 0; k < 2 * n; k++) a[c]![k]! /= piv;
		for (let r = 0; r < n; r++) {
			if (r === c) continue;
			const f = a[r]![c]!;
			if (f !== 0) for (let k = 0; k < 2 * n; k++) a[r]![k] = a[r]![k]! - f * a[c]![k]!;
		}
	}
	return a.map((r) => r.slice(n));
}
