-- scored, with auto_weights: the match probability (0-100) of every pair under the fitted
-- model, from the log2 odds {log_odds}. Not rounded: near 100 the digits still order pairs.
CREATE OR REPLACE TEMP TABLE scored AS
SELECT r1, r2, 100 / (1 + pow(2, -({log_odds}))) AS score
FROM pairs;
