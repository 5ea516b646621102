-- vscores_{i}: the value pairs of mapping {i} with the scores Python computed for them.
CREATE OR REPLACE TEMP TABLE vscores_{i} AS
SELECT v1, v2, score FROM batch_scores;
