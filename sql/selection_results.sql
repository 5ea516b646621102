-- Matched and low-confidence pairs, split at the threshold.
CREATE OR REPLACE TABLE sel_matched AS
SELECT r1, r2, score FROM chosen WHERE score >= $threshold;

CREATE OR REPLACE TABLE sel_low_confidence AS
SELECT r1, r2, score FROM chosen WHERE score < $threshold;
