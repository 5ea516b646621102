-- pairs: every candidate with its score per mapping (NULL where a value is missing on
-- either side), from the Arrow table the scoring built in candidate order. Selection
-- re-reads this table; it is never re-scored.
CREATE OR REPLACE TABLE pairs AS
SELECT * FROM scored_pairs;
