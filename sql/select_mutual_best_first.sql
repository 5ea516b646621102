-- The first round of select_mutual_best.sql, read from the best candidates when no pair is
-- decided: then pool contains every scored pair at or above $low, so a record's best pair in
-- pool is its best candidate whenever that scores at least $low, with the same tie-break.
INSERT INTO chosen
SELECT b1.row_id AS r1, b1.other AS r2, b1.score
FROM best_candidate_1 AS b1
JOIN best_candidate_2 AS b2 ON b2.row_id = b1.other AND b2.other = b1.row_id
WHERE b1.score >= $low;

DELETE FROM pool
WHERE r1 IN (SELECT r1 FROM chosen) OR r2 IN (SELECT r2 FROM chosen);
