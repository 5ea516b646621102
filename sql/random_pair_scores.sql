-- Scores of mapping {i} on the random pairs where both records have a value.
SELECT {expression} AS score
FROM random_pairs AS p
JOIN rv1_{i} AS a ON a._row_id = p.r1
JOIN rv2_{i} AS b ON b._row_id = p.r2
JOIN values_{i} AS x ON x.vid = a.vid
JOIN values_{i} AS y ON y.vid = b.vid;
