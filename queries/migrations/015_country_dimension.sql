-- Schema version 15: country is a customer filter of its own, beside region (province / city). The stored customer
-- mix (table segment_mix, migration 011) gets a country column; an upgraded database's mix is rebuilt by the next
-- refresh (the registry entry 'mix' is stale since queries/segment_mix_cells.sql changed), and answered inline
-- until then. The period tables and rollups are rewritten by their refresh with the country column.
ALTER TABLE segment_mix ADD COLUMN country VARCHAR;
