-- explain: each pair's normalised values, phonetic codes and score, in input order.
SELECT g._row_id, n1.norm AS norm1, n2.norm AS norm2, v1.{pkey} AS key1, v2.{pkey} AS key2,
       p.s0 AS score
FROM given_values AS g
LEFT JOIN pairs AS p ON p.r1 = g._row_id
LEFT JOIN norm_0 AS n1 ON n1.raw = g.left_value
LEFT JOIN norm_0 AS n2 ON n2.raw = g.right_value
LEFT JOIN values_0 AS v1 ON v1.norm = n1.norm
LEFT JOIN values_0 AS v2 ON v2.norm = n2.norm
ORDER BY g._row_id;
