-- value_tokens_{i}: each distinct value of mapping {i} split into its space-separated tokens,
-- and whether the token is digits only. A token whose records make more than $max_key_pairs
-- pairs (records of file 1 with it times records of file 2 with it) is left out: every key
-- derived from it (the token, a phonetic code, a prefix) is shared by at least those records,
-- so it would exceed the per-key cap and be dropped anyway.
CREATE OR REPLACE TEMP TABLE value_tokens_{i} AS
WITH split AS (
    SELECT DISTINCT vid, unnest(string_split(norm, ' ')) AS token
    FROM values_{i}
),
usable AS (
    SELECT s.token
    FROM split AS s
    JOIN values_{i} AS v USING (vid)
    GROUP BY s.token
    HAVING sum(v.n1) * sum(v.n2) <= $max_key_pairs
)
SELECT vid, token, regexp_full_match(token, '[0-9]+') AS digits
FROM split
SEMI JOIN usable USING (token);
