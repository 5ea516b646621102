-- Matched and low-confidence pairs, split at the threshold; accepted pairs are matches. The
-- two conditions are each other's opposite (a chosen pair always has a score).
CREATE OR REPLACE TABLE sel_matched AS
SELECT c.r1, c.r2, c.score
FROM chosen AS c
LEFT JOIN decisions AS d ON d.r1 = c.r1 AND d.r2 = c.r2
WHERE c.score >= $threshold OR d.decision = 'accept';

CREATE OR REPLACE TABLE sel_low_confidence AS
SELECT c.r1, c.r2, c.score
FROM chosen AS c
LEFT JOIN decisions AS d ON d.r1 = c.r1 AND d.r2 = c.r2
WHERE c.score < $threshold AND d.decision IS DISTINCT FROM 'accept';
