-- pair_levels: each pair's agreement level per mapping, packed into one integer with two bits
-- per mapping ({pattern}: 0 missing, 1 different or under the floor, 2 close, 3 exact). With
-- auto_weights a pair's score depends on these levels only, so a weight change scores each
-- distinct pattern once (scored_model.sql) instead of every pair.
CREATE OR REPLACE TEMP TABLE pair_levels AS
SELECT r1, r2, {pattern} AS pattern
FROM pairs;

-- The distinct patterns, which a weight change scores (scored_model.sql); finding them again
-- on every change took 10 ms at a million pairs.
CREATE OR REPLACE TEMP TABLE level_patterns AS
SELECT DISTINCT pattern
FROM pair_levels;
