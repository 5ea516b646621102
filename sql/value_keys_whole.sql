-- value_keys_{i}: exact mappings block on the whole normalised value.
CREATE OR REPLACE TABLE value_keys_{i} AS
SELECT vid, norm AS key FROM values_{i};
