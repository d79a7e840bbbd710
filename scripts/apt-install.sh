#!/usr/bin/env bash
# Installs Debian packages when it can (root, or passwordless sudo); otherwise says what needs
# them and the one command to run. Usage: apt-install.sh "<what needs them>" PACKAGE...
set -euo pipefail
why="$1"
shift
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    sudo=""
  elif sudo -n true 2>/dev/null; then
    sudo="sudo"
  else
    sudo="none"
  fi
  if [ "$sudo" != "none" ]; then
    echo "Installing $* (apt-get install -y $*) ..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
    exit 0
  fi
fi
echo "$why" >&2
echo "Install it with: sudo apt-get install -y $*   (then run make again)" >&2
exit 2
