-- The batch list across producers (agritrace.production.BatchList) walks two indexes and stops
-- after one page: the held events from the newest down, and the batches from the newest down.
-- Without them every batch and its latest event were read and sorted for each page. Only held
-- events are in the first, so a sync's harvests add one entry per batch, to the second.
CREATE INDEX batch_events_held ON batch_events (id) WHERE status = 'held';
CREATE INDEX batches_newest ON batches (created_at DESC, id);
