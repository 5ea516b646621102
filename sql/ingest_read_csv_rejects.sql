-- Read a CSV file that ingest_read_csv could not load, as it does, but with the rows that break
-- the dialect going to the rejects tables instead of stopping the scan, so all of them can be
-- reported. Keeping rejects costs about a tenth of the read, so a file that loads pays nothing.
CREATE TEMP TABLE {table} AS
SELECT *
FROM read_csv(?, auto_detect = false, header = true, skip = 0, comment = '',
              delim = ?, quote = '"', escape = '"', columns = ?,
              store_rejects = true, rejects_table = ?, rejects_scan = ?)
