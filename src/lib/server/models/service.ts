import type { Database, Session } from '../db';
import { POORLY_IDENTIFIED } from './identification';
import { buildVersion, markBuilt } from '../derived/registry';
import type { BgNbdParams } from './bgnbd';
import { checkEligibility } from './eligibility';
import {
	fitBgNbd,
	fitGammaGamma,
	fitMbgNbd,
	fitParetoNbd,
	type FitOptions,
	type FitResult,
	type ModelName
} from './fit';
import type { GammaGammaParams } from './gammagamma';
import { writeBgNbdPredictions } from './predict';
import {
	materialiseSummary,
	readHistories,
	readSpend,
	summaryFacts,
	type SummaryFacts,
	type TimeUnit
} from './summary';

export type FitStatus = 'ok' | 'not_converged' | 'ineligible';

/** The outcome of one model fit: numbers only when the data was eligible and the optimiser converged. */
export interface ModelRun {
	model: ModelName;
	status: FitStatus;
	message: string;
	calibrationEnd: string;
	timeUnit: TimeUnit;
	facts: SummaryFacts;
	/** Present when the model was fitted (also when it did not converge: then status says so). */
	fit?: FitResult<Record<string, number>>;
	/** Failed eligibility threshold, when status is 'ineligible'. */
	threshold?: string;
	fitId?: number;
}

export interface ModelRequest {
	model: ModelName;
	/** Last day of the calibration data (included); default: the day of the last purchase. */
	calibrationEnd?: string;
	timeUnit?: TimeUnit;
	penalizer?: number;
}

/** The day of the last purchase (YYYY-MM-DD), or undefined without purchases. */
export async function lastPurchaseDay(s: Session): Promise<string | undefined> {
	const rows = await s.sql<{ d: string | null }>(
		"SELECT strftime(max(day), '%Y-%m-%d') AS d FROM customer_day WHERE purchases > 0"
	);
	return rows[0]?.d ?? undefined;
}

/** Fits one model on this session's materialised summary (see materialiseSummary). */
export async function fitOnSummary(
	s: Session,
	req: Required<Pick<ModelRequest, 'model' | 'timeUnit'>> & { calibrationEnd: string; penalizer?: number }
): Promise<ModelRun> {
	const facts = await summaryFacts(s, req.calibrationEnd);
	const base = { model: req.model, calibrationEnd: req.calibrationEnd, timeUnit: req.timeUnit, facts };
	const eligibility = checkEligibility(req.model, facts);
	if (!eligibility.eligible) {
		return { ...base, status: 'ineligible', message: eligibility.message, threshold: eligibility.threshold };
	}
	const options: FitOptions = { penalizer: req.penalizer, grouped: true };
	const fit =
		req.model === 'gamma-gamma'
			? fitGammaGamma(await readSpend(s), options)
			: req.model === 'pareto-nbd'
				? fitParetoNbd(await readHistories(s), options)
				: req.model === 'mbg-nbd'
					? fitMbgNbd(await readHistories(s), options)
					: fitBgNbd(await readHistories(s), options);
	const generic = fit as unknown as FitResult<Record<string, number>>;
	if (!fit.converged) {
		return {
			...base,
			fit: generic,
			status: 'not_converged',
			message: `${req.model}: the optimiser did not converge (${fit.message}); do not use these parameters`
		};
	}
	// Converged, but on a flat ridge: the numbers are usable for predictions (any point on the ridge predicts
	// alike) yet the parameters themselves are not pinned down, which the message says instead of "converged".
	const message = fit.identification.poorlyIdentified
		? `${POORLY_IDENTIFIED}: ${fit.identification.reasons.join('; ')}`
		: 'converged';
	return { ...base, fit: generic, status: 'ok', message };
}

/** Computes the summary at the calibration end and fits one model, without storing anything. */
export async function fitModel(db: Database, req: ModelRequest): Promise<ModelRun> {
	return db.withSession(async (s) => {
		const calibrationEnd = req.calibrationEnd ?? (await lastPurchaseDay(s));
		const timeUnit = req.timeUnit ?? 'week';
		if (!calibrationEnd) {
			const facts = {
				customers: 0,
				repeatCustomers: 0,
				repeatWithSpend: 0,
				historyDays: 0,
				spendFrequencyCorrelation: null
			};
			const e = checkEligibility(req.model, facts);
			return {
				model: req.model,
				status: 'ineligible',
				message: e.eligible ? 'no purchases' : e.message,
				threshold: e.eligible ? 'minCustomers' : e.threshold,
				calibrationEnd: '',
				timeUnit,
				facts
			};
		}
		await materialiseSummary(s, calibrationEnd, timeUnit);
		return fitOnSummary(s, { ...req, calibrationEnd, timeUnit });
	});
}

/** Stores a run in model_fits and returns its fit_id. */
export async function storeRun(s: Session, run: ModelRun, asOf: string): Promise<number> {
	const f = run.fit;
	const rows = await s.sql<{ fit_id: number }>(
		`INSERT INTO model_fits (model, params, std_errors, log_likelihood, converged, iterations, n_customers,
			time_unit, calibration_end, as_of, penalizer, duration_ms, status, message)
		 VALUES ($model, $params::JSON, $std_errors::JSON, $ll::DOUBLE, $converged, $iterations::INTEGER,
			$n::BIGINT, $unit, $calibration_end::DATE, $as_of::DATE, $penalizer::DOUBLE, $ms::DOUBLE, $status, $message)
		 RETURNING fit_id`,
		{
			model: run.model,
			// An ineligible model has no numbers at all.
			params: f ? JSON.stringify(f.params) : null,
			std_errors: f ? JSON.stringify(f.stdErrors) : null,
			ll: f?.logLikelihood ?? null,
			converged: run.status === 'ok',
			iterations: f?.iterations ?? null,
			n: f?.nCustomers ?? run.facts.customers,
			unit: run.timeUnit,
			calibration_end: run.calibrationEnd || asOf,
			as_of: asOf,
			penalizer: f?.penalizer ?? 0,
			ms: f?.durationMs ?? null,
			status: run.status,
			message: run.message
		}
	);
	return rows[0]!.fit_id;
}

export interface RefreshOptions {
	timeUnit?: TimeUnit;
	horizonDays?: number;
	discountRate?: number;
	penalizer?: number;
}

export interface RefreshResult {
	asOf: string | null;
	purchase: ModelRun | null;
	/** MBG/NBD, fitted and stored in model_fits beside BG/NBD (for comparison; predictions stay BG/NBD's). */
	mbg: ModelRun | null;
	spend: ModelRun | null;
	predictions: number;
	durationMs: number;
}

/**
 * Registry entry 'models' (after every ingest, and on demand): fits BG/NBD, MBG/NBD and Gamma-Gamma on all purchases
 * up to the last purchase day, stores the three fits and rewrites `predictions` (from BG/NBD and Gamma-Gamma). An ineligible or non-converged BG/NBD leaves no predictions
 * (old ones are removed, so stale numbers are never shown); a missing spend model leaves CLV empty. The input
 * version is taken before the inputs are read and recorded with the predictions.
 */
export async function refreshModels(db: Database, options: RefreshOptions = {}): Promise<RefreshResult> {
	const t0 = performance.now();
	const timeUnit = options.timeUnit ?? 'week';
	return db.withSession(async (s) => {
		const version = await buildVersion(s, 'models');
		const asOf = await lastPurchaseDay(s);
		if (!asOf) {
			await s.exec('BEGIN TRANSACTION');
			await s.exec("DELETE FROM predictions WHERE model = 'bgnbd'");
			await markBuilt(s, 'models', version, { as_of: null }, performance.now() - t0);
			await s.exec('COMMIT');
			return {
				asOf: null,
				purchase: null,
				mbg: null,
				spend: null,
				predictions: 0,
				durationMs: performance.now() - t0
			};
		}
		await materialiseSummary(s, asOf, timeUnit);
		const req = { calibrationEnd: asOf, timeUnit, penalizer: options.penalizer };
		const purchase = await fitOnSummary(s, { ...req, model: 'bgnbd' });
		const mbg = await fitOnSummary(s, { ...req, model: 'mbg-nbd' });
		const spend = await fitOnSummary(s, { ...req, model: 'gamma-gamma' });
		await s.exec('BEGIN TRANSACTION');
		try {
			purchase.fitId = await storeRun(s, purchase, asOf);
			mbg.fitId = await storeRun(s, mbg, asOf);
			spend.fitId = await storeRun(s, spend, asOf);
			let predictions = 0;
			if (purchase.status === 'ok' && purchase.fit) {
				predictions = await writeBgNbdPredictions(
					s,
					{ fitId: purchase.fitId, params: purchase.fit.params as unknown as BgNbdParams },
					spend.status === 'ok' && spend.fit
						? { fitId: spend.fitId, params: spend.fit.params as unknown as GammaGammaParams }
						: undefined,
					{
						asOf,
						timeUnit,
						horizonDays: options.horizonDays ?? 365,
						discountRate: options.discountRate ?? 0.01
					}
				);
			} else {
				await s.exec("DELETE FROM predictions WHERE model = 'bgnbd'");
			}
			await markBuilt(
				s,
				'models',
				version,
				{ as_of: asOf, fit_id: purchase.fitId, time_unit: timeUnit },
				performance.now() - t0
			);
			await s.exec('COMMIT');
			return { asOf, purchase, mbg, spend, predictions, durationMs: performance.now() - t0 };
		} catch (e) {
			await s.exec('ROLLBACK').catch(() => undefined);
			throw e;
		}
	});
}
