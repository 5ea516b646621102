-- explain: the left values as file 1, the right values as file 2, each pair its own candidate.
CREATE OR REPLACE TABLE input_1 AS SELECT _row_id, left_value AS value FROM given_values;
CREATE OR REPLACE TABLE input_2 AS SELECT _row_id, right_value AS value FROM given_values;
CREATE OR REPLACE TABLE candidates AS SELECT _row_id AS r1, _row_id AS r2 FROM given_values;
