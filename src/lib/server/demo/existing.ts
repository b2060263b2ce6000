import type { Database } from '../db';

export interface DataCounts {
	customers: number;
	interactions: number;
	quarantined: number;
	ingests: number;
}

/** What the database already holds that `crm demo` would overwrite. */
export async function demoDataCounts(db: Database): Promise<DataCounts> {
	const [row] = await db.query<DataCounts>('demo/has_data');
	return row!;
}
