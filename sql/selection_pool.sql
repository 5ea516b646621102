-- pool: the pairs selection may choose from, at or above the low-confidence threshold.
CREATE OR REPLACE TEMP TABLE pool AS
SELECT r1, r2, score FROM scored WHERE score >= $low;
CREATE OR REPLACE TEMP TABLE chosen (r1 BIGINT, r2 BIGINT, score DOUBLE);
