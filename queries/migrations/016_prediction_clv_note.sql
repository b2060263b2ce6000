-- Why a prediction's predicted_clv is what it is when it is not the model's formula (docs/MODELS.md):
-- 'net_spend_not_positive' = the customer's purchases net of refunds up to as_of are <= 0, so predicted_clv is 0.
ALTER TABLE predictions ADD COLUMN clv_note VARCHAR;
