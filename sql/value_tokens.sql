-- value_tokens_{i}: each distinct value of mapping {i} split into its space-separated tokens.
CREATE OR REPLACE TEMP TABLE value_tokens_{i} AS
SELECT DISTINCT vid, unnest(string_split(norm, ' ')) AS token
FROM values_{i};
