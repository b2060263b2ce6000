import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { rowsResponse } from '$lib/server/api/respond';
import { customerProfile } from '$lib/server/customers/customer360';
import { customerIdParam } from './params';
import type { RequestHandler } from './$types';

/**
 * GET /api/customer/ID: the profile, consent, summary and RFM segment of one customer (one row). This is the one
 * place a customer's name, email and phone are sent: a person asked for this customer.
 */
export const GET: RequestHandler = async ({ url, params }) => {
	const profile = await customerProfile(await appDb(), customerIdParam(params.id));
	if (!profile) error(404, `no customer with id '${params.id}'`);
	return rowsResponse(url, [profile]);
};
