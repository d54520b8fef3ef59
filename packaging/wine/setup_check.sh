#!/usr/bin/env bash
# The Windows setup as a clerk and IT run it, under Wine (a stage of packaging/wine/ci.sh, which
# sources env.sh and starts the virtual display first):
#  1. per user, silent (/S): files, .lnk shortcuts, registry entries (wine reg query), the
#     installed zpb.exe; a project file opened by its registered command shows a window titled
#     with its 项目名称; installing again over it (an upgrade) keeps the clerk's settings;
#  2. the silent uninstall named in 应用和功能 (QuietUninstallString): the program, shortcuts and
#     registry entries gone, the clerk's file, settings and recovery copies kept, nothing else left;
#  3. for all users (/S /ALLUSERS): Program Files, and the file opened by double-click's own
#     route (ShellExecute: `wine start FILE`) shows its window; uninstalled the same way.
# Wine 8's HKEY_CLASSES_ROOT holds only HKLM's classes, so ShellExecute does not see per-user
# (HKCU) associations under Wine: step 1 follows the registry from .json to the command as Windows
# does, step 3 lets Wine's ShellExecute do it.
# Usage: packaging/wine/setup_check.sh SETUP.exe [SCREENSHOT_DIR]
set -euo pipefail
SETUP=$(readlink -f "$1")
SHOTS=${2:-}
export WINEDLLOVERRIDES="winemenubuilder.exe=d"  # no Linux menu entries or MIME types for the .lnk files
fail() { echo "setup check: $*" >&2; exit 1; }
reg_value() {  # KEY VALUE → the data ('' when absent); wine reg prints in the console's code page
  wine reg query "$1" /v "$2" </dev/null 2>/dev/null | iconv -f gbk -t utf-8 | tr -d '\r' \
    | sed -n "s/^ *$2 \{1,\}REG_[A-Z_]* \{1,\}//p" | head -n 1 || true
}
reg_default() {
  wine reg query "$1" /ve </dev/null 2>/dev/null | iconv -f gbk -t utf-8 | tr -d '\r' \
    | sed -n 's/^ *([^)]*) \{1,\}REG_[A-Z_]* \{1,\}//p' | head -n 1 || true
}
has_key() { wine reg query "$1" </dev/null >/dev/null 2>&1; }
has_value() { wine reg query "$1" /v "$2" </dev/null >/dev/null 2>&1; }
unix() { winepath -u "$1" 2>/dev/null; }
settle() { wineserver -w; }  # every Wine process of this prefix ended (the uninstaller runs a copy of itself)
wait_window() {  # NAME_REGEX → the window's title, '' after 90 s
  local shown=""
  for _ in $(seq 90); do
    shown=$(xdotool search --name "$1" getwindowname %@ 2>/dev/null | head -n 1 || true)
    [ -n "$shown" ] && break
    sleep 1
  done
  echo "$shown"
}
UNINST='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\zpb'
UNINST_ALL='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\zpb'
C=$(readlink -f "$WINEPREFIX/drive_c")
PROFILE=$(readlink -f "$(unix "$(wine cmd /c echo %USERPROFILE% </dev/null 2>/dev/null | tr -d '\r')")")
LOCAL=$PROFILE/AppData/Local
PROGRAMS=$PROFILE/AppData/Roaming/Microsoft/Windows/Start\ Menu/Programs
[ -d "$LOCAL" ] || fail "no user profile in the Wine prefix ($PROFILE)"
# Wine links the profile's Desktop to the Linux home: a real folder, so shortcuts stay in the prefix
[ -L "$PROFILE/Desktop" ] && { rm "$PROFILE/Desktop"; mkdir "$PROFILE/Desktop"; }
# a setup left by an interrupted run goes first
for key in "$UNINST" "$UNINST_ALL"; do
  quiet=$(reg_value "$key" QuietUninstallString)
  [ -z "$quiet" ] || { eval "wine $quiet" </dev/null >/dev/null 2>&1 || true; settle; }
done
had_settings=no; has_key 'HKCU\Software\zpb' && had_settings=yes
snapshot() { find "$C" -xdev \( -path "$C/windows" -o -path "$C/users/*/AppData/Local/Temp" -o -path "$C/users/*/Temp" \) -prune -o -print | LC_ALL=C sort; }
snapshot > /tmp/zpb-setup-before.$$
trap 'rm -f /tmp/zpb-setup-before.$$ /tmp/zpb-setup-after.$$' EXIT

# 1. per user, silent
t0=$(date +%s)
wine "$SETUP" /S </dev/null >/dev/null 2>&1 || fail "the silent per-user install exited $?"
settle
echo "setup check: per-user silent install in $(( $(date +%s) - t0 )) s"
DIR=$LOCAL/Programs/自评表
for f in 自评表.exe zpb.exe uninstall.exe _internal/VERSION; do [ -e "$DIR/$f" ] || fail "not installed: $DIR/$f"; done
for lnk in "$PROGRAMS/自评表.lnk" "$PROFILE/Desktop/自评表.lnk"; do
  [ -f "$lnk" ] || fail "no shortcut $lnk"
done
version=$(cat "$DIR/_internal/VERSION")
[ "$(reg_value "$UNINST" DisplayName)" = 项目支出绩效自评表 ] || fail "应用和功能: DisplayName"
[ "$(reg_value "$UNINST" DisplayVersion)" = "$version" ] || fail "应用和功能: DisplayVersion"
[ -n "$(reg_value "$UNINST" Publisher)" ] || fail "应用和功能: no Publisher"
quiet=$(reg_value "$UNINST" QuietUninstallString)
[[ $quiet == *'\Programs\自评表\uninstall.exe" /S' ]] || fail "应用和功能: QuietUninstallString is '$quiet'"
[ "$(reg_default 'HKCU\Software\Classes\.json')" = zpb.File ] || fail ".json is not opened by zpb.File (this prefix has no other .json program)"
has_key 'HKCU\Software\Classes\.json\OpenWithProgids' || fail ".json: 自评表 not in 打开方式"
for ext in .docx .xlsx; do
  has_value "HKCU\\Software\\Classes\\$ext\\OpenWithProgids" zpb.Form || fail "$ext: 自评表 not in 打开方式"
  [ "$(reg_default "HKCU\\Software\\Classes\\$ext")" != zpb.Form ] || fail "$ext made to open with 自评表 by default"
done
got=$(wine "$DIR/zpb.exe" --version </dev/null 2>&1 | tr -d '\r' | cat)
[ "$got" = "zpb $version" ] || fail "the installed zpb.exe says '$got'"
echo "setup check: files, shortcuts (Start menu, desktop), 应用和功能 ($version), .json/.docx/.xlsx entries in place"

# a project file opened by its association: .json → zpb.File → its open command, %1 the file
work=$C/zpb-check
rm -rf "$work"; mkdir -p "$work"
wine "$DIR/zpb.exe" new 'C:\zpb-check\例 子.zpb.json' --example </dev/null 2>&1 | cat >/dev/null
[ -f "$work/例 子.zpb.json" ] || fail "the installed zpb.exe wrote no project"
name=$(python3 -c 'import json,re,sys; print(re.escape(json.load(open(sys.argv[1]))["project"]["name"]))' "$work/例 子.zpb.json")
progid=$(reg_default 'HKCU\Software\Classes\.json')
command=$(reg_default "HKCU\\Software\\Classes\\$progid\\shell\\open\\command")
exe=$(sed -n 's/^"\([^"]*\)" "%1"$/\1/p' <<< "$command")
[ -n "$exe" ] || fail "the open command is not '\"PROGRAM\" \"%1\"': $command"
t1=$(date +%s)
wine "$exe" 'C:\zpb-check\例 子.zpb.json' </dev/null >/dev/null 2>&1 &
shown=$(wait_window "$name")
[ -n "$shown" ] || fail "the file opened by its association showed no window titled with its 项目名称"
echo "setup check: 例 子.zpb.json opened by its association shows '$shown' in $(( $(date +%s) - t1 )) s"
[ -z "$SHOTS" ] || import -window root "$SHOTS/setup-association.png" || true
wineserver -k 2>/dev/null || true; settle
# the clerk's things: the window's settings (HKCU\Software\zpb) and a recovery copy
recovery=$LOCAL/zpb/项目支出绩效自评表/recovery
mkdir -p "$recovery"; cp "$work/例 子.zpb.json" "$recovery/留存.zpb.json"
has_key 'HKCU\Software\zpb\项目支出绩效自评表' || fail "the window kept no settings"

# an upgrade over the installed version: the settings and recovery copies stay
t2=$(date +%s)
wine "$SETUP" /S </dev/null >/dev/null 2>&1 || fail "installing over the installed version exited $?"
settle
[ -f "$DIR/自评表.exe" ] && has_key 'HKCU\Software\zpb\项目支出绩效自评表' && [ -f "$recovery/留存.zpb.json" ] \
  || fail "installing over the installed version lost the program, the settings or a recovery copy"
echo "setup check: installed again over it in $(( $(date +%s) - t2 )) s, settings and recovery copies kept"

# 2. the silent uninstall 应用和功能 names
t3=$(date +%s)
eval "wine $quiet" </dev/null >/dev/null 2>&1 || fail "the silent uninstall exited $?"
settle
echo "setup check: silent uninstall in $(( $(date +%s) - t3 )) s"
[ ! -e "$DIR" ] || fail "left after uninstall: $(ls -A "$DIR")"
[ ! -e "$PROGRAMS/自评表.lnk" ] && [ ! -e "$PROFILE/Desktop/自评表.lnk" ] || fail "a shortcut left after uninstall"
for key in "$UNINST" 'HKCU\Software\Classes\zpb.File' 'HKCU\Software\Classes\zpb.Form' \
           'HKCU\Software\Classes\Applications\自评表.exe'; do
  ! has_key "$key" || fail "registry key left after uninstall: $key"
done
[ -z "$(reg_default 'HKCU\Software\Classes\.json')" ] || fail ".json still opens with 自评表 after uninstall"
for ext in .json .docx .xlsx; do
  ! has_value "HKCU\\Software\\Classes\\$ext\\OpenWithProgids" zpb.File \
    && ! has_value "HKCU\\Software\\Classes\\$ext\\OpenWithProgids" zpb.Form || fail "$ext: 打开方式 entry left"
done
[ -f "$work/例 子.zpb.json" ] && [ -f "$recovery/留存.zpb.json" ] && has_key 'HKCU\Software\zpb\项目支出绩效自评表' \
  || fail "the uninstall removed the clerk's file, settings or recovery copies"
snapshot > /tmp/zpb-setup-after.$$
left=$(LC_ALL=C comm -13 /tmp/zpb-setup-before.$$ /tmp/zpb-setup-after.$$ \
  | grep -v -e "^$work" -e "^$LOCAL/zpb" -e "^$LOCAL/Programs\$" || true)
[ -z "$left" ] || fail "left after uninstall besides the clerk's: $left"
echo "setup check: uninstalled: program, shortcuts and registry entries gone; the clerk's file, settings and recovery copies kept"

# 3. for all users (IT), a double-click's route
t4=$(date +%s)
wine "$SETUP" /S /ALLUSERS </dev/null >/dev/null 2>&1 || fail "the silent all-users install exited $?"
settle
echo "setup check: all-users silent install in $(( $(date +%s) - t4 )) s"
ALL=$C/Program\ Files/自评表
[ -f "$ALL/自评表.exe" ] || fail "/ALLUSERS did not install into Program Files"
[ -f "$C/ProgramData/Microsoft/Windows/Start Menu/Programs/自评表.lnk" ] || fail "/ALLUSERS: no Start-menu shortcut for all users"
t5=$(date +%s)
wine start 'C:\zpb-check\例 子.zpb.json' </dev/null >/dev/null 2>&1 &
shown=$(wait_window "$name")
[ -n "$shown" ] || fail "'wine start' on the project file (ShellExecute) showed no window"
echo "setup check: ShellExecute on 例 子.zpb.json shows '$shown' in $(( $(date +%s) - t5 )) s"
wineserver -k 2>/dev/null || true; settle
quiet=$(reg_value "$UNINST_ALL" QuietUninstallString)
eval "wine $quiet" </dev/null >/dev/null 2>&1 || fail "the silent all-users uninstall exited $?"
settle
[ ! -e "$ALL" ] && ! has_key "$UNINST_ALL" && ! has_key 'HKLM\Software\Classes\zpb.File' \
  || fail "the all-users uninstall left the program or its registry entries"
echo "setup check: all-users uninstall clean"

# the clerk's things made here go (this prefix is shared by later runs)
rm -rf "$work" "$LOCAL/zpb"; rmdir "$LOCAL/Programs" 2>/dev/null || true
[ "$had_settings" = yes ] || wine reg delete 'HKCU\Software\zpb' /f </dev/null >/dev/null 2>&1 || true
settle
