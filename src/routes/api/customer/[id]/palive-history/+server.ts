import { appDb } from '$lib/server/app-db';
import { rowsResponse } from '$lib/server/api/respond';
import {
	customerPAliveHistory,
	customerPredictions,
	customerProfile,
	type PAliveRow
} from '$lib/server/customers/customer360';
import { error } from '@sveltejs/kit';
import { customerIdParam } from '../params';
import type { RequestHandler } from './$types';

/**
 * GET /api/customer/ID/palive-history: P(alive) recomputed at past dates with the fitted BG/NBD parameters
 * (date, p_alive, after_purchase). Empty when there is no usable BG/NBD fit.
 */
export const GET: RequestHandler = async ({ url, params }) => {
	const db = await appDb();
	const id = customerIdParam(params.id);
	// two independent point lookups (about 40 ms each at 1M customers): asked together
	const [profile, predictions] = await Promise.all([customerProfile(db, id), customerPredictions(db, id)]);
	if (!profile) error(404, `no customer with id '${id}'`);
	const history = await customerPAliveHistory(db, id, predictions[0], profile.as_of);
	const rows = (history?.points ?? []).map((p): PAliveRow => ({
		date: p.date,
		p_alive: p.pAlive,
		after_purchase: p.afterPurchase
	}));
	return rowsResponse(url, rows);
};
