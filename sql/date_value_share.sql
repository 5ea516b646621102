-- How many distinct values of a date mapping (date_values) are not dates after normalisation,
-- of how many. A date is eight digits (YYYYMMDD) that name a day of the calendar: 19850231
-- does not.
SELECT count(*) FILTER (WHERE NOT regexp_full_match(norm, '[0-9]{8}')
                           OR try_strptime(norm, '%Y%m%d') IS NULL),
       count(*)
FROM date_values;
