-- The first round of select_mutual_best.sql when no pair is decided, read from the best
-- candidates: a record's best pair at or above $low is then its best candidate whenever that
-- scores at least $low, with the same tie-break. chosen and pool are made here instead of
-- selection_pool.sql, so that pool never contains the pairs this round settles: deleting them
-- from a million pairs took 29 ms against 14 ms for leaving them out.
CREATE OR REPLACE TEMP TABLE chosen AS
SELECT b1.row_id AS r1, b1.other AS r2, b1.score
FROM best_candidate_1 AS b1
JOIN best_candidate_2 AS b2 ON b2.row_id = b1.other AND b2.other = b1.row_id
WHERE b1.score >= $low;

CREATE OR REPLACE TEMP TABLE pool AS
SELECT s.r1, s.r2, s.score, s.score_rank
FROM scored AS s
ANTI JOIN chosen AS c1 ON c1.r1 = s.r1
ANTI JOIN chosen AS c2 ON c2.r2 = s.r2
WHERE s.score >= $low;
