-- One round of one-to-one selection: take every pair that is the best remaining pair of both
-- its records, then drop the pairs those records were in. Ties break on the other row id, so
-- the rounds choose exactly what a greedy pass in (score DESC, r1, r2) order would choose.
INSERT INTO chosen
SELECT r1, r2, score
FROM (
    SELECT r1, r2, score,
           row_number() OVER (PARTITION BY r1 ORDER BY score DESC, r2) AS rank1,
           row_number() OVER (PARTITION BY r2 ORDER BY score DESC, r1) AS rank2
    FROM pool
)
WHERE rank1 = 1 AND rank2 = 1;

DELETE FROM pool
WHERE r1 IN (SELECT r1 FROM chosen) OR r2 IN (SELECT r2 FROM chosen);
