#!/usr/bin/env bash
# Installs what the browser tests need, skipping whatever is present:
# Debian's Chromium and its matching ChromeDriver (Playwright never downloads
# a browser of its own here).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
  echo "==> installing chromium and chromium-driver from Debian"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
fi

# Fonts for the scripts of the 14 languages (Arabic, Urdu's Nastaliq,
# Japanese, Traditional Chinese), so the browser tests see each language as
# a phone with those fonts would rather than as boxes.
if ! dpkg -s fonts-noto-core fonts-noto-cjk >/dev/null 2>&1; then
  echo "==> installing Noto fonts from Debian"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends fonts-noto-core fonts-noto-cjk
fi

# The deploy test (scripts/deploy-test.sh) puts Debian's nginx, with a
# throwaway certificate from openssl, in front of the server.
if ! command -v nginx >/dev/null 2>&1 && ! [ -x /usr/sbin/nginx ] || ! command -v openssl >/dev/null 2>&1; then
  echo "==> installing nginx and openssl from Debian"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # Installing must not start Debian's own nginx on port 80.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $SUDO apt-get install -y -qq nginx openssl
  $SUDO service nginx stop >/dev/null 2>&1 || true
  $SUDO systemctl disable nginx >/dev/null 2>&1 || true
fi

# The mail tests start a real SMTP server: aiosmtpd, from PyPI.
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  echo "==> installing aiosmtpd from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check aiosmtpd==1.4.6
fi

# The API is fuzzed with schemathesis (scripts/fuzz.sh), pinned.
if ! schemathesis --version 2>/dev/null | grep -q '4\.32\.5'; then
  echo "==> installing schemathesis from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check schemathesis==4.32.5
fi
