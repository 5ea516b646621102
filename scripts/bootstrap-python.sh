#!/usr/bin/env bash
# Make sure python3 (3.11 or newer) with venv and pip exists; on a fresh Debian machine,
# install it from Debian's packages when running as root.
set -eu
if python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 python3-venv python3-pip python3-dev
  exit 0
fi
echo "Python 3.11 or newer with the venv module is required; on Debian run: sudo apt-get install python3-venv" >&2
exit 1
