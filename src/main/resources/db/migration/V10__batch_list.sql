-- The batch list across producers (agritrace.production.BatchList) walks two indexes and stops
-- after one page: the held events from the newest down, and the batches from the newest down.
-- Without the second, every batch was read and sorted for each page. Only held events are in the
-- first, so it costs a sync's harvests little; the second is one entry per batch.
CREATE INDEX batch_events_held ON batch_events (id) WHERE status = 'held';
CREATE INDEX batches_newest ON batches (created_at DESC, id);
