/**
 * The default touchpoint multiplier for a number of customers, so that the sample grows like the issue asks
 * without extra flags: 20,000 customers (the default) give about 500,000 interactions (multiplier 1, ~24 per
 * customer) and 1,000,000 customers about 10M (~10 per customer). Up to 20,000 customers the multiplier is 1;
 * above, it falls as (20,000 / customers)^0.38, the power that joins the two points (0.02^0.38 = 0.2261, near 0.227, the value
 * the pilot calibration of `--interactions 10000000` finds). Purchases are never scaled. `--touchpoints` or
 * `--interactions` override it. Rounded to 4 decimals, so the options (and the database) stay reproducible.
 */
export const FULL_TOUCHPOINTS_UP_TO = 20_000;
export const TOUCHPOINT_SCALE_POWER = 0.38;

export function defaultTouchpoints(customers: number): number {
	if (customers <= FULL_TOUCHPOINTS_UP_TO) return 1;
	return Math.round((FULL_TOUCHPOINTS_UP_TO / customers) ** TOUCHPOINT_SCALE_POWER * 1e4) / 1e4;
}
