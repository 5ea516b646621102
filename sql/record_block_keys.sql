-- Blocking keys of file {side}'s records for mapping {i}: a value's keys hashed with the
-- mapping number, so keys of different mappings never join each other.
INSERT INTO block_keys_{side}
SELECT DISTINCT r._row_id, hash({i}, k.key) AS key, {i} AS mapping
FROM rv{side}_{i} AS r
JOIN value_keys_{i} AS k ON k.vid = r.vid;
