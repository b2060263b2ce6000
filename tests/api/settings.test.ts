import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, PUT } from '../../src/routes/api/settings/+server';
import { load as layoutLoad } from '../../src/routes/+layout.server';
import { demoAppDb } from '../helpers/db';

type Event = Parameters<typeof PUT>[0];

function put(body: unknown): Promise<Response> {
	const url = new URL('http://127.0.0.1/api/settings');
	const request = new Request(url, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	return Promise.resolve(PUT({ url, request } as unknown as Event));
}

async function status(p: Promise<Response>): Promise<{ status: number; message: string }> {
	try {
		const res = await p;
		return { status: res.status, message: '' };
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, message: e.body.message };
		throw e;
	}
}

async function layoutCurrency(): Promise<unknown> {
	const data = await layoutLoad({
		cookies: { get: () => undefined },
		depends: () => undefined
	} as unknown as Parameters<typeof layoutLoad>[0]);
	return (data as { currency: unknown }).currency;
}

describe('/api/settings: the currency a person chooses', () => {
	let served: Awaited<ReturnType<typeof demoAppDb>>;
	beforeAll(async () => {
		served = await demoAppDb(50);
	});
	afterAll(() => served.release());

	it('starts at VND, takes GBP, and every page then formats money in GBP', async () => {
		const before = (await (await GET({} as Parameters<typeof GET>[0])).json()) as {
			currency: { code: string; source: string };
		};
		expect(before.currency).toEqual({ code: 'VND', source: 'default' });
		expect(await layoutCurrency()).toBe('VND');
		const res = await put({ currency: 'gbp' });
		expect(await res.json()).toEqual({ currency: { code: 'GBP', source: 'user' } });
		expect(await layoutCurrency()).toBe('GBP');
	});

	it('answers 400 with the reason for a bad code or an unknown setting, and keeps the old value', async () => {
		expect(await status(put({ currency: 'pounds' }))).toMatchObject({
			status: 400,
			message: expect.stringContaining('ISO 4217')
		});
		expect(await status(put({ currency: 12 }))).toMatchObject({ status: 400 });
		expect(await status(put({ timezone: 'UTC' }))).toMatchObject({
			status: 400,
			message: expect.stringContaining('unknown setting timezone')
		});
		expect(await layoutCurrency()).toBe('GBP');
	});
});
