-- random_pairs: $size record pairs drawn at random with a fixed seed, the baseline for how
-- often unrelated records agree. Record ids run from 1 to each file's row count.
CREATE OR REPLACE TEMP TABLE random_pairs AS
SELECT hash(k, 1) % $rows1 + 1 AS r1, hash(k, 2) % $rows2 + 1 AS r2
FROM range($size) AS t(k);
