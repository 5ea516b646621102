-- Record (or replace) an analyst's decision on pairs that exist in this job.
INSERT OR REPLACE INTO decisions (r1, r2, decision)
SELECT p.r1, p.r2, $decision
FROM pairs AS p
JOIN given_pairs AS g ON g.r1 = p.r1 AND g.r2 = p.r2;
