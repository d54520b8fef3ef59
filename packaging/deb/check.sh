#!/usr/bin/env bash
# The .deb as a desk gets it (a stage of .ci/run, as root): `apt-get install ./zpb_….deb`, the
# command line on the example, the window started by the desktop entry's Exec on a project file
# under Xvfb until it shows the project's 项目名称, the file types in the MIME and desktop
# databases; then `apt-get purge` and nothing of the package left in /opt, /usr or /etc.
# Usage: packaging/deb/check.sh DEB [SHOT.png]
set -euo pipefail
DEB=$(readlink -f "$1")
SHOT=${2:-}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
fail() { echo "deb check: $*" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$scratch"' EXIT
xvfb=""

if dpkg-query -W -f '${Status}' zpb 2>/dev/null | grep -q installed; then $SUDO apt-get purge -y -qq zpb >/dev/null; fi
snapshot() {  # a root without /opt gets it from the package, and loses it again on purge
  for dir in /opt /usr /etc; do [ ! -d "$dir" ] || find "$dir" -xdev; done 2>/dev/null | LC_ALL=C sort
}
snapshot > "$scratch/before"
t0=$(date +%s)
$SUDO apt-get install -y -qq "$DEB" >"$scratch/apt.log" 2>&1 || { cat "$scratch/apt.log" >&2; fail "apt-get install failed"; }
echo "deb check: installed in $(( $(date +%s) - t0 )) s ($(du -sm /opt/zpb | cut -f1) MB in /opt/zpb)"

# the command line, as a batch script calls it
[ "$(command -v zpb)" = /usr/bin/zpb ] || fail "zpb is not /usr/bin/zpb"
example="$scratch/示例 项目.zpb.json"
zpb new "$example" --example >/dev/null
zpb check "$example" > "$scratch/check.txt" || fail "zpb check of the example failed: $(cat "$scratch/check.txt")"
grep -q '总分：100' "$scratch/check.txt" || fail "zpb check did not print 总分：100"
echo "deb check: zpb check on the example: $(grep 总分 "$scratch/check.txt")"
# what a clerk hands in: Word and Excel, and the PDF printed with no display at all
zpb export "$example" --outdir "$scratch/out" >/dev/null 2>"$scratch/export.log" || fail "zpb export: $(cat "$scratch/export.log")"
for suffix in docx xlsx; do [ -s "$scratch/out/示例 项目.$suffix" ] || fail "zpb export wrote no .$suffix"; done
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM zpb export "$example" --pdf "$scratch/out/示例.pdf" \
  >/dev/null 2>"$scratch/export.log" || fail "zpb export --pdf: $(cat "$scratch/export.log")"
[ "$(head -c 5 "$scratch/out/示例.pdf")" = "%PDF-" ] || fail "zpb export --pdf wrote no PDF"
if command -v pdftotext >/dev/null; then
  pdftotext "$scratch/out/示例.pdf" - | grep -q '总分' || fail "the PDF has no 总分"
fi
echo "deb check: zpb export wrote .docx, .xlsx and a $(du -k "$scratch/out/示例.pdf" | cut -f1) KB PDF"

# the file types: the MIME database knows them, the desktop database opens them with zpb.desktop
grep -qx '80:application/x-zpb-project:\*.zpb.json' /usr/share/mime/globs2 || fail "*.zpb.json not in the MIME database"
grep -qx '80:application/x-zpb-department:\*.zpbdept.json' /usr/share/mime/globs2 || fail "*.zpbdept.json not in the MIME database"
if [ -f /usr/share/applications/mimeinfo.cache ]; then
  grep -qx 'application/x-zpb-project=zpb.desktop;' /usr/share/applications/mimeinfo.cache \
    || fail "the desktop database does not open .zpb.json with zpb.desktop"
fi
desktop=/usr/share/applications/zpb.desktop
grep -qx 'Name\[zh_CN\]=自评表' "$desktop" && grep -qx 'Categories=Office;' "$desktop" || fail "desktop entry"
command -v desktop-file-validate >/dev/null && { desktop-file-validate "$desktop" || fail "desktop-file-validate"; }
[ -f /usr/share/icons/hicolor/256x256/apps/zpb.png ] || fail "no icon"

# the window, as a double-click starts it: the entry's Exec with %f the project file, a fresh user
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
name=$(python3 -c 'import json,re,sys; print(re.escape(json.load(open(sys.argv[1]))["project"]["name"]))' "$example")
display=:$(( 300 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
mkdir -p "$scratch/home"
cmd=${exec_line//%f/\"$example\"}
t1=$(date +%s)
(cd "$scratch/home" && HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config" DISPLAY=$display \
   QT_QPA_PLATFORM=xcb eval "exec $cmd" </dev/null >"$scratch/window.log" 2>&1) &
app=$!
shown=""
for _ in $(seq 120); do
  shown=$(DISPLAY=$display xdotool search --name "$name" getwindowname %@ 2>/dev/null | head -n 1 || true)
  [ -n "$shown" ] && break
  kill -0 $app 2>/dev/null || break
  sleep 1
done
[ -n "$shown" ] || { cat "$scratch/window.log" >&2; fail "the desktop entry's Exec showed no window titled with the project's name"; }
echo "deb check: '$exec_line' shows '$shown' in $(( $(date +%s) - t1 )) s"
if [ -n "$SHOT" ]; then sleep 3; DISPLAY=$display import -window root "$SHOT" || true; fi
kill $app 2>/dev/null || true; wait $app 2>/dev/null || true

# removal: nothing of the package left (the shared caches are rebuilt without it)
t2=$(date +%s)
$SUDO apt-get purge -y -qq zpb >"$scratch/apt.log" 2>&1 || { cat "$scratch/apt.log" >&2; fail "apt-get purge failed"; }
echo "deb check: removed in $(( $(date +%s) - t2 )) s"
snapshot > "$scratch/after"
# new files owned by a dependency apt brought in are that package's; the caches its triggers
# write are checked for our names below (fontconfig's .uuid marks a font folder it has cached:
# fc-cache writes them when a font package comes in with us)
caches='^(/usr/share/applications/mimeinfo\.cache|/usr/share/icons/hicolor/icon-theme\.cache|/usr/share/mime/.*|/usr(/local)?/share/fonts(/.*)?/\.uuid)$'
left=$(LC_ALL=C comm -13 "$scratch/before" "$scratch/after" | { grep -Ev "$caches" || true; } | while read -r path; do
  dpkg -S "$path" >/dev/null 2>&1 || echo "$path"; done)
[ -z "$left" ] || fail "left after purge: $left"
[ ! -e /opt/zpb ] && [ ! -e /usr/bin/zpb ] || fail "/opt/zpb or /usr/bin/zpb left after purge"
if grep -rl 'zpb' /usr/share/mime /usr/share/applications/mimeinfo.cache 2>/dev/null; then
  fail "the MIME or desktop database still names zpb after purge"
fi
echo "deb check: purged, nothing left"
