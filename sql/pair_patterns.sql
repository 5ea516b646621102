-- Agreement patterns of the candidate pairs for auto_weights: the level of each mapping's
-- score (-1 missing, 0 different, 1 close, 2 exact) and how many pairs share the pattern.
SELECT {levels}, count(*) AS pairs
FROM pairs
GROUP BY ALL;
