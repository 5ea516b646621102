-- Candidate pairs: records that share a globally kept blocking key, or one of either
-- record's own rarest keys.
CREATE OR REPLACE TABLE candidates AS
SELECT DISTINCT r1, r2
FROM (
    SELECT a._row_id AS r1, b._row_id AS r2
    FROM (SELECT _row_id, key FROM block_keys_1 SEMI JOIN kept_keys USING (key)) AS a
    JOIN (SELECT _row_id, key FROM block_keys_2 SEMI JOIN kept_keys USING (key)) AS b USING (key)
    UNION ALL
    SELECT a._row_id, b._row_id
    FROM own_keys_1 AS a
    JOIN block_keys_2 AS b USING (key)
    UNION ALL
    SELECT a._row_id, b._row_id
    FROM block_keys_1 AS a
    JOIN own_keys_2 AS b USING (key)
);
