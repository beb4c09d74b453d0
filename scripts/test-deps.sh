#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages when it is missing: a PostgreSQL
# server (the unit tests run on SQLite and on a real PostgreSQL started on loopback), Chromium
# (the projector page is loaded in headless Chromium) and poppler-utils (pdffonts, pdftoppm: the
# PDF font tests). QR decoding (zxing-cpp), PDF rendering (pypdfium2) and OpenCV come from PyPI
# with huiwu's own dependencies (the ballot reader needs them).
set -euo pipefail

have_postgres() {
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "test-deps: need root (or sudo) to install: $*" >&2; return 1; fi
}

have_chromium() {
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null
}

updated=
apt_install() {
  if [ -z "$updated" ]; then as_root apt-get update -qq; updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

if ! have_postgres || ! id postgres >/dev/null 2>&1 || ! command -v runuser >/dev/null; then
  echo "test-deps: installing PostgreSQL from Debian's packages…"
  apt_install postgresql util-linux
fi
have_postgres || { echo "test-deps: PostgreSQL is still missing" >&2; exit 1; }
echo "test-deps: PostgreSQL $(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1) ready"

if ! have_chromium; then
  echo "test-deps: installing Chromium from Debian's packages…"
  apt_install chromium
fi
have_chromium || { echo "test-deps: Chromium is still missing" >&2; exit 1; }
echo "test-deps: Chromium ready"

# The PDFs embed their font (models/fonts), so no Chinese font is needed; the PDF font tests
# list the fonts with pdffonts and render pages with pdftoppm (poppler).
if ! command -v pdftoppm >/dev/null || ! command -v pdffonts >/dev/null; then
  echo "test-deps: installing poppler-utils from Debian's packages…"
  apt_install poppler-utils
fi
command -v pdffonts >/dev/null || { echo "test-deps: poppler-utils is still missing" >&2; exit 1; }
echo "test-deps: poppler-utils ready"
