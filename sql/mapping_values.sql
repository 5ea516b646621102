-- values_{i}: one row per distinct normalised value of mapping {i}, with a compact id.
CREATE OR REPLACE TEMP TABLE values_{i} AS
SELECT row_number() OVER (ORDER BY norm) AS vid, norm
FROM (SELECT DISTINCT norm FROM norm_{i} WHERE norm IS NOT NULL);
