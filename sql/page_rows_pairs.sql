-- The result columns of the page's pairs (page_ids, in page order k), with the inputs and pairs read through
-- their row-id indexes: {ids1} and {ids2} are the page's row ids, integers from the database.
WITH page AS (
    SELECT {select_list}, m.k AS __k
    FROM page_ids AS m
    JOIN (SELECT * FROM input_1 WHERE _row_id IN ({ids1})) AS a ON a._row_id = m.r1
    JOIN (SELECT * FROM input_2 WHERE _row_id IN ({ids2})) AS b ON b._row_id = m.r2
    LEFT JOIN (SELECT * FROM pairs WHERE r1 IN ({ids1})) AS p ON p.r1 = m.r1 AND p.r2 = m.r2
    LEFT JOIN decisions AS d ON d.r1 = m.r1 AND d.r2 = m.r2
)
SELECT {selected}
FROM page
ORDER BY __k;
