-- out_unmatched_{side}: file {side}'s own columns for its records in no match.
CREATE OR REPLACE VIEW out_unmatched_{side} AS
SELECT {select_list}
FROM sel_unmatched_{side} AS u
JOIN input_{side} AS t ON t._row_id = u._row_id
ORDER BY u._row_id;
