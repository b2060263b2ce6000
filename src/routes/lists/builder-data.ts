import { fieldCatalog } from '$lib/server/lists/catalog';
import { CONTACT_COLUMN_KEYS, DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS } from '$lib/server/lists/export';
import type { Database } from '$lib/server/db';
import { getSetting } from '$lib/server/db/settings';

/**
 * What every builder page loads: the fields with their values (and names), the export columns (the contact
 * columns apart: personal data only when asked for) and the business currency (the unit of money fields).
 */
export async function builderData(db: Database) {
	return {
		fields: await fieldCatalog(db),
		exportColumns: EXPORT_COLUMNS,
		defaultColumns: DEFAULT_EXPORT_COLUMNS,
		contactColumns: CONTACT_COLUMN_KEYS,
		currency: (await getSetting(db, 'currency')) ?? 'VND',
		filterFields: [] as never[]
	};
}
