-- scored, with auto_weights: the match probability (0-100) of every pair under the fitted
-- model, from the log2 odds {log_odds} of its level pattern (scored_levels.sql). Not rounded:
-- near 100 the digits still order pairs. score_rank numbers the distinct scores in order, so
-- that it orders pairs exactly as the score does.
CREATE OR REPLACE TEMP TABLE pattern_scores AS
SELECT pattern, score, dense_rank() OVER (ORDER BY score) AS score_rank
FROM (
    SELECT pattern, 100 / (1 + pow(2, -({log_odds}))) AS score
    FROM level_patterns
);

CREATE OR REPLACE TEMP TABLE scored AS
SELECT l.r1, l.r2, p.score, p.score_rank
FROM pair_levels AS l
JOIN pattern_scores AS p ON p.pattern = l.pattern;

-- score_ranks: the score of each rank, for best_candidates.sql.
CREATE OR REPLACE TEMP TABLE score_ranks AS
SELECT DISTINCT score_rank, score
FROM pattern_scores;
