-- value_tokens_{i}: each distinct value of mapping {i} split into its space-separated tokens,
-- and whether the token is digits only. A token found in more than $max_values values is left
-- out: its records number more than that, so its key and every key derived from it (a
-- phonetic code, a prefix) would exceed the per-key cap and be dropped anyway.
CREATE OR REPLACE TEMP TABLE value_tokens_{i} AS
WITH split AS (
    SELECT DISTINCT vid, unnest(string_split(norm, ' ')) AS token
    FROM values_{i}
)
SELECT vid, token, regexp_full_match(token, '[0-9]+') AS digits
FROM split
WHERE token IN (SELECT token FROM split GROUP BY token HAVING count(*) <= $max_values);
