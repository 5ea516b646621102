-- How many rows of a pair result page_ids_pairs can return for $pattern.
SELECT count(*)
FROM sel_{name} AS s
WHERE $pattern IS NULL
   OR s.r1 IN (SELECT _row_id FROM search_1 WHERE text LIKE lower($pattern) ESCAPE '\')
   OR s.r2 IN (SELECT _row_id FROM search_2 WHERE text LIKE lower($pattern) ESCAPE '\')
   OR CAST(round(s.score, 2) AS VARCHAR) LIKE $pattern ESCAPE '\'
   OR EXISTS (SELECT 1 FROM decisions AS d WHERE d.r1 = s.r1 AND d.r2 = s.r2
                                          AND d.decision ILIKE $pattern ESCAPE '\');
