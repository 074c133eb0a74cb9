#!/usr/bin/env bash
# Set up everything on a fresh machine: Debian's Chromium (for the main job and the e2e tests),
# Debian's Firefox ESR (for the Firefox e2e smoke test), poppler-utils (pdftotext reads the Index
# addenda when the code sets compile), the npm dependencies, and the extension built with the
# compiled code sets.
set -euo pipefail
cd "$(dirname "$0")/.."

# need_debian_package COMMAND PACKAGE WHY: install PACKAGE with apt-get when COMMAND is missing.
need_debian_package() {
  local command="$1" package="$2" why="$3"
  if command -v "$command" >/dev/null 2>&1 || [ -x "$command" ]; then return; fi
  if command -v apt-get >/dev/null 2>&1; then
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing Debian's $package ($why)..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null
  else
    echo "warning: no apt-get; install $package yourself ($why)." >&2
  fi
}

need_debian_package /usr/bin/chromium chromium "used headless by npm start and the e2e tests; or set CHROMIUM_PATH"
need_debian_package /usr/bin/firefox-esr firefox-esr "used headless by the Firefox e2e test; or set FIREFOX_PATH"
need_debian_package pdftotext poppler-utils "pdftotext reads the ICD-10-CM Index addenda PDFs when the code sets compile"

npm ci --no-audit --no-fund
npm run build
