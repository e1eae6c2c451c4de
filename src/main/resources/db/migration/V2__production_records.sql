-- 有生产记录: production units (plots, greenhouses, orchards, tea gardens, ponds, barns),
-- input products, farming operations, harvest batches and their status history.
-- Every record carries an id made by the phone; corrections are new rows in the same table
-- (root_id names the original, revision counts up), so nothing is ever edited or deleted.
-- An original is its own root (root_id = id, revision 0), so the primary key finds it; the
-- (root_id, revision) index holds corrections only, which keeps the bulk of inserts cheap.

-- A short code per producer, the first part of its lot codes (e.g. P0007-20261127-001).
CREATE SEQUENCE producer_short_code_seq;
ALTER TABLE producers ADD COLUMN short_code text;
UPDATE producers SET short_code = 'P' || lpad(nextval('producer_short_code_seq')::text, 4, '0');
ALTER TABLE producers ALTER COLUMN short_code SET NOT NULL;
ALTER TABLE producers ALTER COLUMN short_code SET DEFAULT 'P' || lpad(nextval('producer_short_code_seq')::text, 4, '0');
CREATE UNIQUE INDEX producers_short_code ON producers (short_code);

CREATE TABLE production_units (
  id                uuid PRIMARY KEY,
  root_id           uuid NOT NULL,
  revision          integer NOT NULL,
  correction_reason text,
  producer_id       uuid NOT NULL REFERENCES producers (id),
  name              text NOT NULL,
  kind              text NOT NULL,
  size              numeric NOT NULL,
  size_unit         text NOT NULL,
  lat               double precision,
  lon               double precision,
  crop              text,
  recorded_at       timestamptz NOT NULL,
  received_at       timestamptz NOT NULL DEFAULT now(),
  recorded_by       uuid NOT NULL REFERENCES users (id),
  CHECK ((revision = 0) = (root_id = id))
);
CREATE UNIQUE INDEX production_units_corrections ON production_units (root_id, revision) WHERE revision > 0;
CREATE INDEX production_units_producer ON production_units (producer_id);

CREATE TABLE inputs (
  id                  uuid PRIMARY KEY,
  root_id             uuid NOT NULL,
  revision            integer NOT NULL,
  correction_reason   text,
  producer_id         uuid NOT NULL REFERENCES producers (id),
  name                text NOT NULL,
  kind                text NOT NULL,
  registration_no     text,
  active_ingredients  text[] NOT NULL,
  interval_days       integer,
  intervals_by_crop   jsonb NOT NULL,
  recorded_at         timestamptz NOT NULL,
  received_at         timestamptz NOT NULL DEFAULT now(),
  recorded_by         uuid NOT NULL REFERENCES users (id),
  CHECK ((revision = 0) = (root_id = id))
);
CREATE UNIQUE INDEX inputs_corrections ON inputs (root_id, revision) WHERE revision > 0;
CREATE INDEX inputs_producer ON inputs (producer_id);

-- The busiest table: a sync writes 500 rows at once. Its producer and recorder are set by the
-- server from the caller's session, never from the request, so they carry no foreign keys: the
-- per-row checks would cost more than they could ever catch.
CREATE TABLE operations (
  id                uuid PRIMARY KEY,
  root_id           uuid NOT NULL,
  revision          integer NOT NULL,
  correction_reason text,
  producer_id       uuid NOT NULL,
  unit_id           uuid NOT NULL,            -- root id of the production unit
  type              text NOT NULL,
  occurred_at       timestamptz NOT NULL,     -- the phone's time
  occurred_offset   text NOT NULL,            -- the phone's UTC offset, e.g. +08:00
  local_date        date NOT NULL,            -- the day it happened where it happened
  notes             text,
  input_id          uuid,                     -- root id of the input product
  input_lot         text,
  dose              numeric,
  dose_unit         text,
  quantity          numeric,
  quantity_unit     text,
  crop              text,
  received_at       timestamptz NOT NULL DEFAULT now(),
  recorded_by       uuid NOT NULL,
  CHECK ((revision = 0) = (root_id = id))
);
CREATE UNIQUE INDEX operations_corrections ON operations (root_id, revision) WHERE revision > 0;
CREATE INDEX operations_unit ON operations (unit_id, occurred_at);
CREATE INDEX operations_producer ON operations (producer_id, occurred_at);
-- For the pre-harvest interval check: one kind of operation on one plot, by time.
CREATE INDEX operations_harvests ON operations (unit_id, local_date) WHERE type = 'harvest';
CREATE INDEX operations_cycle_starts ON operations (unit_id, occurred_at) WHERE type IN ('seeding', 'transplanting');
CREATE INDEX operations_applications ON operations (unit_id, occurred_at) WHERE type IN ('pesticide_application', 'vet_treatment');

CREATE TABLE lot_sequences (
  producer_id uuid NOT NULL REFERENCES producers (id),
  day         date NOT NULL,
  last        integer NOT NULL,
  PRIMARY KEY (producer_id, day)
);

-- A batch (批次) is made by a harvest; its status is the latest of its events.
CREATE TABLE batches (
  id          uuid PRIMARY KEY,
  producer_id uuid NOT NULL REFERENCES producers (id),
  harvest_id  uuid NOT NULL UNIQUE,           -- root id of the harvest operation
  lot_code    text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX batches_producer ON batches (producer_id, created_at);

CREATE TABLE batch_events (
  id         bigserial PRIMARY KEY,
  batch_id   uuid NOT NULL REFERENCES batches (id),
  status     text NOT NULL,
  reason     text NOT NULL,
  details    jsonb,
  by_user    uuid REFERENCES users (id),      -- null: decided by agritrace's own rules
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX batch_events_batch ON batch_events (batch_id, id);

CREATE TABLE photos (
  id           uuid PRIMARY KEY,
  operation_id uuid NOT NULL REFERENCES operations (id),
  producer_id  uuid NOT NULL REFERENCES producers (id),
  content_type text NOT NULL,
  bytes        bytea NOT NULL,
  size         integer NOT NULL,
  sha256       text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  recorded_by  uuid NOT NULL REFERENCES users (id)
);
CREATE INDEX photos_operation ON photos (operation_id);

CREATE TRIGGER production_units_append_only BEFORE UPDATE OR DELETE ON production_units
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER inputs_append_only BEFORE UPDATE OR DELETE ON inputs
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER operations_append_only BEFORE UPDATE OR DELETE ON operations
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER batches_append_only BEFORE UPDATE OR DELETE ON batches
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER batch_events_append_only BEFORE UPDATE OR DELETE ON batch_events
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER photos_append_only BEFORE UPDATE OR DELETE ON photos
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
