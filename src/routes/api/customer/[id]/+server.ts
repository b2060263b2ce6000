import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { rowsResponse } from '$lib/server/api/respond';
import { customerProfile } from '$lib/server/customers/customer360';
import { customerIdParam } from './params';
import { personalRows } from '$lib/server/auth/personal';
import type { RequestHandler } from './$types';

/**
 * GET /api/customer/ID: the profile, consent, summary and RFM segment of one customer (one row). This is the one
 * place a customer's name, email and phone are sent: a person asked for this customer (masked for an analyst unless
 * ?reveal=1, audited: auth/personal.ts).
 */
export const GET: RequestHandler = async (event) => {
	const { url, params } = event;
	const profile = await customerProfile(await appDb(), customerIdParam(params.id));
	if (!profile) error(404, `no customer with id '${params.id}'`);
	return rowsResponse(url, await personalRows(event, [profile], `customer ${profile.customer_id}`));
};
