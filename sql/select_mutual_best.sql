-- One round of one-to-one selection: take every pair that is the best remaining pair of both
-- its records, then drop the pairs those records were in. Ties break on the other row id, so
-- the rounds choose exactly what a greedy pass in (score DESC, r1, r2) order would choose.
-- Each record's best pair is one integer max() over the score rank and the other row id, as
-- in best_candidates.sql, which is cheaper than ranking every record's pairs with a window.
CREATE OR REPLACE TEMP TABLE round_chosen AS
SELECT b1.r1, b1.r2, b1.score
FROM (
    SELECT r1, max(score) AS score,
           4294967295 - max(score_rank * 4294967296 + (4294967295 - r2)) % 4294967296 AS r2
    FROM pool
    GROUP BY r1
) AS b1
SEMI JOIN (
    SELECT r2, 4294967295 - max(score_rank * 4294967296 + (4294967295 - r1)) % 4294967296 AS r1
    FROM pool
    GROUP BY r2
) AS b2 ON b2.r1 = b1.r1 AND b2.r2 = b1.r2;

INSERT INTO chosen
SELECT r1, r2, score
FROM round_chosen;

-- The pool contains no record chosen before this round, so this round's pairs are enough.
DELETE FROM pool
WHERE r1 IN (SELECT r1 FROM round_chosen) OR r2 IN (SELECT r2 FROM round_chosen);
