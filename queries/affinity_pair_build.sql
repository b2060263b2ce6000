-- affinity_pair_build: pair statistics at order level, per level and segment ('all' = every order, else the orders
-- of one RFM segment's customers), over the temporary tables affinity_pair_counts (queries/affinity_pair_counts.sql:
-- the pairs seen together in at least the stored minimum of orders) and affinity_item_counts
-- (queries/affinity_item_counts.sql: each item's orders and the segment's orders).
-- For items A < B among N orders: orders_ab = orders with both, orders_a / orders_b = orders with each;
-- support = orders_ab / N, confidence_ab = P(B | A) = orders_ab / orders_a, confidence_ba = orders_ab / orders_b,
-- lift = orders_ab * N / (orders_a * orders_b) (Agrawal, Imielinski & Swami 1993; Brin et al. 1997 for lift),
-- chi_square = Pearson's statistic of the 2x2 table (bought A or not x bought B or not, 1 degree of freedom;
-- above 3.84 the pair's association is significant at 5%). Stored in the order of level, segment and orders with
-- both, so that a read of one level and segment with a least count (queries/affinity_pairs.sql) skips the row
-- groups of the others and of rarer pairs.
-- Inputs: none.
-- Output: level, segment, item_a, item_b, orders_ab, orders_a, orders_b, orders_total, support, confidence_ab,
--   confidence_ba, lift, chi_square.
SELECT p.level, p.segment, ia.item AS item_a, ib.item AS item_b, p.orders_ab, ia.orders AS orders_a,
	ib.orders AS orders_b, ia.orders_total,
	p.orders_ab::DOUBLE / ia.orders_total AS support,
	p.orders_ab::DOUBLE / ia.orders AS confidence_ab,
	p.orders_ab::DOUBLE / ib.orders AS confidence_ba,
	(p.orders_ab::DOUBLE * ia.orders_total) / (ia.orders::DOUBLE * ib.orders) AS lift,
	CASE WHEN ia.orders < ia.orders_total AND ib.orders < ia.orders_total THEN
		-- N (ad - bc)^2 / ((a + b)(c + d)(a + c)(b + d)) with ad - bc = orders_ab * N - orders_a * orders_b
		ia.orders_total * power(p.orders_ab::DOUBLE * ia.orders_total - ia.orders::DOUBLE * ib.orders, 2)
		/ (ia.orders::DOUBLE * ib.orders * (ia.orders_total - ia.orders) * (ia.orders_total - ib.orders))
	END AS chi_square
FROM affinity_pair_counts p
JOIN affinity_item_counts ia ON ia.level = p.level AND ia.segment = p.segment AND ia.item_key = p.pair // 16777216
JOIN affinity_item_counts ib ON ib.level = p.level AND ib.segment = p.segment AND ib.item_key = p.pair % 16777216
ORDER BY p.level, p.segment, p.orders_ab DESC
