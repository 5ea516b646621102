-- value_keys_{i}: the blocking keys of each value, from the keys of its tokens. Tokens of
-- digits only (phones, IDs, dates) are keyed here in SQL: the token itself and, for long ones,
-- its last seven digits, so that a phone with and without its country code meet. The other
-- tokens take the keys Python gave them in token_keys. Keys are hashed with the mapping number
-- so that keys of different mappings never join each other.
CREATE OR REPLACE TEMP TABLE value_keys_{i} AS
SELECT DISTINCT vid, hash({i}, key) AS key
FROM (
    SELECT t.vid, k.key
    FROM value_tokens_{i} AS t
    JOIN token_keys AS k ON k.token = t.token
    UNION ALL
    SELECT vid, token AS key
    FROM value_tokens_{i}
    WHERE digits
    UNION ALL
    SELECT vid, 'd:' || right(token, 7) AS key
    FROM value_tokens_{i}
    WHERE digits AND length(token) > 7
);
