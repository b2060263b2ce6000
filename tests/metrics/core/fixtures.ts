import type { Database } from '../../../src/lib/server/db';

/** One interaction of a test fixture (times are business-local 'YYYY-MM-DD HH:MM:SS' or 'YYYY-MM-DD'). */
export interface Ix {
	customer_id: string;
	occurred_at: string;
	type: string;
	channel?: string | null;
	order_id?: string | null;
	amount?: number | null;
	csat?: number | null;
}

export interface Cust {
	customer_id: string;
	region?: string | null;
	country?: string | null;
	acquisition_channel?: string | null;
	gender?: string | null;
	birth_year?: number | null;
	consent_email?: boolean | null;
	consent_sms?: boolean | null;
}

const IX_SHAPE =
	'[{"customer_id":"VARCHAR","occurred_at":"VARCHAR","type":"VARCHAR","channel":"VARCHAR","order_id":"VARCHAR","amount":"DOUBLE","csat":"INTEGER"}]';
const CUST_SHAPE =
	'[{"customer_id":"VARCHAR","region":"VARCHAR","country":"VARCHAR","acquisition_channel":"VARCHAR","gender":"VARCHAR","birth_year":"INTEGER","consent_email":"BOOLEAN","consent_sms":"BOOLEAN"}]';

/** Appends interactions (interaction_id = position in the list, for tests only). */
export async function loadInteractions(db: Database, rows: Ix[]): Promise<void> {
	for (let start = 0; start < rows.length; start += 20_000) {
		const chunk = rows.slice(start, start + 20_000);
		await db.exec(
			`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount, csat)
			 SELECT ($offset + row_number() OVER ())::VARCHAR, r.customer_id, r.occurred_at::TIMESTAMP, r.type, r.channel,
			        r.order_id, r.amount::DECIMAL(18, 2), r.csat::TINYINT
			 FROM (SELECT unnest(from_json($json::JSON, '${IX_SHAPE}'), recursive := true)) r`,
			{ json: JSON.stringify(chunk), offset: start }
		);
	}
}

export async function loadCustomers(db: Database, rows: Cust[]): Promise<void> {
	for (let start = 0; start < rows.length; start += 20_000) {
		await db.exec(
			`INSERT INTO customers (customer_id, region, country, acquisition_channel, gender, birth_year, consent_email, consent_sms)
			 SELECT r.customer_id, r.region, r.country, r.acquisition_channel, r.gender, r.birth_year, r.consent_email,
			        r.consent_sms
			 FROM (SELECT unnest(from_json($json::JSON, '${CUST_SHAPE}'), recursive := true)) r`,
			{ json: JSON.stringify(rows.slice(start, start + 20_000)) }
		);
	}
}
