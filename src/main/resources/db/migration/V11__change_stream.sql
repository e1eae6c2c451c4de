-- The change stream a phone catches up from (GET /api/v1/{plots,inputs,operations}?since=):
-- each plot, input and operation row keeps the id of the transaction that wrote it, the 64-bit
-- one (epoch and xid, as pg_current_xact_id() gives it), so the order never wraps. It is a bigint,
-- not xid8: PostgreSQL has no BRIN operator class for xid8. Rows stored before this migration
-- read 0, before any cursor; the constant default makes adding the column a catalogue change, and
-- the tables are append-only, so nothing is rewritten or updated.
ALTER TABLE production_units ADD COLUMN written_xid bigint NOT NULL DEFAULT 0;
ALTER TABLE production_units ALTER COLUMN written_xid SET DEFAULT pg_current_xact_id()::text::bigint;
ALTER TABLE inputs ADD COLUMN written_xid bigint NOT NULL DEFAULT 0;
ALTER TABLE inputs ALTER COLUMN written_xid SET DEFAULT pg_current_xact_id()::text::bigint;
ALTER TABLE operations ADD COLUMN written_xid bigint NOT NULL DEFAULT 0;
ALTER TABLE operations ALTER COLUMN written_xid SET DEFAULT pg_current_xact_id()::text::bigint;

-- Plots and inputs are few and seldom written: each producer's stream is one index range.
CREATE INDEX production_units_stream ON production_units (producer_id, written_xid, id);
CREATE INDEX inputs_stream ON inputs (producer_id, written_xid, id);
-- A sync writes 500 operations at a time: a B-tree entry per row would be a cost on every sync,
-- while the transaction ids grow with the order rows are stored in, which is what BRIN summarises
-- (one entry per 128 pages, nothing for a row in a range not yet summarised). A catch-up reads the
-- block ranges written since its cursor (scripts/bench/README.md).
CREATE INDEX operations_stream ON operations USING brin (written_xid);
