-- The rows read_csv rejected, in file order.
SELECT line, error_type, column_idx, error_message
FROM {rejects}
ORDER BY line
