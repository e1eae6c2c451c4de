-- Accounts people can look after: a disabled account logs nobody in and its tokens stop working.
-- The users row holds the account's state now; account_events holds who changed what, when and why.
ALTER TABLE users
  ADD COLUMN disabled_at     timestamptz,
  ADD COLUMN disabled_by     uuid REFERENCES users (id),
  ADD COLUMN disabled_reason text,
  ADD CHECK ((disabled_at IS NULL) = (disabled_by IS NULL) AND (disabled_at IS NULL) = (disabled_reason IS NULL));

CREATE TABLE account_events (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id),
  kind       text NOT NULL CHECK (kind IN ('password_changed', 'password_reset', 'disabled', 'enabled')),
  reason     text CHECK ((reason IS NOT NULL) = (kind IN ('disabled', 'enabled'))),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id)
);
CREATE INDEX account_events_user ON account_events (user_id, created_at);
CREATE TRIGGER account_events_append_only BEFORE UPDATE OR DELETE ON account_events
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
