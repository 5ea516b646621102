#!/usr/bin/env bash
# Start the API (port 5000) and the Streamlit app (port 8501) together, sharing one data dir,
# and stop both when either stops or on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/run-api.sh &
api=$!
scripts/run-ui.sh &
ui=$!
trap 'kill "$api" "$ui" 2>/dev/null || true' EXIT INT TERM

echo "Moslik API on http://${MOSLIK_API_HOST:-127.0.0.1}:${MOSLIK_API_PORT:-5000}/api/v1/docs/," \
     "app on http://${MOSLIK_UI_HOST:-127.0.0.1}:${MOSLIK_UI_PORT:-8501}/ (Ctrl-C stops both)"
wait -n "$api" "$ui"
