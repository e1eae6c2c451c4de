-- A corrected input product (a pesticide's interval fixed, say) has every harvest judged again on
-- the plots it was applied to (Phi.REPLOTTED). Finding those applications read the whole
-- operations table, every producer's: 80-370 ms at 1.17 million operations, and growing with the
-- platform. With this index it reads that input's applications only (21 ms for 6,160 of them).
-- Only applications are indexed, about 5% of operations, so a sync pays little for it.
CREATE INDEX operations_input_applications ON operations (input_id)
  WHERE type IN ('pesticide_application', 'vet_treatment');
