-- name: insert_user
INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?);

-- name: user_by_name
SELECT id, username, password_hash, role, disabled, created_at FROM users WHERE username = ?;

-- name: user_by_id
SELECT id, username, password_hash, role, disabled, created_at FROM users WHERE id = ?;

-- name: all_users
SELECT id, username, password_hash, role, disabled, created_at FROM users ORDER BY username;

-- name: count_users
SELECT count(*) FROM users;

-- name: set_disabled
UPDATE users SET disabled = ? WHERE username = ?;

-- name: set_password
UPDATE users SET password_hash = ? WHERE username = ?;
