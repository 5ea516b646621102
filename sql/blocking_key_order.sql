-- The blocking keys that may be kept, rarest first: a key shared by more than $max_key_pairs
-- pairs is dropped as too common. blocking.keep_keys takes them in this order until their
-- pairs reach the target, so a large job keeps its most telling keys. Ties go to the lower
-- key number, so the choice does not depend on the order of the rows.
SELECT key, mapping, pair_count
FROM block_key_counts
WHERE pair_count <= $max_key_pairs
ORDER BY pair_count, key
