-- Distinct raw values of one mapping's two columns: normalisation runs on these, not on rows.
SELECT DISTINCT v
FROM (
    SELECT {col1} AS v FROM input_1
    UNION ALL
    SELECT {col2} AS v FROM input_2
)
WHERE v IS NOT NULL
