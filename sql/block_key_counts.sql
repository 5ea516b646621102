-- How many records of each file have each blocking key of mapping {i}, so that key makes
-- c1 * c2 pairs. The counts come from the values' keys and the records per value, before any
-- record-level key is made. Keys found in one file only make no pair and are left out.
INSERT INTO block_key_counts
SELECT k.key, {i} AS mapping, sum(n.n1)::BIGINT AS c1, sum(n.n2)::BIGINT AS c2,
       (sum(n.n1) * sum(n.n2))::BIGINT AS pair_count
FROM value_keys_{i} AS k
JOIN (
    SELECT vid, count(*) FILTER (WHERE side = 1) AS n1, count(*) FILTER (WHERE side = 2) AS n2
    FROM (SELECT vid, 1 AS side FROM rv1_{i} UNION ALL SELECT vid, 2 AS side FROM rv2_{i})
    GROUP BY vid
) AS n USING (vid)
GROUP BY k.key
HAVING sum(n.n1) > 0 AND sum(n.n2) > 0;
