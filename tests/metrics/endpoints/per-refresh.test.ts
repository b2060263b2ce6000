import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isKept, perRefresh } from '../../../src/lib/server/derived/cache';
import type { Database } from '../../../src/lib/server/db';
import { tempDb } from '../../helpers/db';

let db: Database;
let cleanup: () => void;

beforeAll(async () => {
	({ db, cleanup } = await tempDb());
});
afterAll(() => cleanup());

describe('answers kept until the data changes', () => {
	it('computes once per data version, and says when an answer is kept and ready', async () => {
		const url = '/api/example?b=2&a=1';
		let computed = 0;
		let release: (v: number) => void = () => undefined;
		const first = perRefresh(new URL(url, 'http://x'), db, () => {
			computed++;
			return new Promise<number>((r) => (release = r));
		});
		// asked (compute has started), not answered yet: a page must not wait for it
		await vi.waitFor(() => expect(computed).toBe(1));
		expect(await isKept(url, db)).toBe(false);
		release(42);
		expect(await first).toBe(42);
		expect(await isKept(url, db)).toBe(true);
		// the same request with its parameters in another order, and with a response format, is the same answer
		expect(await isKept('/api/example?a=1&b=2&format=json', db)).toBe(true);
		expect(await perRefresh(new URL('/api/example?a=1&b=2', 'http://x'), db, async () => ++computed)).toBe(
			42
		);
		expect(computed).toBe(1);
		expect(await isKept('/api/example?a=1', db)).toBe(false);

		// new data (here: a setting) is a new version: nothing kept before is served or reported as kept
		await db.exec("INSERT OR REPLACE INTO settings (key, value) VALUES ('per_refresh_test', 'changed')");
		expect(await isKept(url, db)).toBe(false);
		expect(await perRefresh(new URL(url, 'http://x'), db, async () => ++computed)).toBe(2);
		expect(await isKept(url, db)).toBe(true);
	});

	it('an answer that failed is not kept', async () => {
		const url = '/api/failing';
		await expect(
			perRefresh(new URL(url, 'http://x'), db, () => Promise.reject(new Error('boom')))
		).rejects.toThrow('boom');
		expect(await isKept(url, db)).toBe(false);
	});
});
