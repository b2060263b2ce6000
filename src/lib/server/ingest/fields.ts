import { IngestError, type IngestKind } from './types';

/**
 * Canonical fields and the column names that mean them. Names are compared after lower-casing and removing
 * everything but letters and digits, so "Customer ID", customer_id and CustomerID are the same name.
 */
export const interactionFields = {
	interaction_id: ['interactionid', 'eventid', 'interactionkey'],
	customer_id: [
		'customerid',
		'customer',
		'custid',
		'clientid',
		'userid',
		'memberid',
		'customerno',
		'customernumber'
	],
	occurred_at: [
		'occurredat',
		'date',
		'invoicedate',
		'orderdate',
		'timestamp',
		'datetime',
		'time',
		'eventtime',
		'eventdate',
		'createdat',
		'transactiondate',
		'purchasedate',
		'ts'
	],
	type: ['type', 'eventtype', 'interactiontype', 'kind'],
	channel: ['channel', 'saleschannel', 'medium'],
	order_id: [
		'orderid',
		'order',
		'invoice',
		'invoiceno',
		'invoiceid',
		'invoicenumber',
		'ordernumber',
		'orderno'
	],
	amount: [
		'amount',
		'revenue',
		'total',
		'totalamount',
		'value',
		'sales',
		'grandtotal',
		'netamount',
		'ordertotal'
	],
	quantity: ['quantity', 'qty', 'units'],
	unit_price: ['unitprice', 'price', 'itemprice'],
	product_id: ['productid', 'product', 'stockcode', 'sku', 'itemid', 'productcode'],
	category: ['category', 'productcategory'],
	csat: ['csat', 'rating', 'satisfaction', 'csatscore'],
	resolved_at: ['resolvedat', 'resolved', 'closedat', 'resolutiondate', 'resolvedtime'],
	// a country is never a region (province / city): customerFields keeps them apart too
	country: ['country', 'countryname', 'nation', 'quocgia']
} as const;

export const customerFields = {
	customer_id: interactionFields.customer_id,
	name: ['name', 'fullname', 'customername', 'hoten'],
	email: ['email', 'emailaddress', 'mail'],
	phone: ['phone', 'phonenumber', 'mobile', 'tel', 'telephone', 'sdt', 'cellphone'],
	region: ['region', 'province', 'city', 'state', 'tinh'],
	country: interactionFields.country,
	gender: ['gender', 'sex'],
	birth_year: ['birthyear', 'yearofbirth', 'yob'],
	signup_at: ['signupat', 'signupdate', 'signedupat', 'registeredat', 'joinedat', 'createdat'],
	acquisition_channel: ['acquisitionchannel', 'channel', 'source', 'acquisitionsource'],
	consent_email: ['consentemail', 'emailconsent', 'emailoptin'],
	consent_sms: ['consentsms', 'smsconsent', 'smsoptin']
} as const;

export type InteractionField = keyof typeof interactionFields;
export type CustomerField = keyof typeof customerFields;

export const normaliseName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export function fieldsOf(kind: IngestKind): Record<string, readonly string[]> {
	return kind === 'customers' ? customerFields : interactionFields;
}

/**
 * Which file column feeds each canonical field: `map` first (it must name a real column), then the first
 * column whose normalised name is a known synonym. A column is used for one field only.
 */
export function detectColumns(
	kind: IngestKind,
	columns: string[],
	map: Record<string, string> = {}
): Record<string, string> {
	const fields = fieldsOf(kind);
	const out: Record<string, string> = {};
	const used = new Set<string>();
	for (const [field, column] of Object.entries(map)) {
		if (!(field in fields)) {
			throw new IngestError(
				`--map ${field}=${column}: '${field}' is not a field of ${kind}; fields: ${Object.keys(fields).join(', ')}`
			);
		}
		const found =
			columns.find((c) => c === column) ?? columns.find((c) => normaliseName(c) === normaliseName(column));
		if (found === undefined) {
			throw new IngestError(
				`--map ${field}=${column}: the file has no column '${column}'; found: ${columns.join(', ')}`
			);
		}
		out[field] = found;
		used.add(found);
	}
	for (const [field, synonyms] of Object.entries(fields)) {
		if (out[field] !== undefined) continue;
		for (const synonym of synonyms) {
			const found = columns.find((c) => !used.has(c) && normaliseName(c) === synonym);
			if (found !== undefined) {
				out[field] = found;
				used.add(found);
				break;
			}
		}
	}
	return out;
}

/** Fails with the columns found and a --map suggestion when a required field has no column. */
export function requireFields(detected: Record<string, string>, required: string[], columns: string[]): void {
	const missing = required.filter((f) => detected[f] === undefined);
	if (missing.length === 0) return;
	const shown = columns.length ? columns.map((c) => `'${c}'`).join(', ') : '(none)';
	const hint = missing.map((f) => `--map ${f}=<column>`).join(' ');
	throw new IngestError(
		`no column for ${missing.map((f) => `'${f}'`).join(', ')}; found: ${shown}. Name the column with ${hint}`
	);
}

/** Parses repeated `--map field=column` options. */
export function parseMapOptions(pairs: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const pair of pairs) {
		const at = pair.indexOf('=');
		if (at <= 0 || at === pair.length - 1) {
			throw new IngestError(`--map expects field=column (e.g. --map occurred_at=InvoiceDate), got '${pair}'`);
		}
		out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
	}
	return out;
}
