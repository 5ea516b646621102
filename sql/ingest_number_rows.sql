-- Number the rows of a freshly loaded {table} in file order, from 1. A new table's rowids run
-- from 0 in the order its rows were appended, which is the file's order.
UPDATE {table} SET _row_id = rowid + 1
