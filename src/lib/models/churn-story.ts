/**
 * Where the lifecycle rule (churned = no purchase in the last inactivity_days) and the model's churn risk (no
 * purchase in the next inactivity_days, bands at 1/3 and 2/3) disagree, in one of two ways (issue 13):
 * - 'churned_low': the rule says churned, the model still expects a purchase soon (risk low): a slow, regular buyer;
 * - 'recent_high': the rule says active (new, active, reactivated), the model gives a high risk of no purchase.
 * queries/rfm_segment_summary.sql counts the same two cases per segment.
 */
export type ChurnDisagreement = 'churned_low' | 'recent_high';

export const RECENT_STAGES: readonly string[] = ['new', 'active', 'reactivated'];

export function churnDisagreement(
	stage: string | null | undefined,
	band: string | null | undefined
): ChurnDisagreement | null {
	if (stage === 'churned' && band === 'low') return 'churned_low';
	if (stage && RECENT_STAGES.includes(stage) && band === 'high') return 'recent_high';
	return null;
}
