-- affinity_item_build: per level, segment ('all' = the whole base) and item, the orders that hold it and the
-- customers who bought it, beside the segment's orders and buyers: the temporary table affinity_item_counts
-- (queries/affinity_item_counts.sql) without its item numbers. The popularity of each item: the baseline of the
-- recommendation check and the "buy most" side of the cross-sell per segment.
-- Inputs: none. Output: level, segment, item, orders, customers, orders_total, customers_total.
SELECT level, segment, item, orders, customers, orders_total, customers_total
FROM affinity_item_counts
