-- Quality tests of a batch (rapid and lab), written by the quality pillar, never updated or
-- deleted: a correction is a new row naming the one it corrects. Each row keeps its judgement
-- and what it did to the batch, so later judgements can read the tests since a hold.
CREATE TABLE quality_tests (
  id              uuid PRIMARY KEY,              -- the phone's own id: sent again, it is the same test
  seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE, -- the order tests were recorded in
  batch_id        uuid NOT NULL REFERENCES batches (id),
  producer_id     uuid NOT NULL REFERENCES producers (id),
  kind            text NOT NULL CHECK (kind IN ('rapid', 'lab')),
  official        boolean NOT NULL,              -- recorded by an inspector (spot check)
  tested_at       timestamptz NOT NULL,
  sample          text NOT NULL,
  notes           text,
  method          text,                          -- rapid
  inhibition_rate numeric,                       -- rapid, %
  tester          text,                          -- rapid
  lab             text,                          -- lab
  report_no       text,                          -- lab
  reported_on     date,                          -- lab
  commodity_code  text REFERENCES commodities (code), -- lab: the commodity its analytes were judged for
  result          text NOT NULL CHECK (result IN ('negative', 'positive', 'pass', 'over_limit', 'no_limit')),
  effect          text NOT NULL CHECK (effect IN ('held', 'released', 'rejected', 'kept', 'none')),
  message         jsonb NOT NULL,                -- the judgement in words (code and arguments)
  effect_message  jsonb NOT NULL,                -- what it did to the batch, in words
  content         jsonb NOT NULL,                -- the body as sent, to tell a resend from a different test
  corrects        uuid REFERENCES quality_tests (id),
  correction_reason text,
  recorded_by     uuid NOT NULL REFERENCES users (id),
  recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quality_tests_batch ON quality_tests (batch_id, seq);

-- One row per analyte of a lab test, with the limit it was judged against and where it came from.
CREATE TABLE quality_test_analytes (
  test_id         uuid NOT NULL REFERENCES quality_tests (id),
  position        integer NOT NULL,
  analyte         text NOT NULL,                 -- as the report names it
  value           numeric NOT NULL,
  unit            text NOT NULL,
  value_mg_kg     numeric NOT NULL,
  result          text NOT NULL CHECK (result IN ('within', 'over_limit', 'no_limit')),
  limit_mg_kg     numeric,
  limit_commodity text,                          -- the commodity or group the limit is set for
  standard        text,
  mrl_version_id  uuid,
  mrl_version     integer,
  PRIMARY KEY (test_id, position)
);

CREATE TRIGGER quality_tests_append_only BEFORE UPDATE OR DELETE ON quality_tests
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER quality_test_analytes_append_only BEFORE UPDATE OR DELETE ON quality_test_analytes
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
