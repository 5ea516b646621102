-- value_keys_{i}: the blocking keys of each value, from the keys of its tokens.
CREATE OR REPLACE TABLE value_keys_{i} AS
SELECT DISTINCT t.vid, k.key
FROM value_tokens_{i} AS t
JOIN token_keys AS k ON k.token = t.token;
