-- chosen starts with the pairs an analyst accepted, whatever their score. pool contains the
-- pairs selection may add: at or above the low-confidence threshold and not yet decided.
CREATE OR REPLACE TEMP TABLE chosen AS
SELECT s.r1, s.r2, s.score
FROM scored AS s
JOIN decisions AS d ON d.r1 = s.r1 AND d.r2 = s.r2 AND d.decision = 'accept';

CREATE OR REPLACE TEMP TABLE pool AS
SELECT s.r1, s.r2, s.score, s.score_rank
FROM scored AS s
ANTI JOIN decisions AS d ON d.r1 = s.r1 AND d.r2 = s.r2
WHERE s.score >= $low;
