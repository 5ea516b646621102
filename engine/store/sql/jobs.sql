-- name: insert_job
INSERT INTO jobs (id, user_id, upload_id, status, message, config, output_name, runner_pid, created_at)
VALUES (?, ?, ?, 'starting', ?, ?, ?, ?, ?);

-- name: job_by_id
SELECT * FROM jobs WHERE id = ? AND user_id = ?;

-- name: job_by_id_any_user
SELECT * FROM jobs WHERE id = ?;

-- name: latest_job
SELECT * FROM jobs WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1;

-- name: jobs_of_user
SELECT * FROM jobs WHERE user_id = ? ORDER BY created_at DESC, rowid DESC;

-- name: update_progress
UPDATE jobs SET status = ?, stage = ?, progress = ?, message = ?, elapsed = ?, remaining = ?
WHERE id = ? AND status IN ('starting', 'processing');

-- name: update_waiting_message
UPDATE jobs SET message = ?
WHERE id = ? AND status = 'starting';

-- name: finish_job
UPDATE jobs SET status = ?, message = ?, summary = ?, progress = ?, remaining = NULL, finished_at = ?
WHERE id = ?;

-- name: request_cancel
UPDATE jobs SET cancel_requested = 1, message = 'Cancelling...'
WHERE id = ? AND status IN ('starting', 'processing');

-- name: cancel_requested
SELECT cancel_requested FROM jobs WHERE id = ?;

-- name: unfinished_jobs
SELECT id, runner_pid FROM jobs WHERE status IN ('starting', 'processing');

-- name: fail_unfinished_job
UPDATE jobs SET status = 'failed', message = ?, remaining = NULL, finished_at = ?
WHERE id = ? AND status IN ('starting', 'processing');

-- name: delete_job
DELETE FROM jobs WHERE id = ? AND user_id = ?;
