-- affinity_pair_customers: how many customers bought item A and never item B (level 'product' or 'category'),
-- counted on table customer_products (refresh step 'affinity'), beside those who bought both: the people a pair's
-- cross-sell is for. The list rule of src/lib/server/affinity/pair-rule.ts selects the same customers.
-- Inputs: $level, $item_a, $item_b. Output: a_not_b, both.
SELECT
	count(*) FILTER (WHERE list_contains(bought, $item_a) AND NOT list_contains(bought, $item_b))::INTEGER AS a_not_b,
	count(*) FILTER (WHERE list_contains(bought, $item_a) AND list_contains(bought, $item_b))::INTEGER AS both
FROM (
	SELECT CASE WHEN $level = 'category' THEN categories_bought ELSE products_bought END AS bought
	FROM customer_products
)
