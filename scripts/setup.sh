#!/usr/bin/env bash
# Set up everything on a fresh machine: Debian's Chromium (for the main job and the e2e tests),
# Debian's Firefox ESR (for the Firefox e2e smoke test), the npm dependencies, and the extension
# built with the compiled code sets.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Debian's chromium (used headless by npm start and the e2e tests)..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: no apt-get; install Chromium yourself and set CHROMIUM_PATH (npm start and the e2e tests need it)." >&2
  fi
fi

if [ ! -x /usr/bin/firefox-esr ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Debian's firefox-esr (used headless by the Firefox e2e test)..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq firefox-esr >/dev/null
  else
    echo "warning: no apt-get; install Firefox ESR yourself and set FIREFOX_PATH (the Firefox e2e test needs it)." >&2
  fi
fi

if ! command -v pdftotext >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Debian's poppler-utils (pdftotext reads the ICD-10-CM Index addenda PDFs when the code sets compile)..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
  else
    echo "warning: no apt-get; install poppler-utils (pdftotext) yourself (npm run codesets needs it)." >&2
  fi
fi

npm ci --no-audit --no-fund
npm run build
