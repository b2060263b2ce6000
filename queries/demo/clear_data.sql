-- Empties the data tables before `crm demo --force` (derived tables are rebuilt by refreshDerived afterwards).
-- Inputs: none. Output: none.
DELETE FROM interactions;
DELETE FROM customers;
DELETE FROM quarantine;
DELETE FROM ingests;
