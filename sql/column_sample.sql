-- Up to ? distinct non-empty values of one input column, to tell its script.
SELECT DISTINCT {col} FROM input_{side} WHERE {col} IS NOT NULL LIMIT ?
