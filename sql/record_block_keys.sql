-- Blocking keys of file {side}'s records for mapping {i}, only those that can make a pair:
-- found in both files and not over the per-key cap.
INSERT INTO block_keys_{side}
SELECT r._row_id, k.key, {i} AS mapping
FROM rv{side}_{i} AS r
JOIN value_keys_{i} AS k ON k.vid = r.vid
JOIN (SELECT key FROM block_key_counts
      WHERE mapping = {i} AND pair_count <= $max_key_pairs) AS c ON c.key = k.key;
