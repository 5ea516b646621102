-- Small inputs: every record of file 1 against every record of file 2.
CREATE OR REPLACE TABLE candidates AS
SELECT a._row_id AS r1, b._row_id AS r2
FROM input_1 AS a CROSS JOIN input_2 AS b;
