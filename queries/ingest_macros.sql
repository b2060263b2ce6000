-- ingest_macros: the value parsers every ingestion uses, as temporary macros on the ingesting connection.
-- Inputs: none (the macros take their inputs as arguments). Output: none (creates TEMP macros crm_*).
-- All parsers are total: a value they cannot read becomes NULL, and the caller turns NULL-from-non-NULL into a reason.

-- Text cell: trimmed, empty -> NULL.
CREATE OR REPLACE TEMP MACRO crm_text(v) AS nullif(trim(v), '');

-- Timestamp into business-local wall-clock time (tz). A value that ends in a zone or offset after a clock time
-- (Z, UTC, +07, +07:00, -0500) is an instant and is converted into tz; anything else is already local and kept.
-- Day-first (31/12/2024) is tried before month-first (12/31/2024) unless monthfirst is true.
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

-- Decimal number: plain (1234.5, -3), or with thousands commas (1,234,567.89); a currency sign or code around it
-- (₫, đ, VND, $, £, €) is dropped. Everything else is NULL.
CREATE OR REPLACE TEMP MACRO crm_num_bare(s) AS CASE
	WHEN regexp_matches(s, '^-?\d+(\.\d+)?$') THEN try_cast(s AS DECIMAL(18, 4))
	WHEN regexp_matches(s, '^-?\d{1,3}(,\d{3})+(\.\d+)?$') THEN try_cast(replace(s, ',', '') AS DECIMAL(18, 4))
END;
CREATE OR REPLACE TEMP MACRO crm_num(v) AS coalesce(
	try_cast(v AS DECIMAL(18, 4)),
	crm_num_bare(regexp_replace(v, '\s|₫|đ|VND|\$|£|€', '', 'g'))
);

-- Whole number (quantity): an integer, or a decimal with only zeros after the point (3.0).
CREATE OR REPLACE TEMP MACRO crm_int(v) AS coalesce(
	try_cast(v AS INTEGER),
	CASE WHEN regexp_matches(v, '^-?\d+\.0*$') THEN try_cast(try_cast(v AS DECIMAL(18, 4)) AS INTEGER) END
);

-- Interaction type: the canonical name, or a common synonym mapped onto it; NULL when unknown.
-- (A simple CASE: long IN lists become hash joins in the plan, which cost more than these comparisons.)
CREATE OR REPLACE TEMP MACRO crm_type_key(k) AS CASE k
	WHEN 'purchase' THEN 'purchase' WHEN 'order' THEN 'purchase' WHEN 'sale' THEN 'purchase' WHEN 'sales' THEN 'purchase' WHEN 'buy' THEN 'purchase' WHEN 'bought' THEN 'purchase' WHEN 'transaction' THEN 'purchase' WHEN 'invoice' THEN 'purchase' WHEN 'mua_hang' THEN 'purchase'
	WHEN 'refund' THEN 'refund' WHEN 'return' THEN 'refund' WHEN 'returned' THEN 'refund' WHEN 'cancellation' THEN 'refund' WHEN 'cancel' THEN 'refund' WHEN 'cancelled' THEN 'refund' WHEN 'canceled' THEN 'refund' WHEN 'chargeback' THEN 'refund' WHEN 'credit_note' THEN 'refund'
	WHEN 'email_open' THEN 'email_open' WHEN 'open' THEN 'email_open' WHEN 'opened' THEN 'email_open' WHEN 'email_opened' THEN 'email_open' WHEN 'mail_open' THEN 'email_open'
	WHEN 'email_click' THEN 'email_click' WHEN 'click' THEN 'email_click' WHEN 'clicked' THEN 'email_click' WHEN 'email_clicked' THEN 'email_click' WHEN 'mail_click' THEN 'email_click' WHEN 'link_click' THEN 'email_click'
	WHEN 'web_visit' THEN 'web_visit' WHEN 'visit' THEN 'web_visit' WHEN 'pageview' THEN 'web_visit' WHEN 'page_view' THEN 'web_visit' WHEN 'session' THEN 'web_visit' WHEN 'web_session' THEN 'web_visit' WHEN 'site_visit' THEN 'web_visit'
	WHEN 'support_ticket' THEN 'support_ticket' WHEN 'ticket' THEN 'support_ticket' WHEN 'support' THEN 'support_ticket' WHEN 'complaint' THEN 'support_ticket' WHEN 'case' THEN 'support_ticket' WHEN 'helpdesk' THEN 'support_ticket'
	WHEN 'call' THEN 'call' WHEN 'phone_call' THEN 'call' WHEN 'calls' THEN 'call' WHEN 'inbound_call' THEN 'call' WHEN 'outbound_call' THEN 'call'
	WHEN 'survey' THEN 'survey' WHEN 'csat' THEN 'survey' WHEN 'nps' THEN 'survey' WHEN 'feedback' THEN 'survey' WHEN 'review' THEN 'survey'
	WHEN 'other' THEN 'other'
END;
-- Most files already use one spelling; the regular expression only runs for the rest ('Email Open', 'e-mail').
CREATE OR REPLACE TEMP MACRO crm_type(v) AS coalesce(
	crm_type_key(lower(trim(v))),
	crm_type_key(regexp_replace(lower(trim(v)), '[\s\-]+', '_', 'g'))
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
