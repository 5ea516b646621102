-- one-to-many: each file-2 record keeps its best file-1 record; a file-1 record may keep many.
INSERT INTO chosen
SELECT r1, r2, score
FROM pool
QUALIFY row_number() OVER (PARTITION BY r2 ORDER BY score DESC, r1) = 1;
