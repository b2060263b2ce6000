-- recommend_customer: one customer's next products (table recommendation, refresh step 'affinity'), best first,
-- with the product names of the data (view products).
-- Inputs: $customer_id. Output: rank, product_id, name, score.
SELECT r.rank, r.product_id, p.name, r.score
FROM recommendation r
LEFT JOIN products p USING (product_id)
WHERE r.customer_id = $customer_id
ORDER BY r.rank
