-- True positives and predicted pairs of a matched file against the true pairs.
-- $1: matched file (CSV with f1_<id> and f2_<id> columns), $2: truth CSV (rec_id_a, rec_id_b).
WITH predicted AS (
    SELECT DISTINCT {f1_id} AS rec_id_a, {f2_id} AS rec_id_b
    FROM read_csv($1, all_varchar = true, header = true)
),
truth AS (
    SELECT DISTINCT rec_id_a, rec_id_b FROM read_csv($2, all_varchar = true, header = true)
)
SELECT
    (SELECT count(*) FROM predicted JOIN truth USING (rec_id_a, rec_id_b)) AS true_positives,
    (SELECT count(*) FROM predicted) AS predicted,
    (SELECT count(*) FROM truth) AS true_links
