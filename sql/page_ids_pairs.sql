-- The rows of one page of a pair result, optionally only those whose records' text, score
-- or decision contains $pattern (NULL: no search), best score first.
SELECT s.r1, s.r2, s.score
FROM sel_{name} AS s
WHERE $pattern IS NULL
   OR s.r1 IN (SELECT _row_id FROM search_1 WHERE text LIKE lower($pattern) ESCAPE '\')
   OR s.r2 IN (SELECT _row_id FROM search_2 WHERE text LIKE lower($pattern) ESCAPE '\')
   OR CAST(round(s.score, 2) AS VARCHAR) LIKE $pattern ESCAPE '\'
   OR EXISTS (SELECT 1 FROM decisions AS d WHERE d.r1 = s.r1 AND d.r2 = s.r2
                                          AND d.decision ILIKE $pattern ESCAPE '\')
ORDER BY s.score DESC, s.r1, s.r2
LIMIT $limit OFFSET $offset;
