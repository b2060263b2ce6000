import type { Database, Session } from '../db';
import type { CustomerHistories, SpendHistories } from './data';
import { POORLY_IDENTIFIED } from './identification';
import { buildVersion, markBuilt } from '../derived/registry';
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
import { writePredictions } from './predict';
import { PURCHASE_MODELS, type PurchaseModel } from './purchase';
import { choosePurchaseModel, purchaseModelSetting, storeChoice, type PurchaseChoice } from './selection';
import { inactivityDays } from '../metrics/summary';
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

/**
 * What one fit needs from the database, copied out of it: the model's histories (or spend) on this session's
 * materialised summary (see materialiseSummary), with the facts that decide eligibility. computeFit needs no
 * database, so a caller can close its connection (and release the write lock) before the fit computes.
 */
export interface FitInputs {
	base: Pick<ModelRun, 'model' | 'calibrationEnd' | 'timeUnit' | 'facts'>;
	penalizer?: number;
	/** Absent when the model is ineligible (or there are no purchases): `ineligible` says why. */
	data?: CustomerHistories | SpendHistories;
	ineligible?: { message: string; threshold: string };
}

export async function readFitInputs(
	s: Session,
	req: Required<Pick<ModelRequest, 'model' | 'timeUnit'>> & { calibrationEnd: string; penalizer?: number }
): Promise<FitInputs> {
	const facts = await summaryFacts(s, req.calibrationEnd);
	const base = { model: req.model, calibrationEnd: req.calibrationEnd, timeUnit: req.timeUnit, facts };
	const eligibility = checkEligibility(req.model, facts);
	if (!eligibility.eligible) {
		return { base, ineligible: { message: eligibility.message, threshold: eligibility.threshold } };
	}
	const data = req.model === 'gamma-gamma' ? await readSpend(s) : await readHistories(s);
	return { base, penalizer: req.penalizer, data };
}

/** Fits the model on inputs read by readFitInputs (pure computation, no database). */
export function computeFit(inputs: FitInputs): ModelRun {
	const { base, data } = inputs;
	if (!data) {
		const { message, threshold } = inputs.ineligible!;
		return { ...base, status: 'ineligible', message, threshold };
	}
	const options: FitOptions = { penalizer: inputs.penalizer, grouped: true };
	const histories = data as CustomerHistories;
	const fit =
		base.model === 'gamma-gamma'
			? fitGammaGamma(data as SpendHistories, options)
			: base.model === 'pareto-nbd'
				? fitParetoNbd(histories, options)
				: base.model === 'mbg-nbd'
					? fitMbgNbd(histories, options)
					: fitBgNbd(histories, options);
	const generic = fit as unknown as FitResult<Record<string, number>>;
	if (!fit.converged) {
		return {
			...base,
			fit: generic,
			status: 'not_converged',
			message: `${base.model}: the optimiser did not converge (${fit.message}); do not use these parameters`
		};
	}
	// Converged, but on a flat ridge: the numbers are usable for predictions (any point on the ridge predicts
	// alike) yet the parameters themselves are not pinned down, which the message says instead of "converged".
	const message = fit.identification.poorlyIdentified
		? `${POORLY_IDENTIFIED}: ${fit.identification.reasons.join('; ')}`
		: 'converged';
	return { ...base, fit: generic, status: 'ok', message };
}

/** Fits one model on this session's materialised summary (see materialiseSummary). */
export async function fitOnSummary(
	s: Session,
	req: Required<Pick<ModelRequest, 'model' | 'timeUnit'>> & { calibrationEnd: string; penalizer?: number }
): Promise<ModelRun> {
	return computeFit(await readFitInputs(s, req));
}

/**
 * Reads what fitting one model at the calibration end needs (the summary is computed in this session); nothing is
 * stored. With computeFit, the two halves of fitModel: `crm fit` closes the database between them.
 */
export async function readModelInputs(db: Database, req: ModelRequest): Promise<FitInputs> {
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
				base: { model: req.model, calibrationEnd: '', timeUnit, facts },
				ineligible: {
					message: e.eligible ? 'no purchases' : e.message,
					threshold: e.eligible ? 'minCustomers' : e.threshold
				}
			};
		}
		await materialiseSummary(s, calibrationEnd, timeUnit);
		return readFitInputs(s, { ...req, calibrationEnd, timeUnit });
	});
}

/** Computes the summary at the calibration end and fits one model, without storing anything. */
export async function fitModel(db: Database, req: ModelRequest): Promise<ModelRun> {
	return computeFit(await readModelInputs(db, req));
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
	/** The purchase model in use: its fit on all the data, whose predictions are stored (selection.ts). */
	purchase: ModelRun | null;
	/** Every purchase model fitted on all the data in this refresh, in PURCHASE_MODELS order. */
	fits: ModelRun[];
	/** MBG/NBD's fit (always fitted and stored, also when another model is in use). */
	mbg: ModelRun | null;
	spend: ModelRun | null;
	/** How the model in use was chosen (null without purchases). */
	choice: PurchaseChoice | null;
	predictions: number;
	durationMs: number;
}

/**
 * Registry entry 'models' (after every ingest, and on demand): chooses the purchase model (selection.ts: the
 * smallest holdout error on the default split, or the one the setting purchase_model pins), fits BG/NBD, MBG/NBD,
 * the chosen model and Gamma-Gamma on all purchases up to the last purchase day, stores the fits in model_fits and
 * the choice in model_selection, and rewrites `predictions` from the chosen model and Gamma-Gamma. When the chosen
 * model does not fit all the data the next in the ranking is used; when none does, no predictions are left (old
 * ones are removed, so stale numbers are never shown); a missing spend model leaves CLV empty. The input version is
 * taken before the inputs are read and recorded with the predictions.
 */
export async function refreshModels(db: Database, options: RefreshOptions = {}): Promise<RefreshResult> {
	const t0 = performance.now();
	const timeUnit = options.timeUnit ?? 'week';
	const version = await db.withSession((s) => buildVersion(s, 'models'));
	const setting = await purchaseModelSetting(db);
	const churnWindow = await inactivityDays(db);
	const hasPurchases = (await db.withSession((s) => lastPurchaseDay(s))) !== undefined;
	// The holdout validations run on their own sessions (each materialises its calibration summary).
	const choice = hasPurchases
		? await choosePurchaseModel(db, setting, { timeUnit, penalizer: options.penalizer })
		: null;
	return db.withSession(async (s) => {
		const asOf = await lastPurchaseDay(s);
		if (!asOf || !choice) {
			await s.exec('BEGIN TRANSACTION');
			await s.exec('DELETE FROM predictions');
			await s.exec('DELETE FROM model_selection');
			await markBuilt(s, 'models', version, { as_of: null }, performance.now() - t0);
			await s.exec('COMMIT');
			return {
				asOf: null,
				purchase: null,
				fits: [],
				mbg: null,
				spend: null,
				choice: null,
				predictions: 0,
				durationMs: performance.now() - t0
			};
		}
		await materialiseSummary(s, asOf, timeUnit);
		const req = { calibrationEnd: asOf, timeUnit, penalizer: options.penalizer };
		// Every purchase model is fitted on all the data (the Models page compares them side by side).
		const runs = new Map<PurchaseModel, ModelRun>();
		const failed: Partial<Record<PurchaseModel, string>> = {};
		let purchase: ModelRun | undefined;
		for (const model of PURCHASE_MODELS) runs.set(model, await fitOnSummary(s, { ...req, model }));
		for (const model of choice.ranking) {
			let run = runs.get(model);
			if (!run) runs.set(model, (run = await fitOnSummary(s, { ...req, model })));
			if (run.status === 'ok' && run.fit) {
				purchase = run;
				break;
			}
			failed[model] = run.message;
		}
		const spend = await fitOnSummary(s, { ...req, model: 'gamma-gamma' });
		const fits = PURCHASE_MODELS.flatMap((m) => runs.get(m) ?? []);
		await s.exec('BEGIN TRANSACTION');
		try {
			const fitIds: Partial<Record<PurchaseModel, number>> = {};
			for (const run of fits) fitIds[run.model as PurchaseModel] = run.fitId = await storeRun(s, run, asOf);
			spend.fitId = await storeRun(s, spend, asOf);
			let predictions = 0;
			if (purchase?.fit) {
				predictions = await writePredictions(
					s,
					{ model: purchase.model as PurchaseModel, fitId: purchase.fitId!, params: purchase.fit.params },
					spend.status === 'ok' && spend.fit
						? { fitId: spend.fitId, params: spend.fit.params as unknown as GammaGammaParams }
						: undefined,
					{
						asOf,
						timeUnit,
						horizonDays: options.horizonDays ?? 365,
						discountRate: options.discountRate ?? 0.01,
						inactivityDays: churnWindow
					}
				);
			} else {
				await s.exec('DELETE FROM predictions');
			}
			await storeChoice(
				s,
				choice,
				asOf,
				purchase?.model as PurchaseModel | undefined,
				fitIds,
				failed,
				churnWindow
			);
			const used = purchase ?? runs.get(choice.ranking[0]!)!;
			await markBuilt(
				s,
				'models',
				version,
				{ as_of: asOf, fit_id: used.fitId, model: used.model, time_unit: timeUnit },
				performance.now() - t0
			);
			await s.exec('COMMIT');
			return {
				asOf,
				purchase: used,
				fits,
				mbg: runs.get('mbg-nbd') ?? null,
				spend,
				choice,
				predictions,
				durationMs: performance.now() - t0
			};
		} catch (e) {
			await s.exec('ROLLBACK').catch(() => undefined);
			throw e;
		}
	});
}
