-- One page of a pair result without a search: pick the page's rows from the narrow selection
-- table first, then join only those to the inputs, instead of joining the whole result.
WITH m AS (
    SELECT r1, r2, score
    FROM sel_{name}
    ORDER BY score DESC, r1, r2
    LIMIT $limit OFFSET $offset
),
page AS (
    SELECT {select_list}
    FROM m
    JOIN input_1 AS a ON a._row_id = m.r1
    JOIN input_2 AS b ON b._row_id = m.r2
    LEFT JOIN pairs AS p ON p.r1 = m.r1 AND p.r2 = m.r2
    LEFT JOIN decisions AS d ON d.r1 = m.r1 AND d.r2 = m.r2
)
SELECT {wanted}
FROM page
ORDER BY "confidence_score" DESC, "__r1", "__r2";
