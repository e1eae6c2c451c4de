-- A producer's products (一品一策): what a batch is sold as, the unit of release rules and of
-- certificates. A product is kept in versions, never updated: a change is a new version of the
-- same product_id, the highest revision being the one in force.
CREATE TABLE products (
  id             uuid PRIMARY KEY,               -- this version's id
  product_id     uuid NOT NULL,                  -- the product's own id: its first version's id
  revision       integer NOT NULL CHECK (revision >= 0),
  producer_id    uuid NOT NULL REFERENCES producers (id),
  name           text NOT NULL,
  commodity_code text NOT NULL REFERENCES commodities (code),
  packaging      text,
  -- which tests release its batches: 'one_test' (one passing test, rapid or lab: the default),
  -- 'lab_test' (a passing lab test), 'internal_control' (no test: its quality control suffices)
  release_rule   text NOT NULL CHECK (release_rule IN ('one_test', 'lab_test', 'internal_control')),
  reason         text,                           -- why this version was made (a change's reason)
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     uuid NOT NULL REFERENCES users (id),
  UNIQUE (product_id, revision),
  CHECK ((revision = 0) = (id = product_id))
);
CREATE INDEX products_producer ON products (producer_id, product_id, revision DESC);
CREATE TRIGGER products_append_only BEFORE UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- What a batch is: the commodity it is judged as and, once chosen, the product it is sold as.
-- Appended, never updated; the latest row is the one in force. by_user null: agritrace matched
-- the harvest's crop to the catalogue itself.
CREATE TABLE batch_products (
  seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  batch_id       uuid NOT NULL REFERENCES batches (id),
  product_id     uuid,                           -- a products.product_id, or null: only the commodity is known
  commodity_code text NOT NULL REFERENCES commodities (code),
  by_user        uuid REFERENCES users (id),
  set_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX batch_products_batch ON batch_products (batch_id, seq DESC);
CREATE TRIGGER batch_products_append_only BEFORE UPDATE OR DELETE ON batch_products
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
