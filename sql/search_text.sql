-- search_{side}: each record's output columns of file {side} as one lower-case text, searched
-- instead of building the text of every result row.
CREATE OR REPLACE TABLE search_{side} AS
SELECT _row_id, lower(concat_ws(' ', {columns})) AS text
FROM input_{side};
