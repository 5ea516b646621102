LEFT JOIN vscores_{i} AS s{i} ON s{i}.v1 = c.a{i} AND s{i}.v2 = c.b{i}
