-- kept_keys: the blocking keys used, given as kept_rows by blocking.keep_keys.
CREATE OR REPLACE TEMP TABLE kept_keys AS
SELECT key, mapping, pair_count
FROM kept_rows
