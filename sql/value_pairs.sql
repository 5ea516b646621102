-- vpairs_{i}: distinct pairs of value ids among the candidates, so that each pair of
-- normalised values is scored once however many record pairs share it. `chunk` splits the
-- scoring into batches between which progress is reported and cancellation checked.
CREATE OR REPLACE TEMP TABLE vpairs_{i} AS
SELECT v1, v2, (row_number() OVER () - 1) // $chunk_size AS chunk
FROM (
    SELECT DISTINCT a{i} AS v1, b{i} AS v2
    FROM candidate_values
    WHERE a{i} IS NOT NULL AND b{i} IS NOT NULL
);
