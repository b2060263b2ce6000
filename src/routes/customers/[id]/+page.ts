import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/api';
import type { FilterKey } from '$lib/components/url';
import {
	customerOrders,
	customerPAliveHistory,
	customerPredictions,
	customerProfile,
	customerRecommendations,
	customerTimeline
} from '../api';
import type { PageLoad } from './$types';

/**
 * /customers/ID: everything about one customer, from /api/customer/ID/... This page is the one place where a
 * customer's name, email and phone are shown in full: a person opened this customer.
 */
export const load: PageLoad = async ({ params, fetch, url }) => {
	const id = params.id;
	const reveal = url.searchParams.get('reveal') === '1';
	try {
		const [profile, predictions, timeline, orders, pAliveHistory, recommendations] = await Promise.all([
			customerProfile(fetch, id, reveal),
			customerPredictions(fetch, id),
			customerTimeline(fetch, id),
			customerOrders(fetch, id),
			customerPAliveHistory(fetch, id).catch((e: unknown) => (e instanceof Error ? e.message : String(e))),
			customerRecommendations(fetch, id)
		]);
		if (!profile[0]) error(404, `no customer with id '${id}'`);
		return {
			profile: profile[0],
			predictions,
			timeline,
			orders,
			pAliveHistory,
			revealed: reveal,
			recommendations,
			filterFields: [] as FilterKey[]
		};
	} catch (e) {
		if (e instanceof ApiError) error(e.status, e.message);
		throw e;
	}
};
