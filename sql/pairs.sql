-- pairs: every candidate with its score per mapping (NULL where a value is missing on
-- either side). The ids and the score tables hold one row per candidate in the same order,
-- so a positional join lines them up without hashing. Selection re-reads this table; it is
-- never re-scored.
CREATE OR REPLACE TABLE pairs AS
SELECT c.r1, c.r2, {score_columns}
FROM pair_ids AS c
{score_joins};
