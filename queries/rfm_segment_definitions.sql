-- The named RFM segments as configured (table rfm_segments), in the order they are evaluated.
-- Inputs: none. Output: key, name_en, name_vi, priority, r_min, r_max, f_min, f_max, m_min, m_max, description.
SELECT key, name_en, name_vi, priority, r_min, r_max, f_min, f_max, m_min, m_max, description
FROM rfm_segments
ORDER BY priority
