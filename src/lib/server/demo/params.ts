/**
 * The documented parameters of the sample data (see datasets/README.md). The model tests recover
 * DEMO_PARAMS.bgnbd and DEMO_PARAMS.gammaGamma from a generated database, so change them only together
 * with the README.
 */
export const DEMO_PARAMS = {
	/** Unit of time of the BG/NBD parameters: lambda is purchases per week, alpha is in weeks. */
	timeUnit: 'week',
	/**
	 * BG/NBD (Fader, Hardie & Lee 2005): per customer lambda ~ Gamma(shape r, rate alpha) and
	 * p ~ Beta(a, b); repeat purchases are a Poisson process with rate lambda; after each repeat purchase the
	 * customer drops out for good with probability p. The first purchase (time 0) is the acquisition.
	 * Mean lambda = r / alpha = 0.0625 per week (3.25 a year); mean p = a / (a + b) = 0.2.
	 */
	bgnbd: { r: 0.75, alpha: 12, a: 1.5, b: 6 },
	/**
	 * Gamma-Gamma spend (Fader, Hardie & Lee 2005b; Colombo & Jiang 1999): per customer nu ~ Gamma(shape q,
	 * rate gamma), each order value ~ Gamma(shape p, rate nu), in VND. Mean order value = p * gamma / (q - 1)
	 * = 600,000 VND. Values are rounded to 1,000 VND (minimum 1,000) after drawing.
	 */
	gammaGamma: { p: 4, q: 3.5, gamma: 375_000 },
	currency: 'VND',
	roundTo: 1_000,
	/** Acquisition density rises linearly over the period: the last day gets (1 + growth) times the first. */
	acquisitionGrowth: 1,
	/** Safety cap on repeat purchases of one customer (reached with probability ~0 at these parameters). */
	maxRepeatPurchases: 1_000
} as const;

export interface DemoOptions {
	/** Number of customers (each makes a first purchase inside the period). */
	customers: number;
	/** Any safe integer; the same seed and options give the same database. */
	seed: number;
	/** First day of the period, YYYY-MM-DD, local business time. */
	start: string;
	/** Last day of the period (inclusive), YYYY-MM-DD. */
	end: string;
	/**
	 * Multiplier of the marketing and browsing touchpoints (email opens and clicks, web browsing, outbound
	 * calls) that do not hang on a purchase; purchases are unaffected. 1 gives ~25 interactions per customer.
	 */
	touchpoints: number;
	/** Seasonal timing of purchases and touchpoints (Tết, 11.11, 12.12, weekends, hours of the day). */
	seasonality: boolean;
}

export const DEFAULT_DEMO_OPTIONS: DemoOptions = {
	customers: 20_000,
	seed: 42,
	start: '2023-01-01',
	end: '2025-12-31',
	touchpoints: 1,
	seasonality: true
};

export const MAX_DEMO_CUSTOMERS = 5_000_000;
