-- name: insert_upload
INSERT INTO uploads (id, user_id, created_at) VALUES (?, ?, ?);

-- name: insert_upload_file
INSERT INTO upload_files (upload_id, slot, original_name, stored_name, file_type, encoding, delimiter, size_bytes)
VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- name: upload_by_id
SELECT id, user_id, created_at FROM uploads WHERE id = ? AND user_id = ?;

-- name: latest_upload
SELECT id, user_id, created_at FROM uploads WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1;

-- name: uploads_of_user
SELECT id, user_id, created_at FROM uploads WHERE user_id = ? ORDER BY created_at, rowid;

-- name: files_of_upload
SELECT slot, original_name, stored_name, file_type, encoding, delimiter, size_bytes
FROM upload_files WHERE upload_id = ? ORDER BY slot;

-- name: delete_upload
DELETE FROM uploads WHERE id = ? AND user_id = ?;
