import type { FileFormats, IngestOptions } from './types';

/** What the check step of one file needs: where to read, the file's columns and the bound values. */
export interface CheckContext {
	/** The file DuckDB reads ($file): the file itself, or its UTF-8 copy (see prepareSource). */
	file: string;
	/** The file as given (absolute): what the tables record and messages name. */
	sourceFile: string;
	/** The reader table expression ($file bound), see readerSql(). */
	source: string;
	/** Column names as the reader sees them. */
	columns: string[];
	options: IngestOptions;
	timeZone: string;
	/** Business-local "now" as 'YYYY-MM-DD HH:MM:SS'. */
	now: string;
	/** Derived interaction ids are `${idPrefix}:${record number}`; set by beforeRead (it needs the content hash). */
	idPrefix: string;
	lineOffset: number;
	/** The lenient CSV reader is used (rows may be rejected, so source_line comes from ingest_line_map). */
	lenient: boolean;
	/**
	 * Called right before the statement that reads the whole file: waits for the content hash (computed
	 * meanwhile) and stops with AlreadyIngested when that content was loaded before.
	 */
	beforeRead: () => Promise<void>;
	/** Columns the file stores as numbers (Parquet, JSON): read with a decimal point whatever the file's text shows. */
	numericColumns: Set<string>;
	/** Interactions: how the file's numbers and dates are read, set by the check. */
	formats?: FileFormats;
}
