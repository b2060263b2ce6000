-- campaigns/launch_members: the frozen membership of a campaign at launch, with its stratified holdout draw.
-- Members: the customers of customer_features matching the list's rule that consent to the channel. Each member's
-- draw is md5(seed || ':' || customer_id) (reproducible anywhere from the stored seed); within each stratum (the
-- RFM segment at launch, 'none' without one) members are ranked by their draw and the first round(n · share) are
-- the control group, so every segment is held out in the asked proportion.
-- Inputs: $campaign_id, $seed, $share; the rule mark (compiled rule over customer_features f) and the
-- consent mark (whitelisted consent column of customers c).
-- Output: none (inserts into campaign_members).
INSERT INTO campaign_members (campaign_id, customer_id, stratum, draw, treated)
WITH members AS (
	SELECT f.customer_id, coalesce(f.rfm_segment, 'none') AS stratum,
		md5(concat($seed::BIGINT, ':', f.customer_id)) AS draw
	FROM customer_features f
	LEFT JOIN customers c ON c.customer_id = f.customer_id
	WHERE {{rule}} AND {{consent}}
),
ranked AS (
	SELECT *, row_number() OVER (PARTITION BY stratum ORDER BY draw, customer_id) AS k,
		count(*) OVER (PARTITION BY stratum) AS n
	FROM members
)
SELECT $campaign_id::BIGINT, customer_id, stratum, draw, k > round(n * $share::DOUBLE) AS treated
FROM ranked
