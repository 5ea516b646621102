-- How many true pairs blocking kept, run inside a job's DuckDB file.
-- $1: truth CSV (rec_id_a, rec_id_b); input_1/input_2 carry the id column and _row_id.
WITH truth AS (
    SELECT DISTINCT rec_id_a, rec_id_b FROM read_csv($1, all_varchar = true, header = true)
)
SELECT
    count(c.r1) AS kept,
    count(*) AS true_links
FROM truth
LEFT JOIN input_1 AS a ON a.{id} = truth.rec_id_a
LEFT JOIN input_2 AS b ON b.{id} = truth.rec_id_b
LEFT JOIN candidates AS c ON c.r1 = a._row_id AND c.r2 = b._row_id
