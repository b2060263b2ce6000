import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/api';
import type { FilterKey } from '$lib/components/url';
import { customerList, listParams } from './api';
import type { PageLoad } from './$types';

/**
 * /customers: the search box and every customer list a chart links to (query string: see
 * src/lib/server/customers/list-params.ts; build links with ./links.ts). Data: /api/customers.
 */
export const load: PageLoad = async ({ url, fetch }) => {
	const params = listParams(url);
	try {
		const list = await customerList(fetch, params);
		return {
			list,
			params,
			filterFields: ['region', 'country', 'channel', 'acquisition_channel', 'segment'] as FilterKey[]
		};
	} catch (e) {
		if (e instanceof ApiError && e.status === 400) error(400, e.message);
		throw e;
	}
};
