-- Raw and normalised values of mapping {i} on both sides of one pair, and its score.
SELECT r1.{col1} AS raw1, n1.norm AS norm1, r2.{col2} AS raw2, n2.norm AS norm2, p.s{i} AS score
FROM pairs AS p
JOIN input_1 AS r1 ON r1._row_id = p.r1
JOIN input_2 AS r2 ON r2._row_id = p.r2
LEFT JOIN norm_{i} AS n1 ON n1.raw = r1.{col1}
LEFT JOIN norm_{i} AS n2 ON n2.raw = r2.{col2}
WHERE p.r1 = $r1 AND p.r2 = $r2;
