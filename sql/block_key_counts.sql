-- How many records of each file share each blocking key: c1 * c2 pairs come from that key.
CREATE OR REPLACE TABLE block_key_counts AS
SELECT key, mapping, c1, c2, c1 * c2 AS pair_count
FROM (SELECT key, any_value(mapping) AS mapping, count(*) AS c1 FROM block_keys_1 GROUP BY key)
JOIN (SELECT key, count(*) AS c2 FROM block_keys_2 GROUP BY key) USING (key);
