-- Schema version 3: the precomputed metric tables and the RFM segment configuration.
-- customer_day_channel, customer_day and customer_summary are rebuilt from interactions + customers after every
-- ingest by the refresh step 'metrics' (src/lib/server/metrics/refresh.ts, queries/customer_day_refresh.sql,
-- queries/customer_summary_compute.sql); they are created empty here so that every reader finds them.
-- Definitions of every column: docs/METRICS.md.

-- key 'as_of': the as-of date ('YYYY-MM-DD') customer_summary was computed for; 'refreshed_at', 'rfm_method'.
CREATE TABLE metrics_state (
	key VARCHAR PRIMARY KEY,
	value VARCHAR NOT NULL
);

-- One row per customer, business-local day and channel with any interaction (NULL channel is its own group).
CREATE TABLE customer_day_channel (
	customer_id VARCHAR NOT NULL,
	day DATE NOT NULL,
	channel VARCHAR,
	orders INTEGER NOT NULL,              -- orders whose first purchase row falls on this day and channel
	purchases INTEGER NOT NULL,           -- purchase rows
	refunds INTEGER NOT NULL,             -- refund rows
	purchase_amount DECIMAL(18, 2) NOT NULL,
	refund_amount DECIMAL(18, 2) NOT NULL, -- <= 0
	net_revenue DECIMAL(18, 2) NOT NULL,   -- purchase_amount + refund_amount
	interactions INTEGER NOT NULL,
	email_opens INTEGER NOT NULL,
	email_clicks INTEGER NOT NULL,
	web_visits INTEGER NOT NULL,
	support_tickets INTEGER NOT NULL,
	calls INTEGER NOT NULL,
	surveys INTEGER NOT NULL,
	csat_sum INTEGER NOT NULL,
	csat_count INTEGER NOT NULL,
	first_purchase_at TIMESTAMP,
	last_purchase_at TIMESTAMP,
	first_interaction_at TIMESTAMP NOT NULL,
	last_interaction_at TIMESTAMP NOT NULL
);

-- One row per customer and business-local day with any interaction (the channels summed).
CREATE TABLE customer_day (
	customer_id VARCHAR NOT NULL,
	day DATE NOT NULL,
	orders INTEGER NOT NULL,
	purchases INTEGER NOT NULL,
	refunds INTEGER NOT NULL,
	purchase_amount DECIMAL(18, 2) NOT NULL,
	refund_amount DECIMAL(18, 2) NOT NULL,
	net_revenue DECIMAL(18, 2) NOT NULL,
	interactions INTEGER NOT NULL,
	email_opens INTEGER NOT NULL,
	email_clicks INTEGER NOT NULL,
	web_visits INTEGER NOT NULL,
	support_tickets INTEGER NOT NULL,
	calls INTEGER NOT NULL,
	surveys INTEGER NOT NULL,
	csat_sum INTEGER NOT NULL,
	csat_count INTEGER NOT NULL,
	first_purchase_at TIMESTAMP,
	last_purchase_at TIMESTAMP,
	first_interaction_at TIMESTAMP NOT NULL,
	last_interaction_at TIMESTAMP NOT NULL,
	first_purchase_channel VARCHAR        -- channel of the day's first purchase row (channels: customer_day_channel)
);

-- One row per customer (every row of customers, plus ids seen only in interactions), as of metrics_state 'as_of'.
CREATE TABLE customer_summary (
	customer_id VARCHAR NOT NULL,
	first_purchase_at TIMESTAMP,
	last_purchase_at TIMESTAMP,
	orders INTEGER NOT NULL,
	purchase_days INTEGER NOT NULL,
	net_revenue DECIMAL(18, 2) NOT NULL,
	purchase_amount DECIMAL(18, 2) NOT NULL,
	refund_amount DECIMAL(18, 2) NOT NULL,
	avg_order_value DOUBLE,
	mean_days_between_orders DOUBLE,
	recency_days INTEGER,
	tenure_days INTEGER,
	previous_purchase_day DATE,
	first_interaction_at TIMESTAMP,
	last_interaction_at TIMESTAMP,
	interactions INTEGER NOT NULL,
	channels_used VARCHAR[] NOT NULL,
	region VARCHAR,
	country VARCHAR,
	gender VARCHAR,
	birth_year INTEGER,
	acquisition_channel VARCHAR,
	first_order_channel VARCHAR,
	consent_email BOOLEAN,
	consent_sms BOOLEAN,
	r_score TINYINT,
	f_score TINYINT,
	m_score TINYINT,
	rfm_segment VARCHAR,
	lifecycle_stage VARCHAR
);

-- The named RFM segments: configuration, not code. Evaluated by ascending priority, the first whose three ranges
-- all contain the customer's scores wins; a customer with a purchase that matches none is 'others'.
-- The same rows are in queries/config/rfm_segments.csv (a test keeps the two equal); docs/METRICS.md explains
-- the order and the two ranges changed from the conventional table.
CREATE TABLE rfm_segments (
	key VARCHAR PRIMARY KEY,
	name_en VARCHAR NOT NULL,
	name_vi VARCHAR NOT NULL,
	priority INTEGER NOT NULL UNIQUE,
	r_min TINYINT NOT NULL,
	r_max TINYINT NOT NULL,
	f_min TINYINT NOT NULL,
	f_max TINYINT NOT NULL,
	m_min TINYINT NOT NULL,
	m_max TINYINT NOT NULL,
	description VARCHAR NOT NULL
);
INSERT INTO rfm_segments VALUES
	('champions', 'Champions', 'Khách hàng VIP', 1, 4, 5, 4, 5, 4, 5,
		'Bought recently, buy often and spend the most.'),
	('loyal_customers', 'Loyal Customers', 'Khách hàng trung thành', 2, 3, 5, 3, 5, 3, 5,
		'Buy regularly and spend well, and still bought fairly recently.'),
	('cant_lose_them', 'Can''t Lose Them', 'Không thể để mất', 3, 1, 1, 4, 5, 4, 5,
		'Were among the most frequent and valuable customers but have not bought for the longest time.'),
	('new_customers', 'New Customers', 'Khách hàng mới', 4, 4, 5, 1, 1, 1, 1,
		'Bought recently for the first time, a small basket.'),
	('promising', 'Promising', 'Khách hàng hứa hẹn', 5, 3, 4, 1, 1, 1, 1,
		'Fairly recent single small purchase.'),
	('need_attention', 'Need Attention', 'Cần chú ý', 6, 2, 3, 2, 3, 2, 3,
		'Average frequency and spend, recency slipping below average.'),
	('potential_loyalist', 'Potential Loyalist', 'Tiềm năng trung thành', 7, 3, 5, 1, 3, 1, 5,
		'Recent customers with a few orders so far, of any size.'),
	('at_risk', 'At Risk', 'Có nguy cơ rời bỏ', 8, 1, 2, 2, 5, 2, 5,
		'Bought often or spent well, but long ago.'),
	('lost', 'Lost', 'Đã mất', 9, 1, 1, 1, 1, 1, 1,
		'Lowest recency, frequency and spend.'),
	('about_to_sleep', 'About to Sleep', 'Sắp ngủ đông', 10, 2, 3, 1, 2, 1, 2,
		'Below-average recency, frequency and spend: will be lost without a nudge.'),
	('hibernating', 'Hibernating', 'Ngủ đông', 11, 1, 2, 1, 2, 1, 5,
		'Last purchase long ago, few orders.');
