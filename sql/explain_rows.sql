-- explain: each pair's score, in input order.
SELECT g._row_id, p.s0 AS score
FROM given_values AS g
LEFT JOIN pairs AS p ON p.r1 = g._row_id
ORDER BY g._row_id;
