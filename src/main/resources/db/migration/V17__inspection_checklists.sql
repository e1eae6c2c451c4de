-- Inspection checklists (日常监督检查): templates loaded by platform admins and the inspections
-- inspectors fill with them on a producer's visit. Both are evidence, never updated or deleted:
-- a template is reloaded as a new version of its code (the highest in force), and a corrected
-- inspection is a new inspection naming the one it corrects.
CREATE TABLE checklist_templates (
  id          uuid PRIMARY KEY,                  -- this version's id
  code        text NOT NULL,                     -- stable across versions, e.g. daily_supervision
  version     integer NOT NULL CHECK (version >= 1),
  title_zh    text NOT NULL,
  title_en    text NOT NULL,
  items       jsonb NOT NULL,                    -- [{id, text: {zh, en}, section: {zh, en} | null}] in order
  loaded_by   uuid NOT NULL REFERENCES users (id),
  loaded_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version)
);
CREATE TRIGGER checklist_templates_append_only BEFORE UPDATE OR DELETE ON checklist_templates
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE inspections (
  id                uuid PRIMARY KEY,            -- the phone's own id: sent again, it is the same inspection
  seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  producer_id       uuid NOT NULL REFERENCES producers (id),
  template_id       uuid NOT NULL REFERENCES checklist_templates (id), -- the version it was filled with
  visited_at        timestamptz NOT NULL,
  note              text,
  corrects          uuid REFERENCES inspections (id),
  correction_reason text,
  content           jsonb NOT NULL,              -- the body as sent, to tell a resend from a different inspection
  inspector_id      uuid NOT NULL REFERENCES users (id),
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((corrects IS NULL) = (correction_reason IS NULL))
);
CREATE INDEX inspections_producer ON inspections (producer_id, visited_at DESC, seq DESC);
-- An inspection is corrected once; a correction of the correction names the correction.
CREATE UNIQUE INDEX inspections_corrected_once ON inspections (corrects) WHERE corrects IS NOT NULL;
CREATE TRIGGER inspections_append_only BEFORE UPDATE OR DELETE ON inspections
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- One answer per item of the template, in the template's order.
CREATE TABLE inspection_answers (
  inspection_id uuid NOT NULL REFERENCES inspections (id),
  position      integer NOT NULL,
  item_id       text NOT NULL,
  answer        text NOT NULL CHECK (answer IN ('pass', 'fail', 'not_applicable')),
  note          text,
  PRIMARY KEY (inspection_id, item_id),
  CHECK (answer <> 'fail' OR note IS NOT NULL)
);
CREATE TRIGGER inspection_answers_append_only BEFORE UPDATE OR DELETE ON inspection_answers
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- A photo may show one item of its record (an inspection's checklist item); null for the others.
-- A nullable column without a default: adding it updates no row, so the append-only trigger stays quiet.
ALTER TABLE photos ADD COLUMN item_id text;
