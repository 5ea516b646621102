-- How many distinct values of mapping {i} are not eight digits (YYYYMMDD) after normalisation,
-- of how many: the date method compares those with ratio instead.
SELECT count(*) FILTER (WHERE NOT regexp_full_match(norm, '[0-9]{{8}}')), count(*)
FROM values_{i};
