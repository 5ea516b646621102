-- vpairs_{i}: distinct pairs of value ids among the candidates, so that each pair of
-- normalised values is scored once however many record pairs share it. `chunk` splits the
-- scoring into batches between which progress is reported and cancellation checked.
CREATE OR REPLACE TABLE vpairs_{i} AS
SELECT v1, v2, (row_number() OVER () - 1) // $chunk_size AS chunk
FROM (
    SELECT DISTINCT a.vid AS v1, b.vid AS v2
    FROM candidates AS c
    JOIN rv1_{i} AS a ON a._row_id = c.r1
    JOIN rv2_{i} AS b ON b._row_id = c.r2
);
