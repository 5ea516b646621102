-- own_keys_{side}: the own keys engine.own_keys chose for each record of file {side}, given
-- as own_rows, less the globally kept keys, which already pair every record that has them.
CREATE OR REPLACE TEMP TABLE own_keys_{side} AS
SELECT _row_id, key
FROM own_rows
ANTI JOIN kept_keys USING (key);
