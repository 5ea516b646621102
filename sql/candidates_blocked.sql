-- Candidate pairs: records that share a kept blocking key, or one of either record's own
-- rarest keys, as engine.blocking found them in numpy and gave them as candidate_rows.
CREATE OR REPLACE TABLE candidates AS
SELECT r1, r2
FROM candidate_rows;
