-- The 五有 profile's 有包装标识 asks whether a producer packed a run lately (agritrace.labels.LabelPillar):
-- answered from this index, not by reading every producer's runs.
CREATE INDEX packing_runs_producer ON packing_runs (producer_id, pack_date);
