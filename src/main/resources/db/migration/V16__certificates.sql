-- 承诺达标合格证 (rule 农业农村部令2025年第4号): commitment certificates issued for a released batch,
-- one per delivery, never changed. Each row keeps the fields as printed on the day of issue, the
-- basis derived from the record with the tests behind it, and its amount in a base unit (kg for
-- weights, l for volumes, else the unit itself) so the batch's certificates can be summed.
CREATE TABLE certificates (
  id             uuid PRIMARY KEY,
  code           text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{20}$'), -- 100 random bits, Crockford base32
  batch_id       uuid NOT NULL REFERENCES batches (id),
  producer_id    uuid NOT NULL REFERENCES producers (id),
  product_name   text NOT NULL,
  quantity       numeric NOT NULL CHECK (quantity > 0),
  quantity_unit  text NOT NULL,
  base_quantity  numeric NOT NULL CHECK (base_quantity > 0),
  base_unit      text NOT NULL,
  origin         text NOT NULL,
  issued_on      date NOT NULL,
  issuer         text NOT NULL,                 -- the producer's name
  contact        text NOT NULL,                 -- the producer's phone
  commitment     text NOT NULL,                 -- the catalogue code of the commitment's wording
  basis          text NOT NULL CHECK (basis IN ('own_test', 'commissioned_test', 'internal_control')),
  basis_tests    uuid[] NOT NULL,               -- the quality_tests behind the basis (none for internal_control)
  buyer          text,
  delivery_note  text,
  issued_by      uuid NOT NULL REFERENCES users (id),
  issued_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((basis = 'internal_control') = (cardinality(basis_tests) = 0))
);
CREATE INDEX certificates_batch ON certificates (batch_id, issued_at);
CREATE TRIGGER certificates_append_only BEFORE UPDATE OR DELETE ON certificates
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
