-- Drops the staging tables of `crm demo`. Inputs: none. Output: none.
DROP TABLE IF EXISTS temp.demo_stage_customers;
DROP TABLE IF EXISTS temp.demo_stage_interactions;
