#!/usr/bin/env bash
# Make sure the browser test can run: Debian's chromium at /usr/bin/chromium, and Playwright's
# Python package in the virtual environment. Playwright's own browser download is not used,
# because the test drives the system chromium through `executable_path`.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-.venv/bin/python}

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "chromium is missing: run 'sudo apt-get install -y chromium', then run the tests again" >&2
    exit 1
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi

if ! "$python" -c "import playwright" 2>/dev/null; then
  "$python" -m pip install -q "playwright>=1.45"
fi
