-- Schema version 18: product names kept from the data, and the affinity tables of the refresh step 'affinity'
-- (src/lib/server/affinity/build.ts).

-- How often each file line named a product code with a description (Online Retail's Description), summed over
-- ingests: view products takes the most frequent name per code (ties: the first in alphabetical order).
CREATE TABLE product_names (
	product_id VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	lines BIGINT NOT NULL,
	PRIMARY KEY (product_id, name)
);
CREATE VIEW products AS
SELECT product_id, first(name ORDER BY lines DESC, name) AS name
FROM product_names
GROUP BY product_id;

-- Pair statistics at order level (queries/affinity_pair_build.sql): one row per unordered pair item_a < item_b,
-- per level ('product' | 'category') and segment ('all' = the whole base, else an RFM segment key).
CREATE TABLE affinity_pair (
	level VARCHAR NOT NULL,
	segment VARCHAR NOT NULL,
	item_a VARCHAR NOT NULL,
	item_b VARCHAR NOT NULL,
	orders_ab INTEGER NOT NULL,
	orders_a INTEGER NOT NULL,
	orders_b INTEGER NOT NULL,
	orders_total INTEGER NOT NULL,
	support DOUBLE NOT NULL,
	confidence_ab DOUBLE NOT NULL,
	confidence_ba DOUBLE NOT NULL,
	lift DOUBLE NOT NULL,
	chi_square DOUBLE
);

-- Orders and buyers per item, level and segment (queries/affinity_item_build.sql).
CREATE TABLE affinity_item (
	level VARCHAR NOT NULL,
	segment VARCHAR NOT NULL,
	item VARCHAR NOT NULL,
	orders INTEGER NOT NULL,
	customers INTEGER NOT NULL,
	orders_total INTEGER NOT NULL,
	customers_total INTEGER NOT NULL
);

-- The next products per customer, item to item (queries/recommend_build.sql): the 10 best a customer.
CREATE TABLE recommendation (
	customer_id VARCHAR NOT NULL,
	rank INTEGER NOT NULL,
	product_id VARCHAR NOT NULL,
	score DOUBLE NOT NULL
);

-- What each customer bought and is recommended, as lists for the list rules (queries/customer_products_build.sql).
CREATE TABLE customer_products (
	customer_id VARCHAR NOT NULL,
	products_bought VARCHAR[] NOT NULL,
	categories_bought VARCHAR[] NOT NULL,
	recommended_products VARCHAR[] NOT NULL
);
