-- own_keys_{side}: each record of file {side} with its rarest blocking keys, fewest partners
-- first, while their partners add up to at most $partners and at most $per_record keys. So a
-- record is compared on its most telling keys even when the global target left them out,
-- and a record with only common keys brings no flood of pairs. Keys kept globally are left
-- out after ranking: they already pair every record that has them. A key with more partners
-- than $partners is left out before ranking, as its running sum would exceed $partners.
CREATE OR REPLACE TEMP TABLE own_keys_{side} AS
SELECT _row_id, key
FROM (
    SELECT k._row_id, k.key,
           row_number() OVER w AS rank,
           sum(c.{other}) OVER w AS running
    FROM block_keys_{side} AS k
    JOIN block_key_counts AS c USING (key)
    WHERE c.pair_count <= $max_key_pairs AND c.{other} <= $partners
    WINDOW w AS (PARTITION BY k._row_id ORDER BY c.{other}, k.key
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
WHERE rank <= $per_record AND running <= $partners
  AND key NOT IN (SELECT key FROM kept_keys);
