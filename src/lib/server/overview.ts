import type { Database } from './db';

export interface DatabaseCounts {
	customers: number;
	customers_with_interactions: number;
	interactions: number;
	purchases: number;
	quarantined: number;
	files: number;
	first_interaction: string | null;
	last_interaction: string | null;
}

export async function databaseCounts(db: Database): Promise<DatabaseCounts> {
	const rows = await db.query<DatabaseCounts>('database_counts');
	const row = rows[0];
	if (!row) throw new Error('database_counts returned no row');
	return row;
}
