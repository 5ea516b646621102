-- Distinct tokens of mapping {i} that Python keys: all but the digits-only ones.
SELECT DISTINCT token
FROM value_tokens_{i}
WHERE NOT digits;
