-- values_{i}: one row per distinct normalised value of mapping {i}, with its compact id and
-- how many records of each file have it.
CREATE OR REPLACE TEMP TABLE values_{i} AS SELECT vid, norm, n1, n2 FROM norm_values;
