-- One page of an unmatched result without a search, as page_pairs does for pairs.
WITH u AS (
    SELECT *
    FROM sel_{name}
    ORDER BY _row_id
    LIMIT $limit OFFSET $offset
),
page AS (
    SELECT {select_list}
    FROM u
    JOIN input_{side} AS t ON t._row_id = u._row_id
)
SELECT {wanted}
FROM page
ORDER BY "__row_id";
