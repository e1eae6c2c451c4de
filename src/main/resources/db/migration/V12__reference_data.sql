-- Reference data for judging residues (quality pillar): the commodity catalogue, a tree of
-- groups and leaves (青菜 in 叶菜类 in 蔬菜), and maximum residue limits (GB 2763) imported in
-- versions. Platform admins load both from CSV; no limit lives in code.

-- A commodity keeps its code once loaded (limits and judgements name it); a later load may
-- rename it, give it other aliases or move it to another group.
CREATE TABLE commodities (
  code        text PRIMARY KEY,
  parent_code text REFERENCES commodities (code) DEFERRABLE INITIALLY DEFERRED,
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  aliases     text[] NOT NULL DEFAULT '{}',
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  uuid NOT NULL REFERENCES users (id),
  CHECK (parent_code <> code)
);
CREATE UNIQUE INDEX commodities_name_zh ON commodities (name_zh);
CREATE INDEX commodities_parent ON commodities (parent_code);

-- Each import of the limits is a new version; the highest number is the one in force.
CREATE TABLE mrl_versions (
  id          uuid PRIMARY KEY,
  number      integer NOT NULL UNIQUE CHECK (number > 0),
  standards   text[] NOT NULL,
  row_count   integer NOT NULL CHECK (row_count > 0),
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by uuid NOT NULL REFERENCES users (id)
);
CREATE TRIGGER mrl_versions_append_only BEFORE UPDATE OR DELETE ON mrl_versions
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- One limit of one version, kept with the line of the file it came from.
CREATE TABLE mrls (
  version_id     uuid NOT NULL REFERENCES mrl_versions (id),
  line           integer NOT NULL,
  analyte_zh     text NOT NULL,
  analyte_en     text NOT NULL,
  cas            text,
  commodity_code text NOT NULL REFERENCES commodities (code),
  limit_mg_kg    numeric NOT NULL CHECK (limit_mg_kg > 0),
  standard       text NOT NULL,
  PRIMARY KEY (version_id, line),
  UNIQUE (version_id, analyte_zh, commodity_code)
);
CREATE INDEX mrls_commodity ON mrls (version_id, commodity_code);
CREATE TRIGGER mrls_append_only BEFORE UPDATE OR DELETE ON mrls
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
