-- scored: the confidence score of every pair, the weighted mean of its mapping scores.
-- A mapping whose value is missing on either side (NULL) leaves both sums, or, with the
-- config's missing_value_score, counts as $missing; a score under the mapping's floor ($f<i>)
-- counts as 0. The score has two decimals, so score_rank, the score
-- in hundredths as an integer, orders pairs exactly as the score does.
CREATE OR REPLACE TEMP TABLE scored AS
SELECT r1, r2, score, CAST(round(score * 100) AS BIGINT) AS score_rank
FROM (
    SELECT r1, r2, round(({numerator}) / nullif({denominator}, 0), 2) AS score
    FROM pairs
);

-- score_ranks: the score of each rank. round(x, 2) is round(x * 100) / 100 in DuckDB, so
-- rank / 100 gives the very same double.
CREATE OR REPLACE TEMP TABLE score_ranks AS
SELECT rank AS score_rank, rank / 100 AS score
FROM range(0, 10001) AS t(rank);
