-- Per mapping: the pairs its kept keys and the records' own keys make at most, the keys
-- dropped as too common, and the keys left out because rarer keys already filled the target.
WITH own AS (
    SELECT c.mapping, sum(c.c2) AS pairs
    FROM own_keys_1 AS o JOIN block_key_counts AS c USING (key)
    GROUP BY c.mapping
    UNION ALL
    SELECT c.mapping, sum(c.c1) AS pairs
    FROM own_keys_2 AS o JOIN block_key_counts AS c USING (key)
    GROUP BY c.mapping
),
own_pairs AS (
    SELECT mapping, sum(pairs) AS pairs FROM own GROUP BY mapping
)
SELECT c.mapping,
       coalesce(sum(k.pair_count), 0) + coalesce(any_value(o.pairs), 0) AS kept_pairs,
       count(*) FILTER (WHERE c.pair_count > $max_key_pairs) AS common_keys,
       count(*) FILTER (WHERE c.pair_count <= $max_key_pairs AND k.key IS NULL) AS trimmed_keys
FROM block_key_counts AS c
LEFT JOIN kept_keys AS k USING (key)
LEFT JOIN own_pairs AS o ON o.mapping = c.mapping
GROUP BY c.mapping
ORDER BY c.mapping;
