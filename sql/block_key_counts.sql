-- How many records of each file have each blocking key of mapping {i}, so that key makes
-- c1 * c2 pairs. The counts come from the values' keys and the records per value, before any
-- record-level key is made. Keys found in one file only make no pair and are left out.
INSERT INTO block_key_counts
SELECT k.key, {i} AS mapping, sum(v.n1)::BIGINT AS c1, sum(v.n2)::BIGINT AS c2,
       (sum(v.n1) * sum(v.n2))::BIGINT AS pair_count
FROM value_keys_{i} AS k
JOIN values_{i} AS v USING (vid)
GROUP BY k.key
HAVING sum(v.n1) > 0 AND sum(v.n2) > 0;
