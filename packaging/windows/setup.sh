#!/usr/bin/env bash
# Build the Windows setup, dist/windows/zpb-setup.exe, from a Windows one-folder bundle with NSIS
# (Debian's makensis here, NSIS's makensis.exe on a Windows runner); packaging/windows/setup.nsi
# says what it installs. Prints the setup's path last.
# Usage: packaging/windows/setup.sh BUNDLE_DIR [OUT.exe] [PYTHON]
#   PYTHON (with PySide6) draws the icon; default .venv/bin/python or .venv/Scripts/python.exe
set -euo pipefail
cd "$(dirname "$0")/../.."
BUNDLE=${1:?usage: setup.sh BUNDLE_DIR [OUT.exe] [PYTHON]}
OUT=${2:-dist/windows/zpb-setup.exe}
PY=${3:-}
[ -n "$PY" ] || { [ -x .venv/bin/python ] && PY=.venv/bin/python || PY=.venv/Scripts/python.exe; }
[ -f "$BUNDLE/zpb.exe" ] && [ -f "$BUNDLE/自评表.exe" ] || { echo "setup: no Windows bundle in $BUNDLE" >&2; exit 1; }
VERSION=$(cat "$BUNDLE/_internal/VERSION")
MAKENSIS=$(command -v makensis || true)
for candidate in "/c/Program Files (x86)/NSIS/makensis.exe" "/c/Program Files/NSIS/makensis.exe"; do
  [ -n "$MAKENSIS" ] || { [ -x "$candidate" ] && MAKENSIS=$candidate; } || true
done
[ -n "$MAKENSIS" ] || { echo "setup: makensis not found (Debian: apt-get install nsis)" >&2; exit 1; }
mkdir -p build/setup "$(dirname "$OUT")"
"$PY" packaging/make_icon.py build/setup/zpb.ico
native() {  # makensis.exe on Windows wants Windows paths
  if command -v cygpath >/dev/null; then cygpath -w "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
  else echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; fi
}
out_native=$(native "$OUT")
rm -f "$OUT"
"$MAKENSIS" -V2 -DVERSION="$VERSION" -DBUNDLE="$(native "$BUNDLE")" -DICON="$(native build/setup/zpb.ico)" \
  -DOUTFILE="$out_native" "$(native packaging/windows/setup.nsi)" >&2
[ -f "$OUT" ] || { echo "setup: makensis wrote no $OUT" >&2; exit 1; }
echo "setup: $OUT, $(du -m "$OUT" | cut -f1) MB, version $VERSION" >&2
echo "$OUT"
