-- kept_keys: the blocking keys used, rarest first. A key shared by more than $max_key_pairs
-- pairs is dropped as too common. Of the rest, keys are taken in order of their pair count
-- until the running total reaches $target, so a large job keeps its most telling keys.
CREATE OR REPLACE TEMP TABLE kept_keys AS
SELECT key, mapping, pair_count
FROM (
    SELECT key, mapping, pair_count,
           sum(pair_count) OVER (ORDER BY pair_count, key
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
    FROM block_key_counts
    WHERE pair_count <= $max_key_pairs
)
WHERE running <= $target;
