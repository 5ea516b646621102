-- One page of a pair result without a search, read from its page order (page_order_pairs.sql).
SELECT r1, r2, score
FROM page_order_{name}
WHERE k > $offset AND k <= $offset + $limit
ORDER BY k;
