-- records_{side}: every record of file {side} with its value id per mapping (v0, v1, ...),
-- NULL where the value is missing.
CREATE OR REPLACE TEMP TABLE records_{side} AS
SELECT t._row_id, {value_columns}
FROM input_{side} AS t
{value_joins};
