-- The rows of a pair result, optionally only those whose records' text, score or decision
-- contains $pattern (NULL: no search). {columns} and {order_limit} make it either the count
-- or one page of the rows, best score first.
SELECT {columns}
FROM sel_{name} AS s
WHERE $pattern IS NULL
   OR s.r1 IN (SELECT _row_id FROM search_1 WHERE text LIKE lower($pattern) ESCAPE '\')
   OR s.r2 IN (SELECT _row_id FROM search_2 WHERE text LIKE lower($pattern) ESCAPE '\')
   OR CAST(round(s.score, 2) AS VARCHAR) LIKE $pattern ESCAPE '\'
   OR EXISTS (SELECT 1 FROM decisions AS d WHERE d.r1 = s.r1 AND d.r2 = s.r2
                                          AND d.decision ILIKE $pattern ESCAPE '\')
{order_limit};
