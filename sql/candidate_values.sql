-- candidate_values: each candidate pair with the value ids of both records, made once so
-- that value pairs and pair scores need no further joins to the records.
CREATE OR REPLACE TEMP TABLE candidate_values AS
SELECT c.r1, c.r2, {value_columns}
FROM candidates AS c
JOIN records_1 AS a ON a._row_id = c.r1
JOIN records_2 AS b ON b._row_id = c.r2;
