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
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    sudo=""
  elif sudo -n true 2>/dev/null; then
    sudo="sudo"
  else
    sudo="none"
  fi
  if [ "$sudo" != "none" ]; then
    echo "Installing Chromium (apt-get install -y chromium) ..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
    exit 0
  fi
fi
echo "Chromium is needed for the browser tests and image exports." >&2
echo "Install it with: sudo apt-get install -y chromium   (then run make again)" >&2
exit 2
