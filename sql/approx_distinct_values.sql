-- An estimate (HyperLogLog) of the distinct non-empty values of one mapping's two columns.
SELECT approx_count_distinct(v)
FROM (
    SELECT {col1} AS v FROM input_1
    UNION ALL
    SELECT {col2} AS v FROM input_2
);
