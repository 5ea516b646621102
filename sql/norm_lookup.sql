-- norm_{i}: raw value -> normalised value, from the Arrow table the normaliser returned.
CREATE OR REPLACE TABLE norm_{i} AS SELECT raw, norm FROM norm_lookup;
