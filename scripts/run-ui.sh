#!/usr/bin/env bash
# Start the Moslik Streamlit app on MOSLIK_UI_HOST:MOSLIK_UI_PORT (default 127.0.0.1:8501),
# headless, with the data dir from MOSLIK_DATA_DIR (default ./var), shared with the API.
# The browser upload limit follows MOSLIK_MAX_UPLOAD_MB (default 500), as the API's does.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-.venv/bin/python}
host=${MOSLIK_UI_HOST:-127.0.0.1}
port=${MOSLIK_UI_PORT:-8501}
mkdir -p "${MOSLIK_DATA_DIR:-./var}"

exec "$python" -m streamlit run ui/app.py --server.address "$host" --server.port "$port" \
  --server.headless true --server.maxUploadSize "${MOSLIK_MAX_UPLOAD_MB:-500}" \
  --browser.gatherUsageStats false "$@"
