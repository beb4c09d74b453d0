#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages when it is missing: a PostgreSQL
# server (the unit tests run on SQLite and on a real PostgreSQL started on loopback) and Chromium
# (the projector page is loaded in headless Chromium). QR decoding (zxing-cpp) and PDF rendering
# (pypdfium2) come from PyPI with the dev extras.
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

# The PDFs name reportlab's STSong-Light without embedding it, so the PDF text tests read what
# pdfium stands in for it: with only Droid Sans Fallback or WenQuanYi Micro Hei (what Chromium
# brings) serial and page numbers drop out of the extracted text. Until the documents embed a
# font of their own (issue 18), the suite needs the font it was written against.
if ! (fc-list 2>/dev/null || true) | grep -i "wqy-zenhei" >/dev/null; then
  echo "test-deps: installing WenQuanYi Zen Hei from Debian's packages…"
  apt_install fonts-wqy-zenhei fontconfig
fi
echo "test-deps: Chinese fonts ready"
