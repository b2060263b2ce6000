import { redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { recordAudit } from '$lib/server/auth/audit';
import { SESSION_COOKIE } from '$lib/server/auth/gate';
import { endSession } from '$lib/server/auth/store';
import type { RequestHandler } from './$types';

/** POST /logout: ends this session (revoked in the database, not only forgotten by the browser). */
export const POST: RequestHandler = async ({ cookies, locals }) => {
	const token = cookies.get(SESSION_COOKIE);
	if (token) {
		const db = await appDb();
		await endSession(db, token);
		if (locals.user) await recordAudit(db, { action: 'logout', actor: locals.user, address: locals.address });
	}
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/login');
};
