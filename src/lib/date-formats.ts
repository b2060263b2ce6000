/**
 * The date formats an ingest can be told (`--date-format`, the Data page's choice), by the code the SQL macro
 * crm_ts_as uses (the order of day, month and year, and the year's digits) with the text a person writes. Pure:
 * the ingest (server) and the Data page (browser) read the same list.
 */
export const DATE_FORMATS = {
	dmy4: 'dd/mm/yyyy',
	mdy4: 'mm/dd/yyyy',
	ymd4: 'yyyy-mm-dd',
	dmy2: 'dd/mm/yy',
	mdy2: 'mm/dd/yy',
	ymd2: 'yy-mm-dd'
} as const;

export type DateFormatCode = keyof typeof DATE_FORMATS;
export const DATE_FORMAT_CODES = Object.keys(DATE_FORMATS) as DateFormatCode[];
