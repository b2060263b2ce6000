import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { ListNotFound, getList } from '$lib/server/lists/saved';
import { builderData } from '../builder-data';
import type { PageServerLoad } from './$types';

/** /lists/NAME: a saved list opened in the builder. */
export const load: PageServerLoad = async ({ params }) => {
	const db = await appDb();
	try {
		const list = await getList(db, params.name);
		return { ...(await builderData(db)), list };
	} catch (e) {
		if (e instanceof ListNotFound) error(404, e.message);
		throw e;
	}
};
