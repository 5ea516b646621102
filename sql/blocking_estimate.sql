-- Per mapping: the pairs its kept keys make at most, the keys dropped as too common, and the
-- keys left out because rarer keys already filled the target.
SELECT c.mapping,
       coalesce(sum(k.pair_count), 0) AS kept_pairs,
       count(*) FILTER (WHERE c.pair_count > $max_key_pairs) AS common_keys,
       count(*) FILTER (WHERE c.pair_count <= $max_key_pairs AND k.key IS NULL) AS trimmed_keys
FROM block_key_counts AS c
LEFT JOIN kept_keys AS k USING (key)
GROUP BY c.mapping
ORDER BY c.mapping;
