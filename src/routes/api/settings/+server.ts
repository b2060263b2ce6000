import { error, json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { CURRENCY_PRESETS, SettingError, currencySetting, setCurrency } from '$lib/server/db';
import { jsonBody } from '$lib/server/lists/http';
import { recordAudit } from '$lib/server/auth/audit';
import type { RequestHandler } from './$types';

/** GET /api/settings: {currency: {code, source}, presets}: the money every amount of this database is in. */
export const GET: RequestHandler = async () =>
	json({ currency: await currencySetting(await appDb()), presets: CURRENCY_PRESETS });

/** PUT /api/settings {currency: 'GBP'}: a person chooses the currency (400 with the reason for a bad code). */
export const PUT: RequestHandler = async ({ request, locals }) => {
	const body = await jsonBody(request);
	const unknown = Object.keys(body).filter((k) => k !== 'currency');
	if (unknown.length > 0) error(400, `unknown setting ${unknown.join(', ')}; the page can set: currency`);
	if (typeof body.currency !== 'string') error(400, 'currency: expected an ISO 4217 code such as GBP');
	try {
		const db = await appDb();
		const currency = await setCurrency(db, body.currency);
		const actor = locals?.user ?? null;
		await recordAudit(db, {
			action: 'settings',
			actor,
			target: 'currency',
			detail: body.currency,
			address: locals?.address
		});
		return json({ currency });
	} catch (e) {
		if (e instanceof SettingError) error(400, e.message);
		throw e;
	}
};
