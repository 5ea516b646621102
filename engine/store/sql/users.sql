-- name: insert_user
INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?);

-- name: user_by_name
SELECT id, username, password_hash, role, disabled, password_changed_at, created_at FROM users WHERE username = ?;

-- name: user_by_id
SELECT id, username, password_hash, role, disabled, password_changed_at, created_at FROM users WHERE id = ?;

-- name: all_users
SELECT id, username, password_hash, role, disabled, password_changed_at, created_at FROM users ORDER BY username;

-- name: count_users
SELECT count(*) FROM users;

-- name: set_disabled
UPDATE users SET disabled = ? WHERE username = ?;

-- name: set_password
UPDATE users SET password_hash = ?, password_changed_at = CAST(strftime('%s', 'now') AS INTEGER) WHERE username = ?;
