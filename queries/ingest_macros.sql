-- ingest_macros: the value parsers every ingestion uses, as temporary macros on the ingesting connection.
-- Inputs: none (the macros take their inputs as arguments). Output: none (creates TEMP macros crm_*).
-- All parsers are total: a value they cannot read becomes NULL, and the caller turns NULL-from-non-NULL into a reason.

-- Text cell: trimmed, empty -> NULL. trim() removes spaces and the other Unicode space separators (no-break space,
-- U+2000..U+200A, U+3000, ...); an ASCII-only cell (byte length = character length) that neither starts nor ends
-- with a space is already trimmed, and skipping trim() there (most cells) saves about half of this macro's cost.
CREATE OR REPLACE TEMP MACRO crm_text(v) AS CASE
	WHEN NOT starts_with(v, ' ') AND NOT ends_with(v, ' ') AND strlen(v) = length(v) THEN nullif(v, '')
	ELSE nullif(trim(v), '')
END;

-- A raw cell as the quarantine keeps it: one over the cell limit (limit_bytes, ingest/cells.ts) as its first 200
-- characters and its size, so that a quarantined 10 MB cell does not make a 10 MB quarantine row.
CREATE OR REPLACE TEMP MACRO crm_cell_raw(v, limit_bytes) AS CASE
	WHEN strlen(v) > limit_bytes THEN left(v, 200) || '… (' || strlen(v) || ' bytes)'
	ELSE v
END;

-- Timestamp into business-local wall-clock time (tz). A value that ends in a zone or offset after a clock time
-- (Z, UTC, +07, +07:00, -0500) is an instant and is converted into tz; anything else is already local and kept.
-- Day-first (31/12/2024) is tried before month-first (12/31/2024) unless monthfirst is true. A two-digit year
-- (24-01-02, 02/01/24) comes out as a year below 100; crm_ts_two_digit_year names those cells.
CREATE OR REPLACE TEMP MACRO crm_ts(v, tz, monthfirst) AS CASE
	WHEN v IS NULL THEN NULL
	WHEN (v[-1] IN ('Z', 'C') OR contains(v[11:], '+') OR contains(v[12:], '-'))
		AND regexp_matches(v, '\d:\d\d(:\d\d(\.\d+)?)?\s*(Z|UTC|[+-]\d\d(:?\d\d)?)$')
		THEN timezone(tz, try_cast(replace(v, 'UTC', '+00') AS TIMESTAMPTZ))
	ELSE coalesce(
		try_cast(v AS TIMESTAMP),
		CASE WHEN monthfirst
			THEN try_strptime(v, ['%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y', '%m-%d-%Y %H:%M:%S', '%m-%d-%Y'])
			ELSE try_strptime(v, ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%d-%m-%Y %H:%M:%S', '%d-%m-%Y',
				'%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%d.%m.%Y'])
		END,
		try_strptime(v, ['%Y%m%d', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d'])
	)
END;

-- Timestamp in a format the user named (--date-format): fmt is dmy4, mdy4, ymd4, dmy2, mdy2 or ymd2 (order of
-- day, month, year; digits of the year), with '/', '-' or '.' between and an optional time. A two-digit year is
-- 1969-2068 (strptime's %y). ymd4 is the ISO reading of crm_ts, zones included, for cells that start with a year.
CREATE OR REPLACE TEMP MACRO crm_ts_as(v, tz, fmt) AS CASE
	WHEN v IS NULL THEN NULL
	WHEN fmt = 'dmy4' THEN try_strptime(v, ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%d-%m-%Y %H:%M:%S',
		'%d-%m-%Y %H:%M', '%d-%m-%Y', '%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%d.%m.%Y'])
	WHEN fmt = 'mdy4' THEN try_strptime(v, ['%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y', '%m-%d-%Y %H:%M:%S',
		'%m-%d-%Y %H:%M', '%m-%d-%Y', '%m.%d.%Y %H:%M:%S', '%m.%d.%Y %H:%M', '%m.%d.%Y'])
	WHEN fmt = 'dmy2' THEN try_strptime(v, ['%d/%m/%y %H:%M:%S', '%d/%m/%y %H:%M', '%d/%m/%y', '%d-%m-%y %H:%M:%S',
		'%d-%m-%y %H:%M', '%d-%m-%y', '%d.%m.%y %H:%M:%S', '%d.%m.%y %H:%M', '%d.%m.%y'])
	WHEN fmt = 'mdy2' THEN try_strptime(v, ['%m/%d/%y %H:%M:%S', '%m/%d/%y %H:%M', '%m/%d/%y', '%m-%d-%y %H:%M:%S',
		'%m-%d-%y %H:%M', '%m-%d-%y', '%m.%d.%y %H:%M:%S', '%m.%d.%y %H:%M', '%m.%d.%y'])
	WHEN fmt = 'ymd2' THEN try_strptime(v, ['%y-%m-%d %H:%M:%S', '%y-%m-%d %H:%M', '%y-%m-%d', '%y/%m/%d %H:%M:%S',
		'%y/%m/%d %H:%M', '%y/%m/%d', '%y.%m.%d %H:%M:%S', '%y.%m.%d %H:%M', '%y.%m.%d'])
	WHEN fmt = 'ymd4' AND regexp_matches(v, '^\d{4}') THEN crm_ts(v, tz, false)
END;
-- A cell whose year has two digits (24-01-02, 02/01/24, 02.01.24 10:00): which part is the year is a guess.
CREATE OR REPLACE TEMP MACRO crm_ts_two_digit_year(v) AS regexp_matches(v,
	'^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2}|\d{2}[/.-]\d{1,2}[/.-]\d{1,2})([ T]|$)');

-- Decimal number in the file's number format: mark = '.' (1234.5, -3, 1,234,567.89: thousands commas) or mark = ','
-- (150.000, 1.234.567,89, 12,5: thousands dots, decimal comma; a space as thousands separator reads in both). A
-- currency sign or code around it (₫, đ, Đ, đồng, VND, VNĐ, vnd, vnđ, $, USD, £, GBP, €, EUR) is dropped. Everything else is NULL, and so
-- is a number beyond DECIMAL(18, 4) (|x| >= 10^14): crm_num_wide tells those apart from text.
-- The slow path names the stripped text once: DuckDB's common-subexpression pass would otherwise compute a
-- repeated regexp_replace for every row, not only for the rows the plain cast cannot read.
CREATE OR REPLACE TEMP MACRO crm_num_strip(v) AS regexp_replace(v,
	'\s|₫|VNĐ|VND|vnđ|vnd|đồng|đ|Đ|USD|GBP|EUR|\$|£|€', '', 'g');
CREATE OR REPLACE TEMP MACRO crm_num_bare(s) AS try_cast(
	replace(regexp_extract(s, '^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$'), ',', '') AS DECIMAL(18, 4)
);
CREATE OR REPLACE TEMP MACRO crm_num_bare_comma(s) AS try_cast(
	replace(replace(regexp_extract(s, '^-?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$'), '.', ''), ',', '.') AS DECIMAL(18, 4)
);
-- With mark = ',' the plain cast is tried only on cells without a dot (150.000 would cast as 150).
CREATE OR REPLACE TEMP MACRO crm_num(v, mark) AS CASE
	WHEN mark = ',' THEN coalesce(
		CASE WHEN NOT contains(v, '.') AND NOT contains(v, ',') THEN try_cast(v AS DECIMAL(18, 4)) END,
		crm_num_bare_comma(crm_num_strip(v)))
	ELSE coalesce(try_cast(v AS DECIMAL(18, 4)), crm_num_bare(crm_num_strip(v)))
END;
-- The same number as a DOUBLE, with an exponent allowed (1e18): not NULL means "a number, only too large". Only
-- evaluated for cells crm_num could not read.
CREATE OR REPLACE TEMP MACRO crm_num_wide_bare(s, mark) AS CASE
	WHEN regexp_matches(s, '^[-+]?[\d.,]*\d([eE][-+]?\d+)?$') THEN try_cast(
		CASE WHEN mark = ',' THEN replace(replace(s, '.', ''), ',', '.') ELSE replace(s, ',', '') END AS DOUBLE)
END;
CREATE OR REPLACE TEMP MACRO crm_num_wide(v, mark) AS crm_num_wide_bare(crm_num_strip(v), mark);
-- 1.500 (1 to 3 digits, one dot, 3 digits): 1.5 with a decimal dot, 1500 with thousands dots.
CREATE OR REPLACE TEMP MACRO crm_num_dot_ambiguous(v) AS regexp_matches(crm_num_strip(v), '^-?\d{1,3}\.\d{3}$');

-- Whole number (quantity): an integer, or a decimal with only zeros after the point (3.0).
CREATE OR REPLACE TEMP MACRO crm_int(v) AS coalesce(
	try_cast(v AS INTEGER),
	CASE WHEN regexp_matches(v, '^-?\d+\.0*$') THEN try_cast(try_cast(v AS DECIMAL(18, 4)) AS INTEGER) END
);

-- Interaction type: the canonical name, or a common synonym mapped onto it; NULL when unknown.
-- A lookup in two parallel lists (synonym i means canonical i), one line per canonical type. Measured: a CASE with
-- one WHEN per synonym costs 5-8x more once it sits inside another CASE (as in the presets' type expressions).
CREATE OR REPLACE TEMP MACRO crm_type_key(k) AS [
		'purchase', 'purchase', 'purchase', 'purchase', 'purchase', 'purchase', 'purchase', 'purchase', 'purchase',
		'refund', 'refund', 'refund', 'refund', 'refund', 'refund', 'refund', 'refund', 'refund',
		'email_open', 'email_open', 'email_open', 'email_open', 'email_open',
		'email_click', 'email_click', 'email_click', 'email_click', 'email_click', 'email_click',
		'web_visit', 'web_visit', 'web_visit', 'web_visit', 'web_visit', 'web_visit', 'web_visit',
		'support_ticket', 'support_ticket', 'support_ticket', 'support_ticket', 'support_ticket', 'support_ticket',
		'call', 'call', 'call', 'call', 'call',
		'survey', 'survey', 'survey', 'survey', 'survey',
		'other'
	][list_position([
		'purchase', 'order', 'sale', 'sales', 'buy', 'bought', 'transaction', 'invoice', 'mua_hang',
		'refund', 'return', 'returned', 'cancellation', 'cancel', 'cancelled', 'canceled', 'chargeback', 'credit_note',
		'email_open', 'open', 'opened', 'email_opened', 'mail_open',
		'email_click', 'click', 'clicked', 'email_clicked', 'mail_click', 'link_click',
		'web_visit', 'visit', 'pageview', 'page_view', 'session', 'web_session', 'site_visit',
		'support_ticket', 'ticket', 'support', 'complaint', 'case', 'helpdesk',
		'call', 'phone_call', 'calls', 'inbound_call', 'outbound_call',
		'survey', 'csat', 'nps', 'feedback', 'review',
		'other'
	], k)];
-- Most files already use one spelling; the regular expression only runs for the rest ('Email Open', 'e-mail').
-- v is a cell read by crm_text (trimmed already): a second trim() would cost a Unicode scan and a copy per row.
CREATE OR REPLACE TEMP MACRO crm_type(v) AS coalesce(
	crm_type_key(lower(v)),
	crm_type_key(regexp_replace(lower(v), '[\s\-]+', '_', 'g'))
);

-- Phone number in E.164. Separators (spaces, dots, dashes, brackets) are dropped. A leading + keeps its country code;
-- 0084 / 84 + 9-10 digits and a national 0 + 9-10 digits are Vietnamese (+84). Anything else is NULL.
CREATE OR REPLACE TEMP MACRO crm_e164_digits(d) AS CASE
		WHEN d IS NULL OR d = '' THEN NULL
		WHEN regexp_matches(d, '^\+840[1-9]\d{8,9}$') THEN '+84' || substr(d, 5)
		WHEN regexp_matches(d, '^\+[1-9]\d{7,14}$') THEN d
		WHEN regexp_matches(d, '^0084[1-9]\d{8,9}$') THEN '+' || substr(d, 3)
		WHEN regexp_matches(d, '^84[1-9]\d{8,9}$') THEN '+' || d
		WHEN regexp_matches(d, '^0[1-9]\d{8,9}$') THEN '+84' || substr(d, 2)
END;
CREATE OR REPLACE TEMP MACRO crm_e164(v) AS crm_e164_digits(regexp_replace(trim(v), '[\s.\-()/]', '', 'g'));

-- E-mail: trimmed and lower case when it looks like local@domain.tld, else NULL.
CREATE OR REPLACE TEMP MACRO crm_email(v) AS CASE
	WHEN regexp_matches(lower(trim(v)), '^[^@\s]+@[^@\s]+\.[^@\s]+$') THEN lower(trim(v))
END;

-- Yes/no cell as BOOLEAN (yes/no, true/false, 1/0, y/n, có/không); NULL when unreadable.
CREATE OR REPLACE TEMP MACRO crm_bool(v) AS CASE lower(trim(v))
	WHEN '1' THEN true WHEN 'true' THEN true WHEN 't' THEN true WHEN 'yes' THEN true WHEN 'y' THEN true
	WHEN 'có' THEN true WHEN 'co' THEN true WHEN 'x' THEN true
	WHEN '0' THEN false WHEN 'false' THEN false WHEN 'f' THEN false WHEN 'no' THEN false WHEN 'n' THEN false
	WHEN 'không' THEN false WHEN 'khong' THEN false
END;
