#!/usr/bin/env bash
# Build the one-folder bundle into dist/zpb/ and print the windowed program's path last.
# Usage: packaging/build.sh [python]   (default: .venv/bin/python, else python3)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-}
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python
  elif [ -x .venv/Scripts/python.exe ]; then PY=.venv/Scripts/python.exe
  else PY=python3; fi
fi
"$PY" -m pip install -q -r packaging/requirements-lock.txt >&2  # PyInstaller and all, pinned
mkdir -p build/pyinstaller
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) icon=build/pyinstaller/zpb.ico ;; *) icon=build/pyinstaller/zpb.png ;; esac
"$PY" packaging/make_icon.py "$icon" >&2
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/zpb.spec >&2
find dist/zpb -xtype l -delete 2>/dev/null || true  # links to the Qt modules left out
exe=dist/zpb/自评表
[ -e "$exe.exe" ] && exe="$exe.exe"
[ -e "$exe" ] || { echo "build failed: $exe not found" >&2; exit 1; }
du -sh dist/zpb >&2
echo "$(pwd)/$exe"
