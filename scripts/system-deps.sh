#!/usr/bin/env bash
# The Debian packages the system and its tests need beyond Python: Debian's Chromium for browser journeys,
# Pango for WeasyPrint's PDFs, a Times-New-Roman-metric font with Vietnamese glyphs (Liberation Serif),
# poppler's pdftoppm/pdftotext to read PDFs back in tests, ICU's headers and a C++ compiler for PyICU
# (Vietnamese collation, core/collation.py). Installs only what is missing.
set -uo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
fc-list 2>/dev/null | grep -i "Liberation Serif" >/dev/null || need+=(fonts-liberation2)
ldconfig -p 2>/dev/null | grep libpangoft2-1.0 >/dev/null || need+=(libpango-1.0-0 libpangoft2-1.0-0)
pkg-config --exists icu-i18n 2>/dev/null || need+=(libicu-dev pkg-config)
command -v g++ >/dev/null || need+=(g++)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing Debian packages: ${need[*]}"
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null \
  || { echo "could not install ${need[*]}: install them with apt-get and run again"; exit 1; }
