#!/usr/bin/env bash
# Browser tests and image exports drive a system Chromium (or Chrome); nothing here downloads a
# browser build. Installs Debian's chromium when it can (root, or passwordless sudo).
set -euo pipefail
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then
    exit 0
  fi
done
if [ -n "${COALITION_CHROMIUM:-}" ] && [ -x "$COALITION_CHROMIUM" ]; then
  exit 0
fi
exec bash "$(dirname "$0")/apt-install.sh" \
  "Chromium is needed for the browser tests and image exports." chromium fonts-dejavu-core
