#!/usr/bin/env bash
# The Windows stage of .ci/run: build the Windows bundle under Wine, hold its zpb.exe to this
# machine's source on a Chinese (code page 936) and a Western (1252) Windows with
# tests/test_frozen.py, start 自评表.exe on a virtual display until its window shows, and build and
# check the setup (packaging/windows/setup.sh, packaging/wine/setup_check.sh).
# Usage: packaging/wine/ci.sh [LINUX_PYTHON]   (default .venv/bin/python; it runs the tests)
# Cached under ~/.cache/zpb-wine: Windows Python, wheels, the Wine prefix, the Windows venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY=${1:-.venv/bin/python}
t0=$(date +%s)
source packaging/wine/env.sh
echo "wine: environment ready in $(( $(date +%s) - t0 )) s"

exec 9>"$WROOT/ci.lock"; flock 9  # one Wine stage at a time per machine: they share the prefix

# the build: the same spec as Linux, with the locked Windows venv and our bootloaders; a bundle
# built from the same sources, spec, lock and bootloader source is reused from the cache (a change
# to any of them rebuilds it; the last three bundles are kept, for branches built in turn)
t1=$(date +%s)
key=$( (cat packaging/zpb.spec packaging/make_icon.py packaging/requirements-lock.txt pyproject.toml \
          packaging/wine/bootloader.sh packaging/wine/bootloader_std_handles.c
        find main.py model cli exporters importers ui -type f \( -name '*.py' -o -name '*.json' \) \
          | LC_ALL=C sort | xargs cat) | sha256sum | cut -c1-16)
rm -rf dist/windows build/pyinstaller-win
mkdir -p dist/windows build/pyinstaller-win
if [ -f "$WROOT/bundle-$key/zpb/zpb.exe" ]; then
  cp -a "$WROOT/bundle-$key/zpb" dist/windows/
  echo "wine: bundle $key from the cache"
else
  winrun "$WVENV/Scripts/python.exe" packaging/make_icon.py build/pyinstaller-win/zpb.ico >/dev/null
  # bootloaders that start whatever the standard handles are: under Wine a file (`>log.txt`) is a
  # handle CPython cannot start on (packaging/wine/bootloader_std_handles.c, packaging/README.md)
  ZPB_BOOTLOADER_DIR="Z:$(packaging/wine/bootloader.sh)"
  export ZPB_BOOTLOADER_DIR
  winrun "$WVENV/Scripts/python.exe" -m PyInstaller --noconfirm --log-level ERROR \
    --distpath dist/windows --workpath build/pyinstaller-win packaging/zpb.spec | grep -v '^$' || true
  [ -f dist/windows/zpb/zpb.exe ] && [ -f "dist/windows/zpb/自评表.exe" ] \
    || { echo "wine: the Windows build made no zpb.exe/自评表.exe" >&2; exit 1; }
  mkdir -p "$WROOT/bundle-$key"; cp -a dist/windows/zpb "$WROOT/bundle-$key/"
  ls -dt "$WROOT"/bundle-* | tail -n +4 | xargs rm -rf
fi
echo "wine: bundle ready in $(( $(date +%s) - t1 )) s, $(du -sm dist/windows/zpb | cut -f1) MB"

# the setup (packaging/windows/setup.sh, NSIS), built while the frozen tests run; cached with the bundle
setup_key=$( (echo "$key"; cat packaging/windows/setup.nsi packaging/windows/setup.sh) | sha256sum | cut -c1-16)
if [ -f "$WROOT/setup-$setup_key.exe" ]; then
  cp "$WROOT/setup-$setup_key.exe" dist/windows/zpb-setup.exe
  echo "wine: setup $setup_key from the cache"
  setup_build=""
else
  t2=$(date +%s)
  ( packaging/windows/setup.sh dist/windows/zpb dist/windows/zpb-setup.exe "$PY" >build/pyinstaller-win/setup.log 2>&1 \
    && rm -f "$WROOT"/setup-*.exe && cp dist/windows/zpb-setup.exe "$WROOT/setup-$setup_key.exe" \
    && echo "wine: setup built in $(( $(date +%s) - t2 )) s (beside the frozen tests)" ) &
  setup_build=$!
fi

# a virtual display: the window tests use Qt's real "windows" platform under Wine (its offscreen
# platform on Windows never finishes closing a window, so the program would not end)
display=:$(( 90 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'wineserver -k 2>/dev/null || true; kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$display

# the frozen smoke tests against the Linux source, on both code pages; the install folder is
# never written to (it is read-only under Program Files)
touch build/pyinstaller-win/built
for lang in zh_CN.UTF-8 en_US.UTF-8; do
  wineserver -k 2>/dev/null || true  # a new code page needs a new wineserver
  cp=$(LANG=$lang LC_ALL=$lang winrun "$WVENV/Scripts/python.exe" -c \
       "import locale; print(locale.getpreferredencoding(False))" | tr -d '\r')
  echo "wine: frozen tests on $lang (Windows code page $cp)"
  LANG=$lang LC_ALL=$lang CI=true ZPB_FROZEN="$ROOT/dist/windows/zpb" ZPB_FROZEN_RUN=wine \
    ZPB_FROZEN_QPA=windows "$PY" -m pytest -q -p no:cacheprovider tests/test_frozen.py -k "not window"
done

# the window as a clerk starts it, until a window titled 自评… shows (the test's window check is
# left to this: under Wine on a loaded machine a start now and then never gets its window up, so
# two more tries before the stage fails); its standard handles are files, as a script that logs
# starts it (`自评表.exe <in.txt >log.txt 2>&1`; zpb.exe's are in tests/test_frozen.py)
shown=""
for attempt in 1 2 3; do
  scratch=$(mktemp -d)
  echo 无 >"$scratch/in.txt"
  ZPB_DATA_DIR="$scratch" ZPB_CONFIG_DIR="$scratch" wine "dist/windows/zpb/自评表.exe" \
    <"$scratch/in.txt" >"$scratch/log.txt" 2>&1 &
  disown $!  # killed below by wineserver -k: no word of it in the log
  for _ in $(seq 90); do
    shown=$(xdotool search --name 自评 getwindowname %@ 2>/dev/null | head -n 1 || true)
    [ -n "$shown" ] && break
    sleep 1
  done
  [ -n "$shown" ] || echo "wine: try $attempt: no window titled 自评… in 90 s; windows shown:" \
    "$(xdotool search --name . getwindowname %@ 2>/dev/null | sort -u | tr '\n' '|'); log.txt: $(tail -c 800 "$scratch/log.txt")"
  wineserver -k 2>/dev/null || true
  rm -rf "$scratch"
  [ -n "$shown" ] && break
done
[ -n "$shown" ] || { echo "wine: 自评表.exe showed no window titled 自评…" >&2; exit 1; }
echo "wine: 自评表.exe <in.txt >log.txt 2>&1 shows its window: $shown"
written=$(find dist/windows/zpb -newer build/pyinstaller-win/built | head -n 5)
[ -z "$written" ] || { echo "wine: the program wrote into its install folder: $written" >&2; exit 1; }
[ ! -e dist/zpb/zpb ] || ZPB_FROZEN="$ROOT/dist/zpb" timeout 600 "$PY" bench/bench_frozen.py --windows \
  || echo "wine: the start-up benchmark did not finish (not a test: the stage goes on)"

# the setup a clerk and IT run: silent installs per user and for all users, shortcuts, registry,
# a project file opened through its association, upgrade, uninstall (packaging/wine/setup_check.sh)
if [ -n "$setup_build" ] && ! wait "$setup_build"; then
  cat build/pyinstaller-win/setup.log >&2; echo "wine: the setup was not built" >&2; exit 1
fi
echo "wine: setup dist/windows/zpb-setup.exe, $(du -m dist/windows/zpb-setup.exe | cut -f1) MB"
wineserver -k 2>/dev/null || true
packaging/wine/setup_check.sh dist/windows/zpb-setup.exe ${ZPB_SHOTS:-}
wineserver -k 2>/dev/null || true
echo "wine: Windows stage took $(( $(date +%s) - t0 )) s"
