#!/usr/bin/env bash
# The .deb for Debian-based desks (统信 UOS, 麒麟 Kylin, Debian): dist/zpb_<version>_<arch>.deb
# from the one-folder bundle that packaging/build.sh made in dist/zpb.
#   /opt/zpb/                the bundle (自评表 the window, zpb the command line)
#   /usr/bin/zpb             the command line, as zpb.exe on Windows (no arguments: the window)
#   /usr/share/applications/zpb.desktop      自评表 in the Office menu; opens .zpb.json/.zpbdept.json
#   /usr/share/mime/packages/zpb.xml         the two file types (shared-mime-info)
#   /usr/share/icons/hicolor/*/apps/zpb.png  the icon, drawn by packaging/make_icon.py
# No maintainer scripts: dpkg's triggers of shared-mime-info, desktop-file-utils and
# hicolor-icon-theme refresh their caches on install and on removal.
# Depends: the packages of every library the bundle links but does not carry (found with ldd and
# dpkg -S on the build machine, glibc at the newest symbol version used), fontconfig's
# configuration and a Chinese font.
# Usage: packaging/deb/build.sh [PYTHON]   (a Python with PySide6, for the icon; default .venv/bin/python)
set -euo pipefail
trap 'echo "deb: build.sh stopped at line $LINENO: $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/../.."
PY=${1:-.venv/bin/python}
BUNDLE=dist/zpb
[ -x "$BUNDLE/zpb" ] || { echo "deb: no Linux bundle in $BUNDLE (run packaging/build.sh first)" >&2; exit 1; }
VERSION=$(cat "$BUNDLE/_internal/VERSION")
ARCH=$(dpkg --print-architecture)
STAGE=build/deb/root
OUT=dist/zpb_${VERSION}_${ARCH}.deb
rm -rf build/deb "$OUT"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/mime/packages" "$STAGE/usr/share/doc/zpb"
cp -a "$BUNDLE" "$STAGE/opt/zpb"
ln -s ../../opt/zpb/zpb "$STAGE/usr/bin/zpb"
for size in 48 128 256; do
  mkdir -p "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps"
  "$PY" packaging/make_icon.py "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/zpb.png" "$size"
done

cat > "$STAGE/usr/share/applications/zpb.desktop" <<'DESKTOP'
[Desktop Entry]
Type=Application
Name=自评表
Name[zh_CN]=自评表
GenericName=Project spending performance self-assessment
GenericName[zh_CN]=项目支出绩效自评表
Comment=Fill, score, print and export the 项目支出绩效自评表
Comment[zh_CN]=填写、计分、打印和导出项目支出绩效自评表
Exec=/opt/zpb/自评表 %f
TryExec=/opt/zpb/自评表
Icon=zpb
Terminal=false
Categories=Office;
Keywords=绩效;自评;预算;performance;budget;
MimeType=application/x-zpb-project;application/x-zpb-department;
DESKTOP

cat > "$STAGE/usr/share/mime/packages/zpb.xml" <<'MIME'
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-zpb-project">
    <sub-class-of type="application/json"/>
    <comment>Project performance self-assessment</comment>
    <comment xml:lang="zh_CN">项目支出绩效自评表</comment>
    <icon name="zpb"/>
    <glob pattern="*.zpb.json" weight="80"/>
  </mime-type>
  <mime-type type="application/x-zpb-department">
    <sub-class-of type="application/json"/>
    <comment>Department performance self-assessment</comment>
    <comment xml:lang="zh_CN">部门整体绩效自评</comment>
    <icon name="zpb"/>
    <glob pattern="*.zpbdept.json" weight="80"/>
  </mime-type>
</mime-info>
MIME

cat > "$STAGE/usr/share/doc/zpb/copyright" <<'COPYRIGHT'
项目支出绩效自评表 (zpb): the program and the Python libraries, Qt (PySide6, LGPLv3) and
system libraries it carries under /opt/zpb/_internal, each under its own licence.
COPYRIGHT

# The desks' glibc: a system library the bundle carries that asks a newer glibc than GLIBC_FLOOR
# (packaging/deb/oldroot.sh sets 2.28, 统信 UOS V20's) is left to the desk, whose own build of it
# fits its glibc: it goes, and its package joins Depends below (ldd then finds it outside).
# Refused if no Debian package provides it.
glibc_of() { { objdump -T "$1" 2>/dev/null || true; } | { grep -o 'GLIBC_[0-9.]*' || true; } | sed 's/GLIBC_//' | sort -uV | tail -n 1; }
if [ -n "${GLIBC_FLOOR:-}" ]; then
  for lib in "$STAGE"/opt/zpb/_internal/lib*.so*; do
    need=$(glibc_of "$lib")
    [ -n "$need" ] && [ "$(printf '%s\n%s\n' "$need" "$GLIBC_FLOOR" | sort -V | tail -n 1)" != "$GLIBC_FLOOR" ] || continue
    name=$(basename "$lib")
    system=$(ldconfig -p | awk -v n="$name" '$1 == n && $NF ~ /^\// && !found {print $NF; found = 1}')
    package=$([ -n "$system" ] && dpkg -S "$(readlink -f "$system")" 2>/dev/null | cut -d: -f1 | head -n 1 || true)
    [ -n "$package" ] || { echo "deb: $name asks glibc $need (> $GLIBC_FLOOR) and no package provides it" >&2; exit 1; }
    rm "$lib"
    echo "deb: $name asks glibc $need: left to the desk's $package" >&2
  done
fi

# Depends: what the bundle links from outside itself
libs=$(find "$STAGE/opt/zpb" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
  | xargs -0 file | grep -a ':.*ELF' | cut -d: -f1)
external=$(for f in $libs; do LD_LIBRARY_PATH="$STAGE/opt/zpb/_internal" ldd "$f" 2>/dev/null; done \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$PWD/" | sort -u)
packages=$(for lib in $external; do dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib"; done \
  | cut -d: -f1 | sort -u | grep -vx libc6 || true)
glibc=$(for f in $libs; do glibc_of "$f"; done | sort -uV | tail -n 1)
depends="libc6 (>= $glibc)"
for p in $packages; do
  case $p in  # renamed by Debian 13 and Ubuntu 24.04's 64-bit time_t move
    libpng16-16) p="libpng16-16 | libpng16-16t64" ;;
  esac
  depends="$depends, $p"
done
depends="$depends, fontconfig-config, shared-mime-info, fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"

cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: zpb
Version: $VERSION
Architecture: $ARCH
Maintainer: zpb 项目组 <zpb@noreply.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: $depends
Recommends: desktop-file-utils, hicolor-icon-theme
Section: office
Priority: optional
Description: 项目支出绩效自评表 — fill, score, print and export the form
 A desktop program for Beijing district clerks' 项目支出绩效自评表: live execution-rate and
 score calculation, the district's Word/Excel layout on one A4 page, a unit's 汇总表 and the
 department's own self-assessment. The command line is zpb (zpb check/export/import/summary).
CONTROL
echo "deb: Depends: $depends" >&2
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$OUT" >/dev/null
echo "deb: $OUT, $(du -m "$OUT" | cut -f1) MB" >&2
echo "$PWD/$OUT"
