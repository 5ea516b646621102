-- The result columns of the page's unmatched records (page_ids), the input read through its
-- row-id index: {ids} are the page's row ids, integers from the database.
WITH page AS (
    SELECT {select_list}
    FROM (SELECT u.* FROM sel_unmatched_{side} AS u SEMI JOIN page_ids USING (_row_id)) AS u
    JOIN (SELECT * FROM input_{side} WHERE _row_id IN ({ids})) AS t ON t._row_id = u._row_id
)
SELECT {selected}
FROM page
ORDER BY "__row_id";
