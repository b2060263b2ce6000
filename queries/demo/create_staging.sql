-- Staging tables of `crm demo`: the generator appends integer codes here (fast), then insert_customers and
-- insert_interactions turn them into the canonical rows in one set-based statement each.
-- -2147483648 stands for NULL in every integer column (NULLIF in the insert statements).
-- Inputs: none. Output: none (creates two temporary tables).
CREATE OR REPLACE TEMP TABLE demo_stage_customers (
	idx INTEGER,            -- 0-based customer number; customer_id = 'C' || lpad(idx + 1, 7, '0')
	name VARCHAR,
	email VARCHAR,
	phone VARCHAR,
	province INTEGER,       -- index into $provinces (0-based)
	macro_region INTEGER,   -- index into $macro_regions
	gender INTEGER,         -- index into $genders, -2147483648 when not given
	birth_year INTEGER,
	signup_s INTEGER,       -- seconds since the period start
	acquisition INTEGER,    -- index into $acquisition_channels
	consent_email INTEGER,  -- 0 / 1
	consent_sms INTEGER,
	preferred INTEGER,      -- index into $channels
	tier INTEGER            -- index into $tiers
);
CREATE OR REPLACE TEMP TABLE demo_stage_interactions (
	seq INTEGER,            -- 1-based row number: interaction_id and source_line
	idx INTEGER,            -- customer number
	t INTEGER,              -- occurred_at, seconds since the period start
	codes INTEGER,          -- type + 8 * channel + 64 * csat + 512 * (quantity + 16); csat 0 = none
	order_no INTEGER,       -- order_id = 'DH' || lpad(order_no, 8, '0')
	amount_k INTEGER,       -- amount in thousands of VND (negative for refunds)
	product INTEGER,        -- index into $products / $product_categories
	resolved_t INTEGER      -- resolved_at, seconds since the period start
);
