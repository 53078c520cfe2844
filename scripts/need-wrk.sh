#!/usr/bin/env bash
# Installs wrk from Debian if it is missing (the benchmarks' load generator).
set -euo pipefail
if ! command -v wrk >/dev/null; then
  echo "==> installing wrk from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk
fi
