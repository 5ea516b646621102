-- Records of file {side} in no matched pair, with their best candidate and the reason they
-- are unmatched: no candidate pair reached scoring or none scored above 0, their best pair
-- waits in low-confidence review, an analyst rejected it, the best scored below the
-- threshold, or the best candidate went to another record. The best candidates come from
-- best_candidate_{side} (best_candidates.sql).
CREATE OR REPLACE TABLE sel_unmatched_{side} AS
SELECT t._row_id,
       CASE WHEN b.score > 0 THEN b.other END AS best_row_id,
       CASE WHEN b.score > 0 THEN b.score END AS best_score,
       CASE WHEN b.row_id IS NULL OR b.score = 0 THEN 'no_candidate'
            WHEN l.{own} IS NOT NULL THEN 'low_confidence'
            WHEN d.decision = 'reject' THEN 'rejected'
            WHEN b.score < $threshold THEN 'below_threshold'
            ELSE 'taken' END AS reason
FROM input_{side} AS t
LEFT JOIN best_candidate_{side} AS b ON b.row_id = t._row_id
LEFT JOIN (SELECT DISTINCT {own} FROM sel_low_confidence) AS l ON l.{own} = t._row_id
LEFT JOIN decisions AS d ON d.{own} = t._row_id AND d.{other} = b.other
ANTI JOIN sel_matched AS m ON m.{own} = t._row_id;
