-- One page of a result view, optionally filtered by a case-insensitive search over every
-- column ({haystack} concatenates them as text).
SELECT {select_list}
FROM out_{name}
WHERE $pattern IS NULL OR {haystack} ILIKE $pattern ESCAPE '\'
LIMIT $limit OFFSET $offset;
