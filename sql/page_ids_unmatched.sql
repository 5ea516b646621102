-- The records of one page of unmatched result {side}, optionally only those whose text
-- contains $pattern (NULL: no search), in file order.
SELECT u._row_id
FROM sel_unmatched_{side} AS u
WHERE $pattern IS NULL
   OR u._row_id IN (SELECT _row_id FROM search_{side} WHERE text LIKE lower($pattern) ESCAPE '\')
ORDER BY u._row_id
LIMIT $limit OFFSET $offset;
