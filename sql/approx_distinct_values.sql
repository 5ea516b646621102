-- An estimate (HyperLogLog) of the distinct non-empty values of one mapping's two columns, and
-- their mean length in bytes.
SELECT approx_count_distinct(v), coalesce(avg(strlen(v)), 0)
FROM (
    SELECT {col1} AS v FROM input_1
    UNION ALL
    SELECT {col2} AS v FROM input_2
);
