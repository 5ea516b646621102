-- value_keys_{i}: exact mappings block on the whole normalised value, hashed with the mapping
-- number so that keys of different mappings never join each other.
CREATE OR REPLACE TEMP TABLE value_keys_{i} AS
SELECT vid, hash({i}, norm) AS key FROM values_{i};
