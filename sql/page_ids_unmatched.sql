-- The records of unmatched result {side}, optionally only those whose text contains
-- $pattern (NULL: no search). {columns} and {order_limit} make it either the count or one
-- page of the records, in file order.
SELECT {columns}
FROM sel_unmatched_{side} AS u
WHERE $pattern IS NULL
   OR u._row_id IN (SELECT _row_id FROM search_{side} WHERE text LIKE lower($pattern) ESCAPE '\')
{order_limit};
