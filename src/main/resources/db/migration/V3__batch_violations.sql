-- Which applications each batch has been held for, one row per (batch, application), with the
-- hold event that reported it. The pre-harvest interval rule reports each broken interval once;
-- this index answers "already reported?" without reading every event's details. Its rows are
-- written by the same statement as their event, so they carry no foreign keys: the per-row
-- checks would lock the batch and the event for nothing.
CREATE TABLE batch_violations (
  batch_id       uuid NOT NULL,               -- the batch held
  application_id uuid NOT NULL,               -- root id of the pesticide application or veterinary treatment
  event_id       bigint NOT NULL,             -- the batch_events row that reported it
  PRIMARY KEY (batch_id, application_id)
);

INSERT INTO batch_violations (batch_id, application_id, event_id)
SELECT DISTINCT ON (e.batch_id, (v ->> 'applicationId')::uuid) e.batch_id, (v ->> 'applicationId')::uuid, e.id
FROM batch_events e CROSS JOIN LATERAL jsonb_array_elements(e.details -> 'violations') v
WHERE e.details ? 'violations'
ORDER BY e.batch_id, (v ->> 'applicationId')::uuid, e.id;

CREATE TRIGGER batch_violations_append_only BEFORE UPDATE OR DELETE ON batch_violations
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
