import type { Database } from './database';

export async function getSetting(db: Database, key: string): Promise<string | undefined> {
	const rows = await db.sql<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
	return rows[0]?.value;
}

export async function setSetting(db: Database, key: string, value: string): Promise<void> {
	await db.exec('INSERT OR REPLACE INTO settings (key, value) VALUES ($1, $2)', [key, value]);
}

/** The zone in which timestamps become days, weeks and months (default Asia/Ho_Chi_Minh). */
export async function businessTimeZone(db: Database): Promise<string> {
	return (await getSetting(db, 'timezone')) ?? 'Asia/Ho_Chi_Minh';
}
