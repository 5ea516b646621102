-- many-to-many: every pair at or above the low-confidence threshold.
INSERT INTO chosen SELECT r1, r2, score FROM pool;
