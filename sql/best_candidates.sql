-- best_candidate_{side}: the best candidate of each record of file {side} by score, ties to
-- the lowest row id. One integer max() finds it: score_rank * 2^32 + (2^32 - 1 - row id)
-- orders by score, then by lower row id, because row ids are below 2^32. The constants are
-- literals because a bound parameter here made the aggregate about twice as slow (DuckDB
-- 2.0.1). A temporary table: it depends on the scores only, so a threshold change on the
-- same connection reuses it (selection.prepare_scores).
CREATE OR REPLACE TEMP TABLE best_candidate_{side} AS
SELECT {own} AS row_id, max(score) AS score,
       4294967295 - max(score_rank * 4294967296 + (4294967295 - {other})) % 4294967296 AS other
FROM scored
WHERE score IS NOT NULL
GROUP BY {own};
