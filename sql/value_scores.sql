-- Scores of one batch of distinct value pairs of mapping {i} with {expression}; `k` is the
-- pair's position in the batch, since the join does not keep the order.
SELECT p.k, {expression} AS score
FROM value_pairs AS p
JOIN values_{i} AS x ON x.vid = p.v1
JOIN values_{i} AS y ON y.vid = p.v2;
