import { IngestError, type PresetName } from './types';

/**
 * A preset says how a known layout maps onto interactions. The SQL fragments are fixed text over the parsed
 * columns of queries/ingest_interactions_check.sql (__type_raw, __amount_num, __quantity, __price, __order_id...).
 */
export interface InteractionPreset {
	name: PresetName;
	/** Canonical fields the file must provide (after detection and --map). */
	required: string[];
	/** Column names of the layout, used before generic detection. */
	columns: Record<string, string>;
	/** The canonical type; NULL means 'unknown type'. */
	type: string;
	/** The amount before rounding to DECIMAL(18,2); refunds must come out negative. */
	amount: string;
	/** CASE branches checked before all others, and after the common value checks. */
	firstReason: string;
	presetReason: string;
	/** Exact-duplicate rows may be dropped (--dedupe exact). */
	dedupeAllowed: boolean;
	/** The currency the layout's amounts are in, when the layout says it (ISO 4217). */
	currency?: string;
}

/** Amount when the file has one, else quantity x unit price; a refund is always negative. */
const genericAmount = `CASE WHEN __type = 'refund' THEN -abs(coalesce(__amount_num, __quantity * __price))
	ELSE coalesce(__amount_num, __quantity * __price) END`;

export const presets: Record<PresetName, InteractionPreset> = {
	generic: {
		name: 'generic',
		required: ['customer_id', 'occurred_at'],
		columns: {},
		// Without a type column every row is a purchase, or a refund when its amount is negative.
		type: `CASE WHEN __type_raw IS NOT NULL THEN crm_type(__type_raw)
			WHEN {{has_type}} THEN NULL
			WHEN coalesce(__amount_num, __quantity * __price) < 0 THEN 'refund' ELSE 'purchase' END`,
		amount: genericAmount,
		firstReason: '',
		presetReason: '',
		dedupeAllowed: true
	},
	// UCI Online Retail II: one row per invoice line. Invoices starting with C are cancellations (refunds), with A
	// bad-debt adjustments (not customer interactions). amount = quantity x unit_price.
	'online-retail': {
		name: 'online-retail',
		required: ['order_id', 'quantity', 'unit_price', 'occurred_at', 'customer_id'],
		columns: {
			order_id: 'invoice',
			product_id: 'stock_code',
			quantity: 'quantity',
			occurred_at: 'invoice_date',
			unit_price: 'unit_price',
			customer_id: 'customer_id',
			country: 'country'
		},
		type: `CASE WHEN starts_with(upper(__order_id), 'C') THEN 'refund' ELSE 'purchase' END`,
		amount: `CASE WHEN starts_with(upper(__order_id), 'C') THEN -abs(__quantity * __price) ELSE __quantity * __price END`,
		// Checked first: these rows are stock adjustments and bad-debt entries, which also lack a customer id.
		firstReason: `WHEN starts_with(upper(__order_id), 'A') THEN 'bad debt adjustment'
			WHEN NOT starts_with(upper(__order_id), 'C') AND crm_int(__quantity_raw) < 0 THEN 'negative quantity'`,
		presetReason: '',
		dedupeAllowed: true,
		// The UCI file's prices are in pounds sterling (the dataset's documentation).
		currency: 'GBP'
	},
	// CDNOW master: customer_id,date,quantity,amount; every row is a purchase and identical rows are real repeat buys.
	cdnow: {
		name: 'cdnow',
		required: ['customer_id', 'occurred_at', 'quantity', 'amount'],
		columns: { customer_id: 'customer_id', occurred_at: 'date', quantity: 'quantity', amount: 'amount' },
		type: `'purchase'`,
		amount: '__amount_num',
		firstReason: '',
		presetReason: '',
		dedupeAllowed: false,
		// CDNOW sold CDs in the United States: amounts in dollars.
		currency: 'USD'
	}
};

export function presetOf(name: string | undefined): InteractionPreset {
	const preset = presets[(name ?? 'generic') as PresetName];
	if (!preset) {
		throw new IngestError(`unknown preset '${name}'; choose one of: ${Object.keys(presets).join(', ')}`);
	}
	return preset;
}
