/**
 * Whether the data pin a fit's parameters down, judged from the covariance of the log-parameters (the inverse
 * observed information) and from where several optimiser starts ended. A converged fit can still sit on a flat
 * ridge of the likelihood (Pareto/NBD with s and β growing together, s/β fixed), where the numbers that come out
 * are one point of many that fit equally well: the fit is then reported as poorly identified, with the reason.
 */
export interface Identification {
	poorlyIdentified: boolean;
	/** In words, one reason a line; empty when the parameters are well identified. */
	reasons: string[];
}

/** se(ln θ) above this (se(θ) larger than θ itself): the 95% interval spans more than a factor of 50. */
export const LOOSE_LOG_SE = 1;
/** |correlation| of two log-parameters above this: the likelihood is a ridge along their combination. */
export const RIDGE_CORRELATION = 0.999;
/** Starts ending within this much log-likelihood of the best count as equally good. */
export const FLAT_LOG_LIKELIHOOD = 0.01;
/** Equally good starts whose parameters differ by more than this factor: a flat likelihood. */
export const FLAT_FACTOR = 2;

export { POORLY_IDENTIFIED } from '../../models/identification';

/**
 * @param names parameter names
 * @param theta the estimate
 * @param cov covariance of ln θ, undefined when the information matrix is singular
 * @param others other starts' ends (parameters and log-likelihood), compared with the estimate
 */
export function identification(
	names: readonly string[],
	theta: number[],
	logLikelihood: number,
	cov: number[][] | undefined,
	others: { theta: number[]; logLikelihood: number }[] = []
): Identification {
	const reasons: string[] = [];
	if (!cov) reasons.push('the information matrix is singular: no standard errors');
	else {
		names.forEach((name, i) => {
			const v = cov[i]![i]!;
			if (!(v > 0)) reasons.push(`${name} has no standard error (non-positive variance)`);
			else if (Math.sqrt(v) > LOOSE_LOG_SE)
				reasons.push(`huge standard error: ${name} = ${fmt(theta[i]!)}, se ${fmt(theta[i]! * Math.sqrt(v))}`);
		});
		for (let i = 0; i < names.length; i++) {
			for (let j = i + 1; j < names.length; j++) {
				const c = cov[i]![j]! / Math.sqrt(cov[i]![i]! * cov[j]![j]!);
				if (Math.abs(c) > 1)
					reasons.push(
						`ridge: ${names[i]} and ${names[j]} (the information matrix is not positive definite there)`
					);
				else if (Math.abs(c) > RIDGE_CORRELATION)
					reasons.push(`ridge: ${names[i]} and ${names[j]} move together (correlation ${c.toFixed(4)})`);
			}
		}
	}
	for (const o of others) {
		if (!(logLikelihood - o.logLikelihood <= FLAT_LOG_LIKELIHOOD)) continue;
		const apart = names.filter((_, i) => {
			const ratio = o.theta[i]! / theta[i]!;
			return ratio > FLAT_FACTOR || ratio < 1 / FLAT_FACTOR;
		});
		if (apart.length) {
			reasons.push(
				`flat likelihood: another start ends within ${FLAT_LOG_LIKELIHOOD} of the log-likelihood with ` +
					apart.map((n) => `${n} = ${fmt(o.theta[names.indexOf(n)]!)}`).join(', ')
			);
			break;
		}
	}
	return { poorlyIdentified: reasons.length > 0, reasons };
}

const fmt = (v: number) => (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(3));
