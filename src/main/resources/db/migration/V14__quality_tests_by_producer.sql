-- The 五有 profile asks whether a producer has passed a test lately.
CREATE INDEX quality_tests_producer ON quality_tests (producer_id, tested_at);
