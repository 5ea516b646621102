-- best_{side}: the best candidate of each record of file {side} by score, ties to the lowest
-- row id: max() over (score, -row id) finds it in one hash aggregate instead of a window sort.
-- It depends on the scores only, so a threshold change reuses it (selection.prepare_scores).
CREATE OR REPLACE TABLE best_{side} AS
SELECT row_id, top.score AS score, -top.other AS other
FROM (
    SELECT {own} AS row_id, max(struct_pack(score := score, other := -{other})) AS top
    FROM scored
    WHERE score IS NOT NULL
    GROUP BY {own}
);
