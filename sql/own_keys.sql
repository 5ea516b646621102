-- own_keys_{side}: each record of file {side} with its rarest blocking keys, fewest partners
-- first, while their partners add up to at most $partners and at most $per_record keys. So a
-- record is compared on its most telling keys even when the global target left them out,
-- and a record with only common keys brings no flood of pairs. Keys kept globally are left
-- out after ranking: they already pair every record that has them.
-- A key with more partners than $partners is never taken, as its running sum would exceed
-- $partners, so the window skips those rows.
CREATE OR REPLACE TEMP TABLE own_keys_{side} AS
WITH possible AS (
    SELECT k._row_id, k.key, c.{other} AS partners,
           k.key IN (SELECT key FROM kept_keys) AS kept
    FROM block_keys_{side} AS k
    JOIN block_key_counts AS c USING (key)
    WHERE c.pair_count <= $max_key_pairs AND c.{other} <= $partners
)
SELECT _row_id, key
FROM (
    SELECT _row_id, key, kept,
           row_number() OVER w AS rank,
           sum(partners) OVER w AS running
    FROM possible
    WINDOW w AS (PARTITION BY _row_id ORDER BY partners, key
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
WHERE rank <= $per_record AND running <= $partners AND NOT kept;
