-- out_{name}: the {name} pairs as results show them: f1_* and f2_* columns and the score.
CREATE OR REPLACE VIEW out_{name} AS
SELECT {select_list}
FROM sel_{name} AS m
JOIN input_1 AS a ON a._row_id = m.r1
JOIN input_2 AS b ON b._row_id = m.r2
LEFT JOIN pairs AS p ON p.r1 = m.r1 AND p.r2 = m.r2
LEFT JOIN decisions AS d ON d.r1 = m.r1 AND d.r2 = m.r2
ORDER BY m.score DESC, m.r1, m.r2;
