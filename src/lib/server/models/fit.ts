import { bgnbdLogLikelihood, BGNBD_PARAMS, prepareBgNbd, type BgNbdParams } from './bgnbd';
import { groupHistories, totalWeight, type CustomerHistories, type SpendHistories } from './data';
import {
	gammaGammaLogLikelihood,
	GAMMAGAMMA_PARAMS,
	prepareGammaGamma,
	type GammaGammaParams
} from './gammagamma';
import { invert, numericHessian } from './hessian';
import { mbgnbdLogLikelihood, MBGNBD_PARAMS, prepareMbgNbd, type MbgNbdParams } from './mbgnbd';
import { identification, type Identification } from './identification';
import { minimizeBfgs } from './optimize';
import { paretoLogLikelihoodWithGradient, PARETO_PARAMS, type ParetoNbdParams } from './paretonbd';

export type ModelName = 'bgnbd' | 'mbg-nbd' | 'pareto-nbd' | 'gamma-gamma';

export interface FitOptions {
	/** L2 penalty on the parameters, added to the mean negative log-likelihood (as lifetimes does). Default 0. */
	penalizer?: number;
	/** Where the optimiser starts; default 1 for every parameter. */
	initial?: number[];
	/** Skip grouping of identical histories (the caller already grouped them, e.g. in SQL). */
	grouped?: boolean;
	maxIterations?: number;
	/**
	 * Further starting points, tried when the fit from `initial` is poorly identified or did not converge (a flat
	 * likelihood): the best end is kept, and equally good ends far apart are reported as a flat likelihood.
	 */
	starts?: number[][];
}

/** A fitted model: its parameters, how well it fits and whether the optimiser actually converged. */
export interface FitResult<P> {
	model: ModelName;
	params: P;
	/** Standard error of each parameter (delta method from the inverse Hessian); null when it is singular. */
	stdErrors: Record<string, number | null>;
	/** Log-likelihood of the data at the estimate (without the penalty). */
	logLikelihood: number;
	nCustomers: number;
	converged: boolean;
	/** Whether the data pin the parameters down (see identification.ts), with the reasons when not. */
	identification: Identification;
	/** Optimiser starts tried (1 unless the first was poorly identified). */
	starts: number;
	iterations: number;
	message: string;
	penalizer: number;
	durationMs: number;
}

type LogLik = (theta: number[]) => { value: number; gradient?: number[] };

/**
 * Maximum likelihood on log-parameters u = ln θ (so every parameter stays positive), minimising the mean
 * negative log-likelihood plus penalizer · Σθ². A model without an analytic gradient gets central differences.
 */
function fitLogParams(
	names: readonly string[],
	logLik: LogLik,
	weight: number,
	options: FitOptions,
	coarse?: LogLik
): Omit<FitResult<Record<string, number>>, 'model' | 'nCustomers' | 'durationMs'> {
	const pen = options.penalizer ?? 0;
	const init = options.initial ?? names.map(() => 1);
	const valueOf = (ll: LogLik) => (u: number[]) => {
		const theta = u.map(Math.exp);
		return -ll(theta).value / weight + pen * theta.reduce((s, t) => s + t * t, 0);
	};
	const objectiveOf = (ll: LogLik) => (u: number[]) => {
		const theta = u.map(Math.exp);
		const res = ll(theta);
		const v = -res.value / weight + pen * theta.reduce((s, t) => s + t * t, 0);
		if (!Number.isFinite(v)) return { value: NaN, gradient: u.map(() => NaN) };
		const gradient = res.gradient
			? res.gradient.map((g, i) => (-g * theta[i]!) / weight + 2 * pen * theta[i]! * theta[i]!)
			: centralGradient(valueOf(ll), u);
		return { value: v, gradient };
	};
	const maxIterations = options.maxIterations ?? 500;
	// Observed information of the total (unpenalised) negative log-likelihood, in log-parameters.
	const totalGradient = (u: number[]) => {
		const th = u.map(Math.exp);
		const res = logLik(th);
		if (res.gradient) return res.gradient.map((g, i) => -g * th[i]!);
		return centralGradient((uu) => -logLik(uu.map(Math.exp)).value, u);
	};
	const fitFrom = (init: number[], withCoarse: boolean) => {
		// With many rows, first fit a systematic subsample (weights scaled up, so the mean likelihood is the same
		// function up to sampling noise), then refine on all rows from there with its curvature: a few full passes.
		const start =
			withCoarse && coarse
				? minimizeBfgs(objectiveOf(coarse), init.map(Math.log), { gradientTolerance: 1e-5, maxIterations })
				: undefined;
		const warm = start && start.converged;
		const result = minimizeBfgs(objectiveOf(logLik), warm ? start.x : init.map(Math.log), {
			gradientTolerance: 1e-7,
			maxIterations,
			initialInverseHessian: warm ? start.inverseHessian : undefined
		});
		const theta = result.x.map(Math.exp);
		const cov = invert(numericHessian(totalGradient, result.x));
		// The objective at the optimum is −ln L / weight + penalty: undo both rather than evaluate ln L once more.
		const logLikelihood = -(result.value - pen * theta.reduce((acc, t) => acc + t * t, 0)) * weight;
		const converged = result.converged && theta.every(Number.isFinite);
		const ident = identification(names, theta, logLikelihood, cov);
		// Iterations on all rows (plus those on the subsample, when there was one).
		const iterations = result.iterations + (warm ? start.iterations : 0);
		return { result, theta, cov, logLikelihood, converged, ident, iterations };
	};
	const ends = [fitFrom(init, true)];
	if (!ends[0]!.converged || ends[0]!.ident.poorlyIdentified) {
		for (const s of options.starts ?? []) ends.push(fitFrom(s, false));
	}
	const usable = ends.filter((e) => e.converged);
	const best = (usable.length ? usable : ends).reduce((a, b) => (b.logLikelihood > a.logLikelihood ? b : a));
	const others = usable
		.filter((e) => e !== best)
		.map((e) => ({ theta: e.theta, logLikelihood: e.logLikelihood }));
	const { theta, cov } = best;
	const stdErrors: Record<string, number | null> = {};
	names.forEach((name, i) => {
		const varU = cov?.[i]?.[i];
		stdErrors[name] = varU !== undefined && varU > 0 ? theta[i]! * Math.sqrt(varU) : null;
	});
	const params: Record<string, number> = {};
	names.forEach((name, i) => (params[name] = theta[i]!));
	return {
		params,
		stdErrors,
		logLikelihood: best.logLikelihood,
		converged: best.converged,
		identification: identification(names, theta, best.logLikelihood, cov, others),
		starts: ends.length,
		iterations: ends.reduce((n, e) => n + e.iterations, 0),
		message: best.result.message,
		penalizer: pen
	};
}

function centralGradient(f: (u: number[]) => number, u: number[], h = 1e-6): number[] {
	return u.map((_, i) => {
		const up = [...u];
		const down = [...u];
		up[i] = u[i]! + h;
		down[i] = u[i]! - h;
		return (f(up) - f(down)) / (2 * h);
	});
}

/** Rows above which a fit starts on a subsample (see fitLogParams). */
const SUBSAMPLE_ABOVE = 50_000;
const SUBSAMPLE_ROWS = 20_000;

/** Every k-th row with its weight multiplied by k, or undefined when there are few rows. */
function subsample<T extends { weight: Float64Array }>(h: T, rows: number): T | undefined {
	if (rows <= SUBSAMPLE_ABOVE) return undefined;
	const k = Math.ceil(rows / SUBSAMPLE_ROWS);
	const out: Record<string, Float64Array> = {};
	for (const [key, col] of Object.entries(h) as [string, Float64Array][]) {
		const c = new Float64Array(Math.ceil(rows / k));
		for (let i = 0, j = 0; i < rows; i += k, j++) c[j] = key === 'weight' ? col[i]! * k : col[i]!;
		out[key] = c;
	}
	return out as unknown as T;
}

function toObject<K extends string>(names: readonly K[], theta: number[]): Record<K, number> {
	const out = {} as Record<K, number>;
	names.forEach((n, i) => (out[n] = theta[i]!));
	return out;
}

function finish<P>(
	model: ModelName,
	t0: number,
	nCustomers: number,
	r: ReturnType<typeof fitLogParams>
): FitResult<P> {
	return { model, ...r, params: r.params as P, nCustomers, durationMs: performance.now() - t0 };
}

export function fitBgNbd(data: CustomerHistories, options: FitOptions = {}): FitResult<BgNbdParams> {
	const t0 = performance.now();
	const h = options.grouped ? data : groupHistories(data);
	const W = totalWeight(h.weight);
	const prepared = prepareBgNbd(h);
	const small = subsample(h, h.x.length);
	const smallPrepared = small && prepareBgNbd(small);
	const r = fitLogParams(
		BGNBD_PARAMS,
		(th) => bgnbdLogLikelihood(toObject(BGNBD_PARAMS, th), prepared),
		W,
		options,
		smallPrepared && ((th) => bgnbdLogLikelihood(toObject(BGNBD_PARAMS, th), smallPrepared))
	);
	return finish('bgnbd', t0, W, r);
}

/** MBG/NBD (mbgnbd.ts): BG/NBD's fit with every customer in the drop-out term (also one-time buyers). */
export function fitMbgNbd(data: CustomerHistories, options: FitOptions = {}): FitResult<MbgNbdParams> {
	const t0 = performance.now();
	const h = options.grouped ? data : groupHistories(data);
	const W = totalWeight(h.weight);
	const prepared = prepareMbgNbd(h);
	const small = subsample(h, h.x.length);
	const smallPrepared = small && prepareMbgNbd(small);
	const r = fitLogParams(
		MBGNBD_PARAMS,
		(th) => mbgnbdLogLikelihood(toObject(MBGNBD_PARAMS, th), prepared),
		W,
		options,
		smallPrepared && ((th) => mbgnbdLogLikelihood(toObject(MBGNBD_PARAMS, th), smallPrepared))
	);
	return finish('mbg-nbd', t0, W, r);
}

export function fitParetoNbd(data: CustomerHistories, options: FitOptions = {}): FitResult<ParetoNbdParams> {
	const t0 = performance.now();
	const h = options.grouped ? data : groupHistories(data);
	const W = totalWeight(h.weight);
	// Beyond S_MAX the drop-out rates are practically homogeneous (coefficient of variation 1/√s below 1%) and the
	// likelihood only creeps up along the s-β ridge: a bound there keeps a start from walking it for minutes.
	const logLik =
		(data: CustomerHistories): LogLik =>
		(th) =>
			th[2]! > PARETO_S_MAX
				? { value: NaN }
				: paretoLogLikelihoodWithGradient(toObject(PARETO_PARAMS, th), data);
	const small = subsample(h, h.x.length);
	const r = fitLogParams(
		PARETO_PARAMS,
		logLik(h),
		W,
		{ ...options, starts: options.starts ?? paretoStarts(h, W) },
		small && logLik(small)
	);
	return finish('pareto-nbd', t0, W, r);
}

/** Upper bound on Pareto/NBD's s (see fitParetoNbd). */
export const PARETO_S_MAX = 1e4;

/**
 * Further Pareto/NBD starts, scaled to the data's mean T (α and β are in time units): few and many drop-outs, with
 * heterogeneous (small s) and nearly homogeneous (large s) drop-out rates. The likelihood is often flat in s and β.
 */
function paretoStarts(h: CustomerHistories, W: number): number[][] {
	let sumT = 0;
	for (let i = 0; i < h.T.length; i++) sumT += h.weight[i]! * h.T[i]!;
	const meanT = Math.max(sumT / W, 1e-3);
	return [
		[0.5, meanT / 4, 0.5, meanT / 4],
		[1, meanT / 2, 0.05, 5 * meanT],
		[1, meanT / 2, 5, 50 * meanT]
	];
}

/** Fits Gamma-Gamma on the customers with at least one repeat purchase day (x > 0) and a positive mean spend. */
export function fitGammaGamma(data: SpendHistories, options: FitOptions = {}): FitResult<GammaGammaParams> {
	const t0 = performance.now();
	const h = repeatSpenders(data);
	const W = totalWeight(h.weight);
	const prepared = prepareGammaGamma(h);
	const small = subsample(h, h.x.length);
	const smallPrepared = small && prepareGammaGamma(small);
	const r = fitLogParams(
		GAMMAGAMMA_PARAMS,
		(th) => gammaGammaLogLikelihood(toObject(GAMMAGAMMA_PARAMS, th), prepared),
		W,
		options,
		smallPrepared && ((th) => gammaGammaLogLikelihood(toObject(GAMMAGAMMA_PARAMS, th), smallPrepared))
	);
	return finish('gamma-gamma', t0, W, r);
}

/** The rows with x > 0 and m > 0 (plain loops: typed-array `from` with a map function is slow at a million rows). */
function repeatSpenders(data: SpendHistories): SpendHistories {
	let n = 0;
	for (let i = 0; i < data.x.length; i++) if (data.x[i]! > 0 && data.m[i]! > 0) n++;
	const h: SpendHistories = { x: new Float64Array(n), m: new Float64Array(n), weight: new Float64Array(n) };
	for (let i = 0, j = 0; i < data.x.length; i++) {
		if (!(data.x[i]! > 0 && data.m[i]! > 0)) continue;
		h.x[j] = data.x[i]!;
		h.m[j] = data.m[i]!;
		h.weight[j] = data.weight[i]!;
		j++;
	}
	return h;
}
