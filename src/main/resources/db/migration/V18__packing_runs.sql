-- Packaging and labels (有包装标识). Products gain an optional GTIN (stored as GTIN-14, unique per
-- producer among its products as they now stand: checked under the producer's product lock) and
-- a net content; the rows of earlier versions keep null.
ALTER TABLE products ADD COLUMN gtin text CHECK (gtin ~ '^[0-9]{14}$');
ALTER TABLE products ADD COLUMN net_quantity numeric CHECK (net_quantity > 0);
ALTER TABLE products ADD COLUMN net_unit text;
ALTER TABLE products ADD CONSTRAINT products_net_content CHECK ((net_quantity IS NULL) = (net_unit IS NULL));

-- A packing run: a released, certified batch packed into unit_count units of one product
-- version, each of unit_quantity unit_unit; base_quantity (in base_unit, see quality's Amount)
-- is what the whole run takes out of the harvest. gtin and lot are what the units' Digital Links
-- hold (null for a product without a GTIN: its units' links are /t/{code}).
CREATE TABLE packing_runs (
  id             uuid PRIMARY KEY,
  batch_id       uuid NOT NULL REFERENCES batches (id),
  producer_id    uuid NOT NULL REFERENCES producers (id),
  product_id     uuid NOT NULL,                  -- a products.product_id
  product_version uuid NOT NULL REFERENCES products (id),
  unit_count     integer NOT NULL CHECK (unit_count > 0),
  unit_quantity  numeric NOT NULL CHECK (unit_quantity > 0),
  unit_unit      text NOT NULL,
  base_quantity  numeric NOT NULL CHECK (base_quantity > 0),
  base_unit      text NOT NULL,
  pack_date      date NOT NULL,
  packaging      text NOT NULL,
  case_size      integer CHECK (case_size > 0),
  gtin           text CHECK (gtin ~ '^[0-9]{14}$'),
  lot            text,
  created_by     uuid NOT NULL REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((gtin IS NULL) = (lot IS NULL))
);
CREATE INDEX packing_runs_batch ON packing_runs (batch_id, created_at);
CREATE TRIGGER packing_runs_append_only BEFORE UPDATE OR DELETE ON packing_runs
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Every printed code, of units and of cases alike, in one table so a code is unique across the
-- system: 16 characters of Crockford base32 (80 random bits, labels.UnitCode). number counts a
-- run's units (or cases) from 1; a unit packed in a case names the case's code (the aggregation).
-- url is the address its QR code holds, as printed.
CREATE TABLE label_codes (
  code       text PRIMARY KEY CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
  kind       text NOT NULL CHECK (kind IN ('unit', 'case')),
  run_id     uuid NOT NULL REFERENCES packing_runs (id),
  number     integer NOT NULL CHECK (number > 0),
  case_code  text REFERENCES label_codes (code),
  url        text NOT NULL,
  UNIQUE (run_id, kind, number),
  CHECK (kind = 'unit' OR case_code IS NULL)
);
CREATE INDEX label_codes_case ON label_codes (case_code) WHERE case_code IS NOT NULL;
CREATE TRIGGER label_codes_append_only BEFORE UPDATE OR DELETE ON label_codes
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The lot (AI 10) a batch's units carry under a GTIN: its lot code when that is 1-20 characters of
-- GS1's set 82, else a shorter form (16 characters of Crockford base32 from a hash of the batch
-- id). Either way this row maps it back to the batch, and a (gtin, lot) names one batch only.
CREATE TABLE gs1_lots (
  gtin      text NOT NULL CHECK (gtin ~ '^[0-9]{14}$'),
  lot       text NOT NULL,
  batch_id  uuid NOT NULL REFERENCES batches (id),
  PRIMARY KEY (gtin, lot),
  UNIQUE (batch_id, gtin)
);
CREATE TRIGGER gs1_lots_append_only BEFORE UPDATE OR DELETE ON gs1_lots
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
