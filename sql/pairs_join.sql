LEFT JOIN rv1_{i} AS a{i} ON a{i}._row_id = c.r1
LEFT JOIN rv2_{i} AS b{i} ON b{i}._row_id = c.r2
LEFT JOIN vscores_{i} AS s{i} ON s{i}.v1 = a{i}.vid AND s{i}.v2 = b{i}.vid
