-- Attach each distinct value's phonetic code, computed once per value in Python.
CREATE OR REPLACE TEMP TABLE values_{i} AS
SELECT v.*, k.pkey
FROM values_{i} AS v
JOIN pkeys AS k USING (vid);
