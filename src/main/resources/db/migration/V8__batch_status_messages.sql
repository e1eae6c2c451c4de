-- Batch statuses from now on: harvested, held, released, rejected, recalled. Events stored
-- before say 'active'; they are read, not rewritten (agritrace.production.BatchStatus).
-- Reasons are stored as a message code with its arguments, rendered in the reader's language;
-- events stored before keep their English sentence in reason.
ALTER TABLE batch_events ADD COLUMN message jsonb;
ALTER TABLE batch_events ALTER COLUMN reason DROP NOT NULL;
ALTER TABLE batch_events ADD CONSTRAINT batch_events_reason CHECK (message IS NOT NULL OR reason IS NOT NULL);
ALTER TABLE batch_events ADD CONSTRAINT batch_events_status
  CHECK (status IN ('active', 'harvested', 'held', 'released', 'rejected', 'recalled'));
