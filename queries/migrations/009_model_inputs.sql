-- Schema version 9: the one model input customer_summary lacked. With it, the model summary at the refresh's
-- calibration end is a projection of customer_summary (queries/model_summary_current.sql) instead of a second
-- aggregation of customer_day after every ingest (docs/MODELS.md). Filled by the next metrics refresh.
ALTER TABLE customer_summary ADD COLUMN first_purchase_day_amount DECIMAL(18, 2);
