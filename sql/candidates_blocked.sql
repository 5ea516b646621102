-- Candidate pairs: records that share at least one kept blocking key.
CREATE OR REPLACE TABLE candidates AS
SELECT DISTINCT a._row_id AS r1, b._row_id AS r2
FROM (SELECT _row_id, key FROM block_keys_1 SEMI JOIN kept_keys USING (key)) AS a
JOIN (SELECT _row_id, key FROM block_keys_2 SEMI JOIN kept_keys USING (key)) AS b USING (key);
