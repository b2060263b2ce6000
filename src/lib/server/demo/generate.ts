/**
 * `generateDemo`: writes the deterministic sample dataset into the canonical tables in one transaction.
 * The customers are simulated one by one in TypeScript (simulate.ts); their rows go to staging tables as
 * integer codes through DuckDB's appender, and two set-based INSERTs (queries/demo/) turn the codes into
 * the canonical rows.
 */
import { createHash } from 'node:crypto';
import { listValue, type DuckDBAppender } from '@duckdb/node-api';
import { businessTimeZone, loadQuery, type Database, type Session } from '../db';
import { CATEGORIES, PRODUCT_CATEGORY, PRODUCT_IDS } from './catalogue';
import { buildCampaigns, buildSeason } from './calendar';
import { ChunkWriter, NULL_INT, type ColumnKind } from './chunk-writer';
import { CHANNELS, EventBuffer, NONE, T, TYPES } from './events';
import { DEFAULT_DEMO_OPTIONS, MAX_DEMO_CUSTOMERS, type DemoOptions } from './params';
import { GENDERS, MACRO_REGIONS, PROVINCE_NAMES } from './people';
import { defaultTouchpoints } from './scale';
import { Rng } from './random';
import {
	ACQUISITION_CHANNELS,
	LOYALTY_TIERS,
	simulateCustomer,
	type CustomerProfile,
	type SimulationContext
} from './simulate';

export interface DemoRequest extends Partial<DemoOptions> {
	/**
	 * Approximate total of interactions wanted: sets `touchpoints` from a pilot of the first customers so
	 * that the total comes near it (purchases are never scaled). Overrides `touchpoints`.
	 */
	interactions?: number;
}

export interface DemoSummary {
	options: DemoOptions;
	customers: number;
	interactions: number;
	purchases: number;
	byType: Record<string, number>;
	byChannel: Record<string, number>;
	ingestId: number;
	durationMs: number;
	rowsPerSecond: number;
}

/** Times are staged as INTEGER seconds since the start, so the period must stay well below 68 years. */
const MAX_DEMO_DAYS = 366 * 20;
/** interaction_id has 9 digits. */
const MAX_DEMO_ROWS = 999_999_999;

export interface GenerateOptions {
	/** Progress messages. */
	log?: (msg: string) => void;
	/**
	 * Empty customers, interactions, quarantine and ingests first, in the same transaction (so a failed
	 * run keeps the old data).
	 */
	replace?: boolean;
}

/** Validates a request and fills in the defaults. */
export function resolveDemoOptions(request: DemoRequest = {}): DemoOptions {
	const { interactions, ...rest } = request;
	const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
	const o: DemoOptions = { ...DEFAULT_DEMO_OPTIONS, ...defined };
	// Without --touchpoints, bigger samples get fewer touchpoints per customer (scale.ts).
	if (request.touchpoints === undefined) o.touchpoints = defaultTouchpoints(o.customers);
	if (!Number.isInteger(o.customers) || o.customers < 1 || o.customers > MAX_DEMO_CUSTOMERS) {
		throw new Error(`customers must be a whole number from 1 to ${MAX_DEMO_CUSTOMERS}, got ${o.customers}`);
	}
	if (!Number.isSafeInteger(o.seed) || o.seed < 0) {
		throw new Error(`seed must be a whole number >= 0, got ${o.seed}`);
	}
	if (!(o.touchpoints >= 0 && o.touchpoints <= 20)) {
		throw new Error(`touchpoints must be a multiplier from 0 to 20, got ${o.touchpoints}`);
	}
	const season = buildSeason(o.start, o.end, false); // validates the dates
	if (season.days > MAX_DEMO_DAYS) {
		throw new Error(
			`the period may be at most ${MAX_DEMO_DAYS} days (${o.start} .. ${o.end} has ${season.days})`
		);
	}
	if (interactions !== undefined) o.touchpoints = calibrateTouchpoints(o, interactions);
	return o;
}

/** The same options give the same hash: the ingests row's content_hash. */
export function demoContentHash(o: DemoOptions): string {
	const canonical = JSON.stringify([o.customers, o.seed, o.start, o.end, o.touchpoints, o.seasonality]);
	return createHash('sha256').update(`demo:${canonical}`).digest('hex');
}

export function demoFileLabel(o: DemoOptions): string {
	return `demo:seed=${o.seed},customers=${o.customers}`;
}

function simulationContext(o: DemoOptions): SimulationContext {
	const season = buildSeason(o.start, o.end, o.seasonality);
	const calendarRng = new Rng(o.seed, 0xffffffff);
	return {
		seed: o.seed,
		season,
		campaigns: buildCampaigns(season, calendarRng),
		touchpoints: o.touchpoints,
		phoneOffset: calendarRng.int(10_000_000),
		endYear: Number(o.end.slice(0, 4)),
		nextOrder: 1
	};
}

/**
 * Simulates every customer in order, calling back with its profile and its events sorted by time.
 * Used by generateDemo and by the tests of the process (without a database).
 */
export function simulateAll(
	o: DemoOptions,
	onCustomer: (profile: CustomerProfile, events: EventBuffer) => void,
	customers = o.customers
): void {
	const ctx = simulationContext(o);
	const events = new EventBuffer();
	for (let i = 0; i < customers; i++) {
		const profile = simulateCustomer(ctx, i, events);
		events.sort();
		onCustomer(profile, events);
	}
}

const PILOT_CUSTOMERS = 2_000;

/** The touchpoint multiplier that brings the expected total near `target`, from a pilot run. */
function calibrateTouchpoints(o: DemoOptions, target: number): number {
	if (!(target > 0)) throw new Error(`interactions must be a positive number, got ${target}`);
	const pilot = Math.min(o.customers, PILOT_CUSTOMERS);
	let fixed = 0;
	let scaled = 0;
	simulateAll(
		{ ...o, touchpoints: 1 },
		(_p, ev) => {
			for (let k = 0; k < ev.size; k++) {
				if (ev.scaled[k]) scaled++;
				else fixed++;
			}
		},
		pilot
	);
	const perCustomer = target / o.customers;
	const fixedPer = fixed / pilot;
	const scale = (perCustomer - fixedPer) / (scaled / pilot);
	if (scale < 0) {
		throw new Error(
			`--interactions ${target} is fewer than purchases and their follow-ups alone give ` +
				`(about ${Math.ceil(fixedPer * o.customers)} for ${o.customers} customers); ask for more, or for fewer customers`
		);
	}
	return Math.min(20, Math.round(scale * 1000) / 1000);
}

/** Staging column kinds, in the order of queries/demo/create_staging.sql. */
const CUSTOMER_COLUMNS: ColumnKind[] = ['int', 'text', 'text', 'text', ...Array<ColumnKind>(10).fill('int')];
const INTERACTION_COLUMNS: ColumnKind[] = Array<ColumnKind>(8).fill('int');

/**
 * Writes the sample dataset into `db`, which should hold no data (or pass `replace`). All or nothing: an
 * error or a kill leaves the database as it was. Does not run refreshDerived (the caller does).
 */
export async function generateDemo(
	db: Database,
	request: DemoRequest = {},
	{ log = () => undefined, replace = false }: GenerateOptions = {}
): Promise<DemoSummary> {
	const t0 = performance.now();
	const o = resolveDemoOptions(request);
	const tz = await businessTimeZone(db);
	const startedAt = new Date().toISOString();
	const startUs = BigInt(Date.parse(`${o.start}T00:00:00Z`)) * 1000n;

	return db.transaction(async (s) => {
		if (replace) await s.exec(loadQuery('demo/clear_data'));
		const [ingest] = await s.query<{ ingest_id: number }>('demo/insert_ingest', {
			file: demoFileLabel(o),
			content_hash: demoContentHash(o),
			options: JSON.stringify(o),
			started_at: startedAt,
			finished_at: startedAt,
			tz,
			rows: 0
		});
		const ingestId = ingest!.ingest_id;
		await s.exec(loadQuery('demo/create_staging'));
		const customers = new ChunkWriter(await stagingAppender(s, 'demo_stage_customers'), CUSTOMER_COLUMNS);
		const interactions = new ChunkWriter(
			await stagingAppender(s, 'demo_stage_interactions'),
			INTERACTION_COLUMNS
		);
		let purchases = 0;
		const progressEvery = Math.max(10_000, Math.floor(o.customers / 10));
		simulateAll(o, (c, ev) => {
			writeCustomer(customers, c);
			for (let k = 0; k < ev.size; k++) {
				const e = ev.byTime[k]!;
				if (ev.type[e] === T.purchase) purchases++;
				writeEvent(interactions, c.index, ev, e);
			}
			if (interactions.rows > MAX_DEMO_ROWS) {
				throw new Error(`more than ${MAX_DEMO_ROWS} interactions: ask for fewer customers or touchpoints`);
			}
			if ((c.index + 1) % progressEvery === 0) {
				log(`simulated ${c.index + 1} customers, ${interactions.rows} interactions`);
			}
		});
		customers.close();
		interactions.close();
		log(`simulated in ${Math.round(performance.now() - t0)} ms; writing the canonical tables`);

		const lists = {
			start_us: startUs,
			ingest_id: ingestId
		};
		await s.query('demo/insert_customers', {
			...lists,
			provinces: listValue([...PROVINCE_NAMES]),
			macro_regions: listValue([...MACRO_REGIONS]),
			genders: listValue([...GENDERS]),
			acquisition_channels: listValue([...ACQUISITION_CHANNELS]),
			channels: listValue([...CHANNELS]),
			tiers: listValue([...LOYALTY_TIERS])
		});
		log(`inserted customers at ${Math.round(performance.now() - t0)} ms`);
		await s.query('demo/insert_interactions', {
			...lists,
			types: listValue([...TYPES]),
			channels: listValue([...CHANNELS]),
			products: listValue([...PRODUCT_IDS]),
			product_categories: listValue(PRODUCT_CATEGORY.map((c) => CATEGORIES[c]!.name))
		});
		await s.exec(loadQuery('demo/drop_staging'));
		log(`inserted interactions at ${Math.round(performance.now() - t0)} ms`);
		await s.query('demo/set_ingest_rows', {
			ingest_id: ingestId,
			rows: interactions.rows,
			finished_at: new Date().toISOString(),
			tz
		});
		const counts = await s.query<{ dimension: string; value: string; n: number }>('demo/counts', {
			ingest_id: ingestId
		});
		const durationMs = Math.round(performance.now() - t0);
		return {
			options: o,
			customers: customers.rows,
			interactions: interactions.rows,
			purchases,
			byType: Object.fromEntries(counts.filter((r) => r.dimension === 'type').map((r) => [r.value, r.n])),
			byChannel: Object.fromEntries(
				counts.filter((r) => r.dimension === 'channel').map((r) => [r.value, r.n])
			),
			ingestId,
			durationMs,
			rowsPerSecond: Math.round((interactions.rows + customers.rows) / (durationMs / 1000))
		};
	});
}

function writeCustomer(w: ChunkWriter, c: CustomerProfile): void {
	w.int(0, c.index);
	w.text(1, c.name);
	w.text(2, c.email);
	w.text(3, c.phone);
	w.int(4, c.province);
	w.int(5, MACRO_REGIONS.indexOf(c.macroRegion as (typeof MACRO_REGIONS)[number]));
	w.int(6, c.gender === null ? NULL_INT : GENDERS.indexOf(c.gender));
	w.int(7, c.birthYear);
	w.int(8, Math.floor(c.signupAt));
	w.int(9, c.acquisitionChannel);
	w.int(10, c.consentEmail ? 1 : 0);
	w.int(11, c.consentSms ? 1 : 0);
	w.int(12, c.preferredChannel);
	w.int(13, c.loyaltyTier);
	w.endRow();
}

function writeEvent(w: ChunkWriter, customer: number, ev: EventBuffer, e: number): void {
	const type = ev.type[e]!;
	const hasAmount = type === T.purchase || type === T.refund;
	const quantity = hasAmount ? ev.quantity[e]! : 0;
	const csat = type === T.survey ? ev.csat[e]! : 0;
	w.int(0, w.rows + 1);
	w.int(1, customer);
	w.int(2, Math.floor(ev.time[e]!));
	w.int(3, type + 8 * ev.channel[e]! + 64 * csat + 512 * (quantity + 16));
	w.int(4, ev.order[e] === NONE ? NULL_INT : ev.order[e]!);
	w.int(5, hasAmount ? ev.amountK[e]! : NULL_INT);
	w.int(6, ev.product[e] === NONE ? NULL_INT : ev.product[e]!);
	w.int(7, ev.resolved[e] === NONE ? NULL_INT : Math.floor(ev.resolved[e]!));
	w.endRow();
}

async function stagingAppender(s: Session, table: string): Promise<DuckDBAppender> {
	return s.connection.createAppender(table, 'main', 'temp');
}
