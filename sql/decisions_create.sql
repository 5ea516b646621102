-- decisions: an analyst's verdict on a pair, kept with the job across re-selections.
CREATE TABLE IF NOT EXISTS decisions (
    r1 BIGINT NOT NULL,
    r2 BIGINT NOT NULL,
    decision VARCHAR NOT NULL CHECK (decision IN ('accept', 'reject')),
    decided_at TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (r1, r2)
);
