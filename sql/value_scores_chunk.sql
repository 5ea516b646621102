-- Score one batch of value pairs of mapping {i} with {expression}.
INSERT INTO vscores_{i}
SELECT p.v1, p.v2, {expression}
FROM vpairs_{i} AS p
JOIN values_{i} AS x ON x.vid = p.v1
JOIN values_{i} AS y ON y.vid = p.v2
WHERE p.chunk = $chunk;
