-- A sync that harvests writes dozens of batches, their events and the day's lot counters in one
-- statement. A foreign key checks each such row with a query of its own and locks the row it
-- names (the producer, the batch, the user), and those checks cost more than the inserts. The
-- rows come from the same statement as the batch they name, for the producer and user of the
-- request, and nothing is ever deleted, so the keys guard nothing here: as on operations, they go.
ALTER TABLE lot_sequences DROP CONSTRAINT lot_sequences_producer_id_fkey;
ALTER TABLE batches DROP CONSTRAINT batches_producer_id_fkey;
ALTER TABLE batch_events DROP CONSTRAINT batch_events_batch_id_fkey;
ALTER TABLE batch_events DROP CONSTRAINT batch_events_by_user_fkey;

-- Every operation of a sync updated this index too. A producer's operations are those on its
-- plots: lists and the 五有 profile find them through each plot's (unit_id, occurred_at) index.
DROP INDEX operations_producer;
