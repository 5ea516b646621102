DELETE FROM decisions
WHERE (r1, r2) IN (SELECT (r1, r2) FROM given_pairs);
