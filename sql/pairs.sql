-- pairs: every candidate with its score per mapping (NULL where a value is missing on
-- either side). Selection re-reads this table; it is never re-scored.
CREATE OR REPLACE TABLE pairs AS
SELECT c.r1, c.r2, {score_columns}
FROM candidate_values AS c
{score_joins};
