-- best_candidate_{side}: the best candidate of each record of file {side} by score, ties to
-- the lowest row id. One integer max() finds it: score_rank * 2^32 + (2^32 - 1 - row id)
-- orders by score, then by lower row id, because row ids are below 2^32. The score comes back
-- from score_ranks by the rank: a second max(score) made the aggregate about half as slow
-- again. The constants are literals because a bound parameter here made the aggregate about
-- twice as slow (DuckDB 2.0.1). A temporary table: it depends on the scores only, so a
-- threshold change on the same connection reuses it (selection.prepare_scores).
CREATE OR REPLACE TEMP TABLE best_candidate_{side} AS
SELECT b.row_id, r.score, 4294967295 - b.best % 4294967296 AS other
FROM (
    SELECT {own} AS row_id, max(score_rank * 4294967296 + (4294967295 - {other})) AS best
    FROM scored
    WHERE score IS NOT NULL
    GROUP BY {own}
) AS b
JOIN score_ranks AS r ON r.score_rank = b.best // 4294967296;
