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
	/** Set when the file's layout said its currency and the database took it (no person had chosen one). */
	currency_set?: string;
}

/** A file that cannot be ingested at all (unreadable, no usable columns): nothing was written. */
export class IngestError extends Error {}
