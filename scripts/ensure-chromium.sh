#!/usr/bin/env bash
# Browser tests and image exports drive the system Chromium; nothing here downloads a browser build.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium (apt-get install -y chromium) ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "Chromium is needed for the browser tests and image exports." >&2
echo "Install it with: sudo apt-get install -y chromium   (then run make again)" >&2
exit 2
