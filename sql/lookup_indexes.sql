-- Row-id indexes, so that a page finds its rows in the inputs and in pairs without a scan.
CREATE UNIQUE INDEX IF NOT EXISTS input_1_row ON input_1 (_row_id);
CREATE UNIQUE INDEX IF NOT EXISTS input_2_row ON input_2 (_row_id);
CREATE INDEX IF NOT EXISTS pairs_r1 ON pairs (r1);
