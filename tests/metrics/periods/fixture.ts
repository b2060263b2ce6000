import type { Database } from '../../../src/lib/server/db';
import { refreshMetrics } from '../../../src/lib/server/metrics/refresh';
import { refreshPeriodTables } from '../../../src/lib/server/metrics/periods-refresh';
import { tempDb } from '../../helpers/db';

/** One interaction of a fixture: customer, local timestamp or day, type, amount, order, channel, ... */
export interface Ev {
	id?: string;
	c: string;
	at: string;
	type?: string;
	amount?: number;
	order?: string | null;
	channel?: string | null;
	csat?: number | null;
	resolved?: string | null;
}

export interface Cust {
	id: string;
	region?: string | null;
	country?: string | null;
	acquisition_channel?: string | null;
}

/** Inserts customers and interactions through the real schema, runs the real refresh steps. */
export async function loadFixture(db: Database, events: Ev[], customers: Cust[] = []): Promise<void> {
	const ids = new Set([...customers.map((c) => c.id), ...events.map((e) => e.c)]);
	const byId = new Map(customers.map((c) => [c.id, c]));
	for (const id of ids) {
		const c = byId.get(id);
		await db.exec(
			'INSERT INTO customers (customer_id, region, country, acquisition_channel) VALUES ($1, $2, $3, $4)',
			[id, c?.region ?? null, c?.country ?? null, c?.acquisition_channel ?? null]
		);
	}
	let n = 0;
	const values: string[] = [];
	const params: unknown[] = [];
	for (const e of events) {
		n++;
		const type = e.type ?? 'purchase';
		const amount = e.amount ?? (type === 'purchase' ? 100 : null);
		const base = params.length;
		params.push(
			e.id ?? `i${n}`,
			e.c,
			e.at.length === 10 ? `${e.at} 12:00:00` : e.at,
			type,
			e.channel === undefined ? 'web' : e.channel,
			e.order === undefined ? (type === 'purchase' ? `o${n}` : null) : e.order,
			amount,
			e.csat ?? null,
			e.resolved ?? null
		);
		values.push(
			`($${base + 1}, $${base + 2}, $${base + 3}::TIMESTAMP, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7}::DECIMAL(18,2), $${base + 8}::TINYINT, $${base + 9}::TIMESTAMP)`
		);
	}
	if (values.length) {
		await db.exec(
			`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount, csat, resolved_at) VALUES ${values.join(', ')}`,
			params
		);
	}
	await refreshMetrics(db);
	await refreshPeriodTables(db);
}

/** A temporary database with the fixture loaded; call cleanup() when done. */
export async function fixtureDb(events: Ev[], customers: Cust[] = []) {
	const t = await tempDb();
	try {
		await loadFixture(t.db, events, customers);
	} catch (e) {
		t.cleanup();
		throw e;
	}
	return t;
}
