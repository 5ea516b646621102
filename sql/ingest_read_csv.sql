-- Load a UTF-8 CSV file into {table}, every column VARCHAR, with `_row_id` left empty for
-- ingest_number_rows.
-- Every dialect option is given, so DuckDB's sniffer neither guesses nor skips rows. Empty
-- fields, quoted or not, become NULL (DuckDB's default). The scan runs on every thread and
-- keeps the file's order, which DuckDB documents under "Order Preservation". Numbering rows
-- here with row_number() OVER () would run on one thread: 0.4 s more per million rows.
-- A row that breaks the dialect stops the scan with an error, and ingest_read_csv_rejects then reads
-- the file again to report every such row.
CREATE TABLE {table} AS
SELECT NULL::BIGINT AS _row_id, *
FROM read_csv(?, auto_detect = false, header = true, skip = 0, comment = '',
              delim = ?, quote = '"', escape = '"', columns = ?)
