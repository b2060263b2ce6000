import { fieldCatalog } from '$lib/server/segments/catalog';
import { DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS } from '$lib/server/segments/export';
import type { Database } from '$lib/server/db';

/** What every builder page loads: the fields with their values, and the export columns. */
export async function builderData(db: Database) {
	return {
		fields: await fieldCatalog(db),
		exportColumns: EXPORT_COLUMNS,
		defaultColumns: DEFAULT_EXPORT_COLUMNS,
		filterFields: [] as never[]
	};
}
