import type { Database } from '../db';
import { CUSTOMER_REQUIRED } from './customers';
import { detectColumns, fieldsOf } from './fields';
import { interactionColumns } from './interactions';
import { presetOf } from './presets';
import { checkReadable, detectFormat, sourceColumns, type SourceFormat } from './source';
import { IngestError, type IngestKind, type PresetName } from './types';

/** How a file's columns would be used, before anything is loaded (the Data page's column mapping). */
export interface ColumnPreview {
	format: SourceFormat;
	kind: IngestKind;
	preset: PresetName;
	/** The file's columns, in order, as the reader sees them. */
	columns: string[];
	/** Every canonical field of the kind, with the column that feeds it (null: none). */
	fields: { field: string; required: boolean; column: string | null }[];
	/** Required fields without a column: the ingest would fail until a column is chosen for them. */
	missing: string[];
	/** Columns no field uses (customers: kept in attributes; interactions: kept only in the quarantine's raw cells). */
	unused: string[];
	/** What is wrong with a column choice (e.g. a column the file does not have); the fields then show detection alone. */
	error: string | null;
}

/**
 * Reads the file's columns the way ingestFile does (the same reader: strict, then the lenient CSV reader) and maps
 * them with the same detection (--map choices, then the preset's names, then synonyms). Throws an IngestError when
 * the file cannot be read at all.
 */
export async function previewColumns(
	db: Database,
	file: string,
	options: { kind?: IngestKind; preset?: PresetName; map?: Record<string, string> } = {}
): Promise<ColumnPreview> {
	const kind = options.kind ?? 'interactions';
	const preset = presetOf(kind === 'customers' ? 'generic' : options.preset);
	checkReadable(file);
	const format = detectFormat(file);
	const columns = await db.withSession(async (s) => {
		try {
			return await sourceColumns(s, format, file);
		} catch (e) {
			if (format !== 'csv') throw e;
			return sourceColumns(s, format, file, true);
		}
	});
	const detect = (map: Record<string, string>) =>
		kind === 'customers'
			? detectColumns('customers', columns, map)
			: interactionColumns(preset, columns, map);
	let error: string | null = null;
	let mapping: Record<string, string>;
	try {
		mapping = detect(options.map ?? {});
	} catch (e) {
		if (!(e instanceof IngestError)) throw e;
		error = e.message;
		mapping = detect({});
	}
	const required = kind === 'customers' ? CUSTOMER_REQUIRED : preset.required;
	const used = new Set(Object.values(mapping));
	return {
		format,
		kind,
		preset: preset.name,
		columns,
		fields: Object.keys(fieldsOf(kind)).map((field) => ({
			field,
			required: required.includes(field),
			column: mapping[field] ?? null
		})),
		missing: required.filter((f) => mapping[f] === undefined),
		unused: columns.filter((c) => !used.has(c)),
		error
	};
}
