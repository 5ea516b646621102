-- Load a UTF-8 CSV file into {table}, every column VARCHAR.
-- Every dialect option is given, so DuckDB's sniffer neither guesses nor skips rows. Empty
-- fields, quoted or not, become NULL (DuckDB's default). row_number() OVER () with an empty
-- window keeps the order of the scan, which DuckDB documents under "Order Preservation".
-- Rows that break the dialect go to the rejects tables instead of stopping the scan, so all of
-- them can be reported.
CREATE TABLE {table} AS
SELECT row_number() OVER () AS _row_id, *
FROM read_csv(?, auto_detect = false, header = true, skip = 0, comment = '',
              delim = ?, quote = '"', escape = '"', columns = ?,
              store_rejects = true, rejects_table = ?, rejects_scan = ?)
