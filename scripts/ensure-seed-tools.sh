#!/usr/bin/env bash
# Make sure the API document's example clients can run: curl, jq, node and npm, from Debian's
# packages when missing (the clients' own npm packages are installed by their script).
set -euo pipefail
missing=()
for tool in curl jq node npm; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "missing ${missing[*]}: run 'sudo apt-get install -y curl jq nodejs npm', then run the tests again" >&2
  exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q curl jq nodejs npm
