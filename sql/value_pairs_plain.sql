-- vpairs_{i}: distinct pairs of value ids among the candidates, so that each pair of
-- normalised values is scored once however many record pairs share it.
CREATE OR REPLACE TEMP TABLE vpairs_{i} AS
SELECT DISTINCT a{i} AS v1, b{i} AS v2
FROM candidate_values
WHERE a{i} IS NOT NULL AND b{i} IS NOT NULL;
