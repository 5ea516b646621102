-- How many records of unmatched result {side} page_ids_unmatched can return for $pattern.
SELECT count(*)
FROM sel_unmatched_{side} AS u
WHERE $pattern IS NULL
   OR u._row_id IN (SELECT _row_id FROM search_{side} WHERE text LIKE lower($pattern) ESCAPE '\');
