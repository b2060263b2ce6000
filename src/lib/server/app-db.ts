import { Database } from './db';

/**
 * The web server's one database, opened on first use and shared by every request (the pool inside
 * keeps concurrent requests on separate connections).
 */
let opening: Promise<Database> | undefined;

export function appDb(): Promise<Database> {
	opening ??= Database.open().catch((e) => {
		opening = undefined;
		throw e;
	});
	return opening;
}
