-- The foundation: producers (主体), accounts and login tokens, and the first two pillars
-- of 五有: management rules (有管理制度) and responsible people (有管理人员).

-- Evidence tables are append-only: a correction is a new row, never an edit.
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are evidence and cannot be changed or deleted', TG_TABLE_NAME
    USING ERRCODE = 'P0001';
END;
$$;

CREATE TABLE producers (
  id                          uuid PRIMARY KEY,
  name                        text NOT NULL,
  kind                        text NOT NULL CHECK (kind IN ('cooperative', 'family_farm', 'enterprise', 'individual', 'handler')),
  credit_code                 text,
  id_number                   text,
  address                     text NOT NULL,
  region                      text NOT NULL,
  phone                       text NOT NULL,
  credit_code_override_reason text,
  credit_code_override_by     uuid,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  created_by                  uuid NOT NULL,
  CHECK (credit_code IS NOT NULL OR kind = 'individual'),
  CHECK (id_number IS NOT NULL OR kind <> 'individual')
);
CREATE UNIQUE INDEX producers_credit_code ON producers (credit_code);
CREATE UNIQUE INDEX producers_id_number ON producers (id_number) WHERE kind = 'individual';

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  username      text NOT NULL,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('platform_admin', 'producer_admin', 'recorder', 'tester', 'inspector')),
  producer_id   uuid REFERENCES producers (id),
  name          text NOT NULL,
  phone         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid,
  CHECK ((role IN ('platform_admin', 'inspector')) = (producer_id IS NULL))
);
CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE INDEX users_producer ON users (producer_id);

-- Login tokens: only a SHA-256 of each token is stored, so a copy of the table logs nobody in.
CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed logins per username, shared by every server instance.
CREATE TABLE login_failures (
  username          text PRIMARY KEY,
  failures          integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until      timestamptz
);

CREATE TABLE personnel (
  id          uuid PRIMARY KEY,
  producer_id uuid NOT NULL REFERENCES producers (id),
  name        text NOT NULL,
  duty        text NOT NULL CHECK (duty IN ('quality_manager', 'production_manager', 'recorder', 'tester', 'input_keeper', 'other')),
  phone       text,
  user_id     uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid NOT NULL REFERENCES users (id)
);
CREATE INDEX personnel_producer ON personnel (producer_id);
CREATE TRIGGER personnel_append_only BEFORE UPDATE OR DELETE ON personnel
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE trainings (
  id             uuid PRIMARY KEY,
  person_id      uuid NOT NULL REFERENCES personnel (id),
  course         text NOT NULL,
  taken_on       date NOT NULL,
  certificate_no text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     uuid NOT NULL REFERENCES users (id)
);
CREATE INDEX trainings_person ON trainings (person_id);
CREATE TRIGGER trainings_append_only BEFORE UPDATE OR DELETE ON trainings
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE management_rules (
  id             uuid PRIMARY KEY,
  producer_id    uuid NOT NULL REFERENCES producers (id),
  category       text NOT NULL CHECK (category IN ('input_management', 'record_keeping', 'testing', 'labelling', 'recall')),
  title          text NOT NULL,
  version        text NOT NULL,
  effective_date date NOT NULL,
  body           text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     uuid NOT NULL REFERENCES users (id),
  UNIQUE (producer_id, category, title, version)
);
CREATE TRIGGER management_rules_append_only BEFORE UPDATE OR DELETE ON management_rules
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
