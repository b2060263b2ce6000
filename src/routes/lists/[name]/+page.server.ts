import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { SegmentNotFound, getSegment } from '$lib/server/lists/saved';
import { builderData } from '../builder-data';
import type { PageServerLoad } from './$types';

/** /lists/NAME: a saved list opened in the builder. */
export const load: PageServerLoad = async ({ params }) => {
	const db = await appDb();
	try {
		const segment = await getSegment(db, params.name);
		return { ...(await builderData(db)), segment };
	} catch (e) {
		if (e instanceof SegmentNotFound) error(404, e.message);
		throw e;
	}
};
