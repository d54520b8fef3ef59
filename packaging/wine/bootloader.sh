#!/usr/bin/env bash
# PyInstaller's Windows bootloaders (run.exe for zpb.exe, runw.exe for 自评表.exe) built from the
# locked PyInstaller's own source with bootloader_std_handles.c (why: see that file), by mingw-w64
# here; packaging/zpb.spec takes them from ZPB_BOOTLOADER_DIR. Prints the folder holding them.
# Cached in $WROOT/bootloader-<key> (PyInstaller's version, the patch, this script).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WROOT=${WROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/zpb-wine}
version=$(sed -n 's/^pyinstaller==\([0-9.]*\).*/\1/p' "$HERE/../requirements-lock.txt")
key=$( (echo "$version"; cat "$HERE/bootloader_std_handles.c" "$HERE/bootloader.sh") | sha256sum | cut -c1-12)
out=$WROOT/bootloader-$key
if [ ! -f "$out/run.exe" ] || [ ! -f "$out/runw.exe" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  python3 -m pip download -q --no-binary :all: --no-deps -d "$work" "pyinstaller==$version" >&2 2>/dev/null
  tar xzf "$work/pyinstaller-$version.tar.gz" -C "$work"
  src=$work/pyinstaller-$version/bootloader
  cp "$HERE/bootloader_std_handles.c" "$src/src/zpb_std_handles.inc"
  python3 - "$src/src/main.c" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace("#if defined(_WIN32)\n", '#if defined(_WIN32)\n#include "zpb_std_handles.inc"\n', 1)
store = "    /* Store arguments in global context structure. */\n"
assert text.count(store) >= 2, "main.c changed: see packaging/wine/bootloader.sh"
head, tail = text.split("#else /* defined(_WIN32) */", 1)
head = head.replace(store, "    zpb_relay_unnamed_std_handles();\n" + store)
assert head.count("zpb_relay_unnamed_std_handles();") == 2
open(path, "w", encoding="utf-8").write(head + "#else /* defined(_WIN32) */" + tail)
# mingw-w64 has libgen.h, so waf defines HAVE_DIRNAME/HAVE_BASENAME and pyi_path.c calls mingw's
# dirname()/basename() on the executable's UTF-8 path: they convert it with mbstowcs in the ANSI code
# page, and on a Chinese Windows (936) the UTF-8 bytes of 自评表.exe do not read as GBK, so dirname
# gives "." and the bootloader looks for .\_internal\python311.dll relative to the current folder
# ("Failed to load Python DLL", no window). MSVC has no libgen.h: its bootloader cuts at the last
# backslash, which is right for UTF-8. Do the same here.
path = path.replace("main.c", "pyi_path.c")
text = open(path, encoding="utf-8").read()
for name in ("DIRNAME", "BASENAME"):
    assert text.count(f"#ifndef HAVE_{name}\n") == 1, "pyi_path.c changed: see packaging/wine/bootloader.sh"
    text = text.replace(f"#ifndef HAVE_{name}\n", f"#if !defined(HAVE_{name}) || defined(_WIN32)\n")
open(path, "w", encoding="utf-8").write(text)
PY
  # the PE header fields of PyInstaller's MSVC-built bootloaders: Windows 6.0 (not mingw's 5.2, which
  # gets an XP-era window frame) and terminal-server aware (the bureau's remote desktops)
  (cd "$src" && CC=x86_64-w64-mingw32-gcc WINRC=x86_64-w64-mingw32-windres \
     LDFLAGS="-Wl,--tsaware -Wl,--major-subsystem-version,6,--minor-subsystem-version,0 -Wl,--major-os-version,6,--minor-os-version,0" \
     python3 ./waf configure \
     --target-arch=64bit && python3 ./waf -j2 build_release build_releasew) >"$work/waf.log" 2>&1 \
    || { tail -n 30 "$work/waf.log" >&2; echo "bootloader: the mingw build failed" >&2; exit 1; }
  rm -rf "$WROOT"/bootloader-*; mkdir -p "$out"
  cp "$src/build/release/run.exe" "$src/build/releasew/runw.exe" "$out/"
fi
echo "$out"
