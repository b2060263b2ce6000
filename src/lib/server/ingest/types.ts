/** What kind of rows a file holds. */
export type IngestKind = 'interactions' | 'customers';
/** A known file layout: which columns mean what and which rules apply. */
export type PresetName = 'generic' | 'online-retail' | 'cdnow';
export type DedupeMode = 'none' | 'exact';
/** The steps of one file's ingest, in order. */
export type IngestPhase = 'reading' | 'writing' | 'refreshing';

export interface IngestOptions {
	kind?: IngestKind;
	preset?: PresetName;
	/** Canonical field -> column name in the file; wins over detection. */
	map?: Record<string, string>;
	dedupe?: DedupeMode;
	/** Skip refreshDerived() after a load. */
	noRefresh?: boolean;
	/**
	 * The file's number format: the decimal mark ('.' or ',') and the thousands separator (',', '.' or ' '). One of
	 * them is enough ('.' thousands means a decimal comma). Without them the file's amounts decide (FileFormats).
	 */
	decimal?: '.' | ',';
	thousands?: ',' | '.' | ' ';
	/**
	 * How the file writes dates that are not ISO: dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd, dd/mm/yy, mm/dd/yy, yy-mm-dd
	 * (or strptime-like %d/%m/%Y). Without it the file's dates decide, and what they cannot decide is quarantined.
	 */
	dateFormat?: string;
	/** Dates before this day (YYYY-MM-DD, default 1990-01-01) are quarantined as 'date before <day>'. */
	minDate?: string;
	/** "Now" in business-local time for the future-date rule (tests); default the current time. */
	now?: Date;
	/**
	 * Called when a step starts: 'reading' (read and check), 'writing' (inside the transaction; `rows` is the number of
	 * rows read, now known), 'refreshing'.
	 */
	onPhase?: (phase: IngestPhase, progress?: { rows?: number }) => void;
	/** Called with 0..100 while the big statement runs (DuckDB's own progress). */
	onProgress?: (percent: number) => void;
}

/** Customers that share an e-mail or phone under different ids; reported, never merged. */
export interface PossibleDuplicate {
	by: 'email' | 'phone';
	customer_ids: string[];
}

export interface IngestReport {
	file: string;
	kind: IngestKind;
	preset: PresetName;
	format: 'csv' | 'parquet' | 'json';
	ingest_id: number | null;
	rows_read: number;
	rows_loaded: number;
	rows_quarantined: number;
	/** Quarantine reasons with their row counts. */
	reasons: Record<string, number>;
	duration_ms: number;
	/** Set when nothing was done, e.g. 'already ingested' (same content hash as an earlier ingest). */
	skipped?: string;
	/** Which column of the file fed which canonical field. */
	columns?: Record<string, string>;
	/** Customers kind: values that were loaded but could not be kept (e.g. an invalid phone stored as NULL). */
	warnings?: Record<string, number>;
	customers_created?: number;
	customers_updated?: number;
	/** Customers kind: groups of ids sharing an e-mail or phone (first 100 groups) and the total number of groups. */
	possible_duplicates?: { groups: number; examples: PossibleDuplicate[] };
	/**
	 * Set when the file's layout (preset) or its amounts' one currency sign said its currency and the database took
	 * it (no person had chosen one).
	 */
	currency_set?: string;
	/** Interactions: how the file's numbers and dates were read. */
	formats?: FileFormats;
	/** The one currency the amounts' signs or codes name (₫ / đ / VND -> VND, £ -> GBP, $ -> USD, € -> EUR). */
	currency_sign?: string;
	/** The file's text encoding when it was not UTF-8 (utf-16le, utf-16be, windows-1252): it was read converted. */
	encoding?: string;
	/** The derived entries rebuilt after this file (the refresh it asked for, or one an earlier ingest left unfinished). */
	refreshed?: string[];
	/**
	 * The refresh after the rows failed: the rows are committed, the derived tables stale (readers answer inline) and
	 * the next crm command or ingest redoes the refresh.
	 */
	refresh_error?: string;
	/** What the reader could not decide alone and how to tell it (e.g. --date-format for 'ambiguous date'). */
	notes?: string[];
}

/**
 * How one interactions file's numbers and dates are read (src/lib/server/ingest/formats.ts). `*_by`: 'option' (the
 * user said), 'file' (its values show it), 'currency' (ambiguous values, read the Vietnamese way because the
 * amounts carry ₫ / đ / VND or a decimal comma), 'default' (nothing to decide, or nothing decided it).
 */
export interface FileFormats {
	decimal: '.' | ',';
	thousands: ',' | '.';
	number_by: 'option' | 'file' | 'currency' | 'default';
	/** 1.500 cannot be told apart (1.5 or 1500): such cells are quarantined as 'ambiguous amount'. */
	amount_ambiguous: boolean;
	/** The --date-format as the SQL reads it (crm_ts_as), '' when the file's dates decide. */
	date_format: string;
	/** dd/mm/yyyy, mm/dd/yyyy, the --date-format's, or 'ambiguous' (dates read both ways are quarantined). */
	dates: string;
	dates_by: 'option' | 'file' | 'currency' | 'default';
	month_first: boolean;
	date_ambiguous: boolean;
	/** Dates before this day are quarantined. */
	min_date: string;
	/** The one currency the amounts' signs name; undefined when none or several. */
	currency?: string;
	/** Cells of the first 50,000 rows carrying each currency's sign or code. */
	currency_signs: Record<string, number>;
}

/** A file that cannot be ingested at all (unreadable, no usable columns): nothing was written. */
export class IngestError extends Error {}
