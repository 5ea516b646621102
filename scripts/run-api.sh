#!/usr/bin/env bash
# Start the Moslik API and Socket.IO server with uvicorn on MOSLIK_API_HOST:MOSLIK_API_PORT
# (default 127.0.0.1:5000). The app creates the data dir (MOSLIK_DATA_DIR, default ./var) and,
# outside production, the default admin/admin123 when no user exists.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-.venv/bin/python}
host=${MOSLIK_API_HOST:-127.0.0.1}
port=${MOSLIK_API_PORT:-5000}
mkdir -p "${MOSLIK_DATA_DIR:-./var}"

exec "$python" -m uvicorn --factory api.app:create_server --host "$host" --port "$port" \
  --log-level "${MOSLIK_LOG_LEVEL:-info}" "$@"
