-- Photos are evidence on any kind of record (operations today; quality tests and inspections
-- next), so the photos feature owns them and each record kind says whose its records are.
-- Photos are append-only: no row is updated here (a column added with a default fires no trigger).
ALTER TABLE photos RENAME COLUMN operation_id TO record_id;
ALTER TABLE photos DROP CONSTRAINT photos_operation_id_fkey;
ALTER TABLE photos ADD COLUMN record_kind text NOT NULL DEFAULT 'operation';
ALTER TABLE photos ALTER COLUMN record_kind DROP DEFAULT;

DROP INDEX photos_operation;
CREATE INDEX photos_record ON photos (record_kind, record_id);
