-- How many true pairs Splink's blocking kept.
-- $1: blocked pairs (Parquet with join_key_l and join_key_r, each `<source>-__-<rec_id>`),
-- $2: truth CSV (rec_id_a, rec_id_b), $3: source name of file A, $4: source name of file B.
WITH blocked AS (
    SELECT DISTINCT
        CASE WHEN starts_with(join_key_l, $3 || '-__-') THEN join_key_l ELSE join_key_r END
            AS key_a,
        CASE WHEN starts_with(join_key_l, $3 || '-__-') THEN join_key_r ELSE join_key_l END
            AS key_b
    FROM read_parquet($1)
),
truth AS (
    SELECT DISTINCT $3 || '-__-' || rec_id_a AS key_a, $4 || '-__-' || rec_id_b AS key_b
    FROM read_csv($2, all_varchar = true, header = true)
)
SELECT
    (SELECT count(*) FROM truth JOIN blocked USING (key_a, key_b)) AS kept,
    (SELECT count(*) FROM truth) AS true_links,
    (SELECT count(*) FROM blocked) AS candidates
