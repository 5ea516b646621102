-- rv{side}_{i}: the value id of each record of file {side} for mapping {i}.
-- Records whose value is missing (NULL or empty after normalisation) have no row here.
CREATE OR REPLACE TEMP TABLE rv{side}_{i} AS
SELECT t._row_id, v.vid
FROM input_{side} AS t
JOIN norm_{i} AS n ON n.raw = t.{col}
JOIN values_{i} AS v ON v.norm = n.norm;
