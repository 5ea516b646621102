-- Upper bound of candidate pairs per mapping from the keys that blocking keeps, and the
-- keys it drops because they are shared by too many records (a key like "street").
SELECT mapping,
       sum(pair_count) FILTER (WHERE pair_count <= $max_key_pairs) AS kept_pairs,
       count(*) FILTER (WHERE pair_count > $max_key_pairs) AS dropped_keys
FROM block_key_counts
GROUP BY mapping
ORDER BY mapping;
