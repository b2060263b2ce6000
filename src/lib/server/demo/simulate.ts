/**
 * One customer's life: profile, purchases (BG/NBD with Gamma-Gamma spend, in operational time) and the
 * touchpoints around them. Everything about customer i is drawn from its own random stream (seed, i).
 */
import { CATEGORIES, PRODUCT_OFFSETS } from './catalogue';
import { calendarSeconds, type Campaign, type Season } from './calendar';
import { CH, EventBuffer, T } from './events';
import { DEMO_PARAMS } from './params';
import {
	EMAIL_DOMAINS,
	EMAIL_DOMAIN_WEIGHTS,
	FAMILY_BY_REGION,
	FAMILY_NAMES,
	GENDER_WEIGHTS,
	GIVEN_NAMES,
	MIDDLE_NAMES,
	MIDDLE_WEIGHTS,
	PHONE_PREFIX_CODES,
	PHONE_PREFIX_WEIGHTS,
	PROVINCES,
	PROVINCE_WEIGHTS,
	emailAddress,
	phoneNumber,
	type Gender
} from './people';
import { Rng, cumulativeWeights } from './random';

const HOUR = 3600;
const DAY = 86_400;
const HOURS_PER_WEEK = 168;

/** Purchase channels a customer may prefer: web, store, facebook, zalo, sales, phone. */
const PURCHASE_CHANNELS = [CH.web, CH.store, CH.facebook, CH.zalo, CH.sales, CH.phone];
const PURCHASE_CHANNEL_WEIGHTS = cumulativeWeights([35, 25, 12, 12, 6, 10]);
/** Probability that an order goes through the customer's preferred channel. */
const PREFERRED_SHARE = 0.7;

export const ACQUISITION_CHANNELS = [
	'facebook',
	'google',
	'organic',
	'referral',
	'store',
	'zalo',
	'tiktok',
	'sales'
] as const;
const ACQUISITION_WEIGHTS = cumulativeWeights([25, 20, 15, 10, 10, 10, 8, 2]);
/** Acquisition channel that goes with a preferred purchase channel (by CH code). */
const ACQUISITION_OF_PREFERRED: Record<number, number> = {
	[CH.web]: 1,
	[CH.store]: 4,
	[CH.facebook]: 0,
	[CH.zalo]: 5,
	[CH.sales]: 7,
	[CH.phone]: 3
};

const TICKET_CHANNELS = [CH.phone, CH.zalo, CH.email, CH.facebook, CH.web];
const TICKET_CHANNEL_WEIGHTS = cumulativeWeights([35, 20, 20, 15, 10]);

/** CSAT 1..5 by channel of the experience rated: skewed positive, stores best, phone worst. */
const CSAT_BY_CHANNEL: Record<number, Float64Array> = {
	[CH.web]: cumulativeWeights([3, 5, 15, 40, 37]),
	[CH.store]: cumulativeWeights([2, 3, 10, 35, 50]),
	[CH.email]: cumulativeWeights([4, 6, 17, 38, 35]),
	[CH.phone]: cumulativeWeights([6, 8, 18, 36, 32]),
	[CH.zalo]: cumulativeWeights([4, 6, 16, 38, 36]),
	[CH.facebook]: cumulativeWeights([5, 7, 17, 37, 34]),
	[CH.sales]: cumulativeWeights([3, 4, 12, 38, 43])
};
/** After a ticket that took more than three days to resolve. */
const CSAT_SLOW_TICKET = cumulativeWeights([15, 20, 30, 22, 13]);

export const LOYALTY_TIERS = ['member', 'silver', 'gold', 'platinum'] as const;
/** Lower bounds (VND of net spend in the period) of silver, gold, platinum. */
const TIER_BOUNDS = [2_000_000, 10_000_000, 30_000_000];

const CATEGORY_WEIGHTS = cumulativeWeights(CATEGORIES.map((c) => c.weight));
const QUANTITY_WEIGHTS = cumulativeWeights([60, 25, 10, 3, 1.5, 0.5]);

/** Rates of the behaviour around purchases; documented in datasets/README.md. */
export const TOUCHPOINT_RATES = {
	refundShare: 0.03,
	ticketPerOrder: 0.05,
	inboundCallPerOrder: 0.04,
	surveyPerOrder: 0.06,
	surveyPerResolvedTicket: 0.3,
	unresolvedTicketShare: 0.05,
	/** Median hours to resolve a ticket (log-normal, sigma 1.1). */
	ticketMedianHours: 18,
	/** Mean background web sessions per week while active (per-customer Gamma(1.5) around it). */
	webVisitsPerWeek: 0.15,
	/** Activity of customers who have dropped out, relative to active ones. */
	inactiveActivity: 0.15,
	/** Mean per-customer open probability of a campaign e-mail (Beta(2, 8)), clicks per open (Beta(2, 10)). */
	emailOpenMean: 0.24,
	/** Outbound sales calls per week to customers who prefer sales or phone. */
	salesCallsPerWeek: 0.04,
	consentEmail: 0.85,
	consentSms: 0.72
} as const;

export interface SimulationContext {
	seed: number;
	season: Season;
	campaigns: readonly Campaign[];
	/** Multiplier of the touchpoints that do not hang on a purchase. */
	touchpoints: number;
	/** Offset of the phone subscriber numbers (from the seed). */
	phoneOffset: number;
	/** Calendar year of the last day of the period (birth years are counted back from it). */
	endYear: number;
	/** Next order number; advanced by each purchase. */
	nextOrder: number;
}

export interface CustomerProfile {
	index: number;
	name: string;
	email: string;
	phone: string;
	province: number;
	macroRegion: string;
	gender: Gender | null;
	birthYear: number;
	signupAt: number;
	acquisitionChannel: number;
	consentEmail: boolean;
	consentSms: boolean;
	preferredChannel: number;
	loyaltyTier: number;
	/** The latent BG/NBD and Gamma-Gamma draws, for tests of the process. */
	latent: { lambda: number; p: number; nu: number; firstPurchaseAt: number; droppedOut: boolean };
}

/** Simulates customer `index`, appending its events to `events` (cleared first). */
export function simulateCustomer(
	ctx: SimulationContext,
	index: number,
	events: EventBuffer
): CustomerProfile {
	const rng = new Rng(ctx.seed, index);
	const { season } = ctx;
	events.clear();

	// Who: region, gender, name, age, contact.
	const province = rng.pick(PROVINCE_WEIGHTS);
	const macroRegion = PROVINCES[province]![1];
	const g = rng.pick(GENDER_WEIGHTS);
	const gender: Gender | null = g === 0 ? 'female' : g === 1 ? 'male' : g === 2 ? 'other' : null;
	const nameSet: Gender = gender ?? (rng.chance(0.5) ? 'female' : 'male');
	const family = FAMILY_NAMES[rng.pick(FAMILY_BY_REGION[macroRegion])]!;
	const middle = MIDDLE_NAMES[nameSet][rng.pick(MIDDLE_WEIGHTS[nameSet])]!;
	const givenList = GIVEN_NAMES[nameSet];
	const given = givenList[rng.int(givenList.length)]!;
	const age = Math.min(80, 18 + Math.floor(rng.gamma(2.5, 1 / 5.5)));
	const birthYear = ctx.endYear - age;
	const email = emailAddress(
		family,
		middle,
		given,
		index + 1,
		rng.int(5),
		EMAIL_DOMAINS[rng.pick(EMAIL_DOMAIN_WEIGHTS)]!
	);
	const phone = phoneNumber(PHONE_PREFIX_CODES[rng.pick(PHONE_PREFIX_WEIGHTS)]!, index, ctx.phoneOffset);
	const consentEmail = rng.chance(TOUCHPOINT_RATES.consentEmail);
	const consentSms = rng.chance(TOUCHPOINT_RATES.consentSms);
	const preferredChannel = PURCHASE_CHANNELS[rng.pick(PURCHASE_CHANNEL_WEIGHTS)]!;
	const acquisitionChannel = rng.chance(0.5)
		? ACQUISITION_OF_PREFERRED[preferredChannel]!
		: rng.pick(ACQUISITION_WEIGHTS);

	// When: acquisition density rising linearly (growth g) over the operational period.
	const totalOp = season.cum[season.cum.length - 1]!;
	const growth = DEMO_PARAMS.acquisitionGrowth;
	const u = rng.uniform();
	const x = growth > 0 ? (-1 + Math.sqrt(1 + 2 * growth * u * (1 + growth / 2))) / growth : u;
	const firstOp = x * totalOp;
	const firstAt = calendarSeconds(season, firstOp);
	const signupAt = rng.chance(0.5)
		? Math.max(0, firstAt - (60 + rng.uniform() * 30 * 60))
		: Math.max(0, firstAt - rng.uniform() * 30 * DAY);

	// Purchases: BG/NBD in operational hours.
	const { r, alpha, a, b } = DEMO_PARAMS.bgnbd;
	const lambda = rng.gamma(r, alpha);
	const p = rng.beta(a, b);
	const { p: gp, q, gamma } = DEMO_PARAMS.gammaGamma;
	const nu = rng.gamma(q, gamma);
	const purchaseOps: number[] = [firstOp];
	let droppedOut = false;
	let t = firstOp;
	for (let k = 0; k < DEMO_PARAMS.maxRepeatPurchases; k++) {
		t += rng.exponential(lambda) * HOURS_PER_WEEK;
		if (t >= totalOp) break;
		purchaseOps.push(t);
		if (rng.chance(p)) {
			droppedOut = true;
			break;
		}
	}
	const lastOp = purchaseOps[purchaseOps.length - 1]!;
	const activeUntilOp = droppedOut ? lastOp : totalOp;
	const activeUntil = calendarSeconds(season, activeUntilOp);
	const end = season.seconds;

	let netSpendK = 0;
	for (const op of purchaseOps) {
		const at = calendarSeconds(season, op);
		const channel = rng.chance(PREFERRED_SHARE)
			? preferredChannel
			: PURCHASE_CHANNELS[rng.pick(PURCHASE_CHANNEL_WEIGHTS)]!;
		// Clamped into the staging INTEGER column (2e12 VND: never reached in practice).
		const amountK = Math.min(2e9, Math.max(1, Math.round(rng.gamma(gp, nu) / DEMO_PARAMS.roundTo)));
		const quantity = 1 + rng.pick(QUANTITY_WEIGHTS);
		const product = pickProduct(rng, (amountK * 1000) / quantity);
		const order = ctx.nextOrder++;
		const i = events.add(at, T.purchase, channel);
		events.order[i] = order;
		events.amountK[i] = amountK;
		events.quantity[i] = quantity;
		events.product[i] = product;
		netSpendK += amountK;

		if (channel === CH.web) {
			// Browsing before an online order.
			const visits = 1 + rng.poisson(1.2);
			for (let v = 0; v < visits; v++) {
				const vt = at - rng.uniform() * 3 * DAY;
				if (vt >= signupAt)
					events.product[events.add(vt, T.webVisit, CH.web)] = v === 0 ? product : pickAnyProduct(rng);
			}
		}
		if (
			rng.chance(TOUCHPOINT_RATES.refundShare * (channel === CH.store ? 0.6 : channel === CH.web ? 1.2 : 1.5))
		) {
			const rt = at + DAY + rng.uniform() * 20 * DAY;
			const full = rng.chance(0.8);
			if (rt < end) {
				const refundK = full ? amountK : Math.max(1, Math.round(amountK * (0.2 + 0.6 * rng.uniform())));
				const j = events.add(rt, T.refund, channel);
				events.order[j] = order;
				events.amountK[j] = -refundK;
				events.quantity[j] = full ? -quantity : -1;
				events.product[j] = product;
				netSpendK -= refundK;
			}
		}
		if (rng.chance(TOUCHPOINT_RATES.ticketPerOrder)) {
			addTicket(rng, events, at + DAY / 2 + rng.uniform() * 14 * DAY, end, order);
		}
		if (rng.chance(TOUCHPOINT_RATES.inboundCallPerOrder)) {
			const ct = at + rng.uniform() * 7 * DAY;
			if (ct < end) events.order[events.add(ct, T.call, CH.phone)] = order;
		}
		if (rng.chance(TOUCHPOINT_RATES.surveyPerOrder)) {
			const st = at + DAY + rng.uniform() * 2 * DAY;
			if (st < end) {
				const j = events.add(st, T.survey, channel);
				events.order[j] = order;
				events.product[j] = product;
				events.csat[j] = 1 + rng.pick(CSAT_BY_CHANNEL[channel]!);
			}
		}
	}

	// Browsing independent of orders: a Poisson process in operational time, thinner after dropout.
	const scale = ctx.touchpoints;
	const webRate = rng.gamma(1.5, 1.5 / TOUCHPOINT_RATES.webVisitsPerWeek) * scale;
	const signupOp = firstOp - (firstAt - signupAt) / HOUR; // close enough for where browsing starts
	addPoissonEvents(rng, events, season, Math.max(0, signupOp), activeUntilOp, webRate, T.webVisit, CH.web);
	addPoissonEvents(
		rng,
		events,
		season,
		activeUntilOp,
		totalOp,
		webRate * TOUCHPOINT_RATES.inactiveActivity,
		T.webVisit,
		CH.web
	);

	// Outbound sales calls to customers who buy through sales or phone.
	if (preferredChannel === CH.sales || preferredChannel === CH.phone) {
		const callRate = TOUCHPOINT_RATES.salesCallsPerWeek * scale;
		addPoissonEvents(rng, events, season, firstOp, activeUntilOp, callRate, T.call, CH.sales);
	}

	// Campaign e-mails to customers who consented, from their signup on.
	if (consentEmail) {
		const openMean = TOUCHPOINT_RATES.emailOpenMean;
		const openP = Math.min(0.95, rng.beta(2, 2 / openMean - 2) * scale);
		const clickP = rng.beta(2, 10);
		let c = firstCampaignAfter(ctx.campaigns, signupAt);
		for (; c < ctx.campaigns.length; c++) {
			const campaign = ctx.campaigns[c]!;
			const active = campaign.sentAt < activeUntil ? 1 : TOUCHPOINT_RATES.inactiveActivity * 2;
			if (!rng.chance(Math.min(0.98, openP * campaign.appeal * active))) continue;
			const openedAt = campaign.sentAt + rng.exponential(1 / 5) * HOUR;
			if (openedAt >= end) continue;
			events.add(openedAt, T.emailOpen, CH.email, true);
			if (rng.chance(clickP)) {
				const clickedAt = openedAt + 5 + rng.exponential(1 / 240);
				if (clickedAt < end)
					events.product[events.add(clickedAt, T.emailClick, CH.email, true)] = pickAnyProduct(rng);
			}
		}
	}

	const spend = netSpendK * 1000;
	let loyaltyTier = 0;
	while (loyaltyTier < TIER_BOUNDS.length && spend >= TIER_BOUNDS[loyaltyTier]!) loyaltyTier++;

	return {
		index,
		name: `${family} ${middle} ${given}`,
		email,
		phone,
		province,
		macroRegion,
		gender,
		birthYear,
		signupAt,
		acquisitionChannel,
		consentEmail,
		consentSms,
		preferredChannel,
		loyaltyTier,
		latent: { lambda, p, nu, firstPurchaseAt: firstAt, droppedOut }
	};
}

/** A support ticket opened at `at`, its resolution, and maybe a CSAT survey after it. */
function addTicket(rng: Rng, events: EventBuffer, at: number, end: number, order: number): void {
	if (at >= end) return;
	const channel = TICKET_CHANNELS[rng.pick(TICKET_CHANNEL_WEIGHTS)]!;
	const i = events.add(at, T.ticket, channel);
	events.order[i] = order;
	const hours = TOUCHPOINT_RATES.ticketMedianHours * Math.exp(1.1 * rng.normal());
	const resolvedAt = at + Math.max(300, hours * HOUR);
	if (rng.chance(TOUCHPOINT_RATES.unresolvedTicketShare) || resolvedAt >= end) return;
	events.resolved[i] = resolvedAt;
	if (!rng.chance(TOUCHPOINT_RATES.surveyPerResolvedTicket)) return;
	const st = resolvedAt + HOUR + rng.uniform() * 47 * HOUR;
	if (st >= end) return;
	const j = events.add(st, T.survey, channel);
	events.order[j] = order;
	events.csat[j] = 1 + rng.pick(hours > 72 ? CSAT_SLOW_TICKET : CSAT_BY_CHANNEL[channel]!);
}

/** Events of a Poisson process with `ratePerWeek` on operational hours [fromOp, toOp). */
function addPoissonEvents(
	rng: Rng,
	events: EventBuffer,
	season: Season,
	fromOp: number,
	toOp: number,
	ratePerWeek: number,
	type: number,
	channel: number
): void {
	if (toOp <= fromOp || ratePerWeek <= 0) return;
	const n = rng.poisson((ratePerWeek * (toOp - fromOp)) / HOURS_PER_WEEK);
	for (let k = 0; k < n; k++) {
		const at = calendarSeconds(season, fromOp + rng.uniform() * (toOp - fromOp));
		const i = events.add(at, type, channel, true);
		if (type === T.webVisit) events.product[i] = pickAnyProduct(rng);
	}
}

function firstCampaignAfter(campaigns: readonly Campaign[], at: number): number {
	let lo = 0;
	let hi = campaigns.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (campaigns[mid]!.sentAt < at) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** A product whose category's price band holds the unit price; popular products (low numbers) more often. */
function pickProduct(rng: Rng, unitPrice: number): number {
	let total = 0;
	for (const c of CATEGORIES) if (unitPrice >= c.minPrice && unitPrice < c.maxPrice) total += c.weight;
	let category = CATEGORIES.length - 1;
	if (total > 0) {
		let u = rng.uniform() * total;
		for (let i = 0; i < CATEGORIES.length; i++) {
			const c = CATEGORIES[i]!;
			if (unitPrice < c.minPrice || unitPrice >= c.maxPrice) continue;
			u -= c.weight;
			if (u < 0) {
				category = i;
				break;
			}
		}
	} else if (unitPrice < CATEGORIES[0]!.maxPrice) category = 0;
	return productIn(rng, category);
}

function pickAnyProduct(rng: Rng): number {
	return productIn(rng, rng.pick(CATEGORY_WEIGHTS));
}

function productIn(rng: Rng, category: number): number {
	const n = CATEGORIES[category]!.products;
	// Skewed towards the first products of a category: floor(n * u^2).
	const u = rng.uniform();
	return PRODUCT_OFFSETS[category]! + Math.min(n - 1, Math.floor(n * u * u));
}
