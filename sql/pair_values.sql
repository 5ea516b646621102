-- Raw values of mapping {i} on both sides of one pair, and its score.
SELECT r1.{col1} AS raw1, r2.{col2} AS raw2, p.s{i} AS score
FROM pairs AS p
JOIN input_1 AS r1 ON r1._row_id = p.r1
JOIN input_2 AS r2 ON r2._row_id = p.r2
WHERE p.r1 = $r1 AND p.r2 = $r2;
