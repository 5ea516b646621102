-- Records of file {side} in no matched pair, with their best candidate and the reason they
-- are unmatched: no candidate pair reached scoring, their best pair waits in low-confidence
-- review, an analyst rejected it, the best scored below the threshold, or the best candidate
-- went to another record.
CREATE OR REPLACE TABLE sel_unmatched_{side} AS
SELECT t._row_id, b.{other} AS best_row_id, b.score AS best_score,
       CASE WHEN b.{own} IS NULL THEN 'no_candidate'
            WHEN l.{own} IS NOT NULL THEN 'low_confidence'
            WHEN d.decision = 'reject' THEN 'rejected'
            WHEN b.score < $threshold THEN 'below_threshold'
            ELSE 'taken' END AS reason
FROM input_{side} AS t
LEFT JOIN (SELECT r1, r2, score FROM scored WHERE score IS NOT NULL
           QUALIFY row_number() OVER (PARTITION BY {own} ORDER BY score DESC, {other}) = 1) AS b
       ON b.{own} = t._row_id
LEFT JOIN sel_low_confidence AS l ON l.{own} = t._row_id
LEFT JOIN decisions AS d ON d.r1 = b.r1 AND d.r2 = b.r2
WHERE t._row_id NOT IN (SELECT {own} FROM sel_matched);
