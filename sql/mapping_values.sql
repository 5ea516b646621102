-- values_{i}: one row per distinct normalised value of mapping {i}, with its compact id.
CREATE OR REPLACE TEMP TABLE values_{i} AS SELECT vid, norm FROM norm_values;
