import { getSetting, type Database, type Session } from '../db';
import type { TimeUnit } from './summary';
import { PURCHASE_MODELS, type PurchaseModel } from './purchase';
import { defaultSplit, validateModel, type ValidationResult } from './validate';

/** Setting purchase_model: 'auto' (the smallest holdout error, the default) or one model a person pins. */
export type PurchaseModelSetting = PurchaseModel | 'auto';
export const PURCHASE_MODEL_SETTINGS: readonly PurchaseModelSetting[] = ['auto', ...PURCHASE_MODELS];

export function isPurchaseModelSetting(v: string): v is PurchaseModelSetting {
	return (PURCHASE_MODEL_SETTINGS as readonly string[]).includes(v);
}

export async function purchaseModelSetting(
	db: Pick<Database, 'sql' | 'exec'>
): Promise<PurchaseModelSetting> {
	const v = await getSetting(db, 'purchase_model');
	return v && isPurchaseModelSetting(v) ? v : 'auto';
}

/**
 * The models 'auto' validates on the holdout (all three: the Models page shows their errors side by side).
 */
export const AUTO_MODELS: readonly PurchaseModel[] = ['bgnbd', 'mbg-nbd', 'pareto-nbd'];

/**
 * The models whose P(alive) means something for a one-time buyer (x = 0). BG/NBD's customer can only drop out
 * after a purchase, so its P(alive | x = 0) = 1 whatever the age of the only purchase (Fader, Hardie & Lee 2005,
 * eq. 12): when the data has one-time buyers, 'auto' chooses among MBG/NBD (drop-out also at time zero) and
 * Pareto/NBD (drop-out at any time) only; BG/NBD is used only when pinned, with that caveat on the Models page.
 */
export const ONE_TIME_MODELS: readonly PurchaseModel[] = ['mbg-nbd', 'pareto-nbd'];

/** The criterion, in words (docs/MODELS.md, "Which purchase model"). */
export const CRITERION =
	'smallest mean absolute error per customer of holdout purchase days; ties (within 1e-9) by the smaller absolute total error';

export function criterionFor(oneTimeBuyers: number): string {
	return oneTimeBuyers > 0
		? `among the models whose P(alive) is defined for one-time buyers (MBG/NBD, Pareto/NBD; the data has ${oneTimeBuyers}): ${CRITERION}`
		: CRITERION;
}

export interface Candidate {
	model: PurchaseModel;
	/** Status of the fit on the calibration data; null when the model was not validated. */
	status: ValidationResult['status'] | null;
	message: string | null;
	mae: number | null;
	errorPercent: number | null;
	/** Whether 'auto' may choose it (ONE_TIME_MODELS when the data has one-time buyers). */
	eligible: boolean;
}

export interface PurchaseChoice {
	mode: 'auto' | 'pinned';
	/** The models to try on all the data, best first; the first that fits is used. */
	ranking: PurchaseModel[];
	candidates: Candidate[];
	split?: { calibrationEnd: string; holdoutEnd: string };
	criterion: string;
	/** Customers with one purchase day (x = 0) in the data. */
	oneTimeBuyers: number;
}

/** Customers with exactly one purchase day. */
export async function countOneTimeBuyers(db: Pick<Database, 'sql'>): Promise<number> {
	const rows = await db.sql<{ n: number }>(
		'SELECT count(*)::INTEGER AS n FROM customer_summary WHERE purchase_days = 1'
	);
	return rows[0]?.n ?? 0;
}

/**
 * Chooses the purchase model: a pinned one as it is; otherwise validateModel on the default split for each of
 * PURCHASE_MODELS, ranked by CRITERION among those whose calibration fit is ok. Without a split (short history) or
 * with no model validated, BG/NBD, as before. Nothing is stored (refreshModels stores the choice).
 */
export async function choosePurchaseModel(
	db: Database,
	setting: PurchaseModelSetting,
	options: { timeUnit?: TimeUnit; penalizer?: number } = {}
): Promise<PurchaseChoice> {
	const none = (model: PurchaseModel): Candidate => ({
		model,
		status: null,
		message: null,
		mae: null,
		errorPercent: null,
		eligible: oneTimeBuyers === 0 || ONE_TIME_MODELS.includes(model)
	});
	const oneTimeBuyers = await countOneTimeBuyers(db);
	const fallback: PurchaseModel = oneTimeBuyers > 0 ? 'mbg-nbd' : 'bgnbd';
	if (setting !== 'auto') {
		return {
			mode: 'pinned',
			ranking: [setting],
			candidates: PURCHASE_MODELS.map(none),
			criterion: `pinned by the setting purchase_model = ${setting}`,
			oneTimeBuyers
		};
	}
	const split = await defaultSplit(db);
	if (!split) {
		return {
			mode: 'auto',
			ranking: [fallback],
			candidates: PURCHASE_MODELS.map(none),
			criterion: `no holdout split (the purchase history is too short): ${fallback} by default`,
			oneTimeBuyers
		};
	}
	const candidates: Candidate[] = [];
	for (const model of PURCHASE_MODELS) {
		if (!AUTO_MODELS.includes(model)) {
			candidates.push(none(model));
			continue;
		}
		const v = await validateModel(db, {
			model,
			...split,
			timeUnit: options.timeUnit,
			penalizer: options.penalizer
		});
		candidates.push({
			model,
			status: v.status,
			message: v.message,
			mae: v.mae?.perCustomer ?? null,
			errorPercent: v.total?.errorPercent ?? null,
			eligible: none(model).eligible
		});
	}
	const ranking = rankCandidates(candidates);
	return {
		mode: 'auto',
		ranking: ranking.length ? ranking : [fallback],
		candidates,
		split,
		criterion: ranking.length
			? criterionFor(oneTimeBuyers)
			: `no model could be validated on the holdout: ${fallback} by default`,
		oneTimeBuyers
	};
}

/** The validated candidates, best first by CRITERION. */
export function rankCandidates(candidates: Candidate[]): PurchaseModel[] {
	return candidates
		.filter((c) => c.eligible && c.status === 'ok' && c.mae !== null && Number.isFinite(c.mae))
		.sort((a, b) => {
			const d = a.mae! - b.mae!;
			if (Math.abs(d) > 1e-9 * Math.max(a.mae!, b.mae!, 1e-300)) return d;
			return Math.abs(a.errorPercent ?? Infinity) - Math.abs(b.errorPercent ?? Infinity);
		})
		.map((c) => c.model);
}

/** One row of model_selection (migration 017). */
export interface ModelSelectionRow {
	as_of: string;
	model: PurchaseModel;
	in_use: boolean;
	rank: number | null;
	fit_id: number | null;
	mode: 'auto' | 'pinned';
	criterion: string;
	calibration_end: string | null;
	holdout_end: string | null;
	holdout_status: string | null;
	holdout_mae: number | null;
	holdout_error_percent: number | null;
	reason: string;
	one_time_buyers: number | null;
	churn_window_days: number | null;
}

/** Replaces model_selection with the choice of this refresh (inside the refresh's transaction). */
export async function storeChoice(
	s: Session,
	choice: PurchaseChoice,
	asOf: string,
	inUse: PurchaseModel | undefined,
	fitIds: Partial<Record<PurchaseModel, number>>,
	failed: Partial<Record<PurchaseModel, string>>,
	churnWindowDays: number
): Promise<void> {
	await s.exec('DELETE FROM model_selection');
	for (const c of choice.candidates) {
		const rank = choice.mode === 'auto' && choice.split ? choice.ranking.indexOf(c.model) + 1 : 0;
		const reason =
			c.model === inUse
				? choice.mode === 'pinned'
					? `pinned by the setting purchase_model`
					: rank > 0 && choice.split
						? rank === 1
							? choice.oneTimeBuyers > 0
								? 'smallest holdout error of the models defined for one-time buyers'
								: 'smallest holdout error'
							: `the better-ranked models did not fit all the data (${choice.ranking
									.slice(0, rank - 1)
									.map((m) => `${m}: ${failed[m] ?? 'not fitted'}`)
									.join('; ')})`
						: choice.criterion
				: failed[c.model]
					? `did not fit all the data: ${failed[c.model]}`
					: choice.mode === 'pinned'
						? `not pinned (purchase_model = ${choice.ranking[0]})`
						: !c.eligible
							? `P(alive) is 1 for every one-time buyer by construction (${choice.oneTimeBuyers} in the data): not chosen by auto; pin it with purchase_model`
							: c.status === 'ok' && !Number.isFinite(c.mae)
								? 'its holdout predictions could not be computed'
								: c.status && c.status !== 'ok'
									? `not validated on the holdout: ${c.message ?? c.status}`
									: rank > 0
										? `holdout error larger than ${inUse ?? 'the model in use'}'s`
										: AUTO_MODELS.includes(c.model)
											? 'not validated'
											: 'not validated by auto (too slow; pin it with purchase_model)';
		await s.sql(
			`INSERT INTO model_selection VALUES ($as_of::DATE, $model, $in_use, $rank::INTEGER, $fit_id::BIGINT, $mode,
				$criterion, $calibration_end::DATE, $holdout_end::DATE, $status, $mae::DOUBLE, $error::DOUBLE, $reason,
				$one_time::INTEGER, $window::INTEGER)`,
			{
				as_of: asOf,
				model: c.model,
				in_use: c.model === inUse,
				rank: rank > 0 ? rank : null,
				fit_id: fitIds[c.model] ?? null,
				mode: choice.mode,
				criterion: choice.criterion,
				calibration_end: choice.split?.calibrationEnd ?? null,
				holdout_end: choice.split?.holdoutEnd ?? null,
				status: c.status,
				mae: Number.isFinite(c.mae) ? c.mae : null,
				error: Number.isFinite(c.errorPercent) ? c.errorPercent : null,
				reason,
				one_time: choice.oneTimeBuyers,
				window: churnWindowDays
			}
		);
	}
}

/** The purchase model in use and why, with every candidate's holdout error (for the Models page), best first. */
export async function purchaseModelSelection(db: Pick<Database, 'sql'>): Promise<ModelSelectionRow[]> {
	return db.sql<ModelSelectionRow>(
		`SELECT strftime(as_of, '%Y-%m-%d') AS as_of, model, in_use, rank, fit_id, mode, criterion,
			strftime(calibration_end, '%Y-%m-%d') AS calibration_end, strftime(holdout_end, '%Y-%m-%d') AS holdout_end,
			holdout_status, holdout_mae, holdout_error_percent, reason, one_time_buyers, churn_window_days
		 FROM model_selection
		 ORDER BY in_use DESC, rank NULLS LAST, CASE model WHEN 'bgnbd' THEN 1 WHEN 'mbg-nbd' THEN 2 ELSE 3 END`
	);
}

/** The model in use (undefined before the first refresh with predictions). */
export async function purchaseModelInUse(db: Pick<Database, 'sql'>): Promise<ModelSelectionRow | undefined> {
	return (await purchaseModelSelection(db)).find((r) => r.in_use);
}
