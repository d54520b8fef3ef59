#!/usr/bin/env bash
# The .deb's bundle built on an old glibc, so that it installs on 统信 UOS V20 (Debian 10, glibc
# 2.28) and 麒麟 V10 (Ubuntu 20.04, glibc 2.31) as well as on Debian 12, not only on this machine's
# glibc 2.36. Needs root (debootstrap, chroot) and Debian's archive; run by .ci/run.
#
#   packaging/deb/oldroot.sh bundle   build/oldroot/zpb: the one-folder bundle built in the root
#   packaging/deb/oldroot.sh deb      the bundle, then packed by packaging/deb/build.sh inside the
#                                     root (Depends named by Debian 11's packages) into dist/;
#                                     prints the .deb's path last
#   packaging/deb/oldroot.sh check DEB   packaging/deb/check.sh inside a fresh Debian 11 root
#   packaging/deb/oldroot.sh lock     prints the lock file the root installs (Qt at QT_OLD)
#
# The root: Debian 11 (bullseye, glibc 2.31; Debian 10 is no longer on the archive) with CPython
# 3.11 built in it from Debian 12's python3.11 source package (upstream 3.11.2 and Debian's
# security fixes, not Debian's layout patches), every C file compiled with glibc_compat.h so it
# asks no glibc symbol newer than 2.28; then the locked libraries in a venv, with PySide6 at
# QT_OLD: PySide6 6.10 and later publish x86_64 wheels only for glibc >= 2.34 (manylinux_2_34),
# 6.9.3 is the newest built for glibc 2.28.
# Cached under ~/.cache/zpb-oldroot: the root with its Python (keyed by the recipe below), the venv
# (keyed by the lock), the test root and the .debs its installs downloaded.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
CACHE=${ZPB_OLDROOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zpb-oldroot}
SUITE=bullseye
QT_OLD=6.9.3
GLIBC_FLOOR=2.28                # 统信 UOS V20's: what packaging/deb/build.sh holds the bundle to
PYSRC=python3.11/bookworm       # apt-get source: the newest python3.11 of Debian 12
PYPREFIX=/opt/python3.11
BUILD_PACKAGES="build-essential dpkg-dev file xz-utils patch ca-certificates
  libffi-dev zlib1g-dev libbz2-dev liblzma-dev uuid-dev libssl-dev
  libgl1 libegl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libcups2
  libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxext6 libxrender1 libsm6 libice6
  libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0
  libxcb-xinerama0 libxcb-xkb1 libxcb-util1"
TEST_PACKAGES="xvfb xauth xdotool python3 desktop-file-utils imagemagick poppler-utils"
# sem_clockwait is glibc 2.30 (CPython falls back to sem_timedwait); a chroot has no /dev/shm
# for configure to find POSIX semaphores working (cli/parallel.py's process pool needs them)
CONFIGURE="--prefix=$PYPREFIX --enable-shared --with-ensurepip=install LDFLAGS=-Wl,-rpath,$PYPREFIX/lib
  CFLAGS=-include/opt/glibc_compat.h ac_cv_func_sem_clockwait=no ac_cv_posix_semaphores_enabled=yes"
# Debian's fix for CVE-2026-4224 uses a core header in pyexpat.c, which Debian builds into the
# interpreter; built as a module it needs what upstream's later pyexpat.c says first
PYEXPAT_FIX='#ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif'


LOCK=$(sed -E "s/^(pyside6-essentials|shiboken6)==[^ ;]*/\1==$QT_OLD/" packaging/requirements-lock.txt)
if [ "${1:-}" = lock ]; then echo "$LOCK"; exit 0; fi  # the .deb's versions (.ci/run tests the window on them)
log() { echo "oldroot: $*" >&2; }
mkdir -p "$CACHE"
exec 9>"$CACHE/lock"; flock 9  # one at a time per machine: they share the roots
mirror=$(apt-get indextargets --format '$(SITE)' 2>/dev/null | grep -v -- '-security$' | grep '/debian$' | sed -n 1p || true)
security=$(apt-get indextargets --format '$(SITE)' 2>/dev/null | grep -- '-security$' | sed -n 1p || true)
[ -n "$mirror" ] && [ -n "$security" ] || { log "no Debian archive in this machine's apt sources"; exit 1; }
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null

root_key=$(echo "$SUITE $BUILD_PACKAGES" | sha256sum | cut -c1-12)
python_key=$( (echo "$PYSRC $PYPREFIX $CONFIGURE $PYEXPAT_FIX"; cat packaging/deb/glibc_compat.h) | sha256sum | cut -c1-12)
ROOT=$CACHE/root-$root_key
lock_key=$(echo "$LOCK" | sha256sum | cut -c1-12)
VENV=/opt/venv

mounted() { grep -q " $1/proc " /proc/mounts; }
enter() {  # enter ROOT COMMAND...: run a shell command in the root, /proc mounted
  local root=$1; shift
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mounted "$root" || mount -t proc proc "$root/proc"
  local rc=0
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    PATH=$PYPREFIX/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PIP_CERT=/etc/ssl/certs/zpb-host.crt PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_DEFAULT_TIMEOUT=180 \
    /bin/bash -euo pipefail -c "$*" || rc=$?
  umount "$root/proc" 2>/dev/null || true
  return $rc
}
remove_root() {  # never delete through a mount
  [ -d "$1" ] || return 0
  if mounted "$1"; then umount "$1/proc"; fi
  if grep -q " $1/" /proc/mounts; then log "$1 still has mounts, not removed"; exit 1; fi
  rm -rf "$1"
}
sources() {  # sources ROOT: Debian 11 and its security updates (+ Debian 12's sources for Python)
  cat > "$1/etc/apt/sources.list" <<SOURCES
deb $mirror $SUITE main
deb $mirror $SUITE-updates main
deb $security $SUITE-security main
SOURCES
  cp /etc/ssl/certs/ca-certificates.crt "$1/etc/ssl/certs/zpb-host.crt" 2>/dev/null \
    || { mkdir -p "$1/etc/ssl/certs"; cp /etc/ssl/certs/ca-certificates.crt "$1/etc/ssl/certs/zpb-host.crt"; }
}
debootstrap_into() {
  local dir=$1
  remove_root "$dir"
  mkdir -p "$CACHE"
  nice -n 10 debootstrap --variant=minbase "$SUITE" "$dir" "$mirror" >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -n 20 "$CACHE/debootstrap.log" >&2; log "debootstrap failed"; exit 1; }
  sources "$dir"
}

build_root() {  # the root (once per package list) with its Python (once per recipe)
  [ "$(cat "$ROOT/.python-ok" 2>/dev/null)" = "$python_key" ] && return 0
  local t0; t0=$(date +%s)
  for old in "$CACHE"/root-*; do [ "$old" = "$ROOT" ] || remove_root "$old"; done
  if [ ! -f "$ROOT/.root-ok" ]; then
    log "debootstrap $SUITE into $ROOT"
    debootstrap_into "$ROOT"
    cp /usr/share/keyrings/debian-archive-keyring.gpg "$ROOT/etc/apt/zpb-debian.gpg"  # Debian 12's keys
    echo "deb-src [signed-by=/etc/apt/zpb-debian.gpg] $mirror bookworm main" >> "$ROOT/etc/apt/sources.list"
    echo "deb-src [signed-by=/etc/apt/zpb-debian.gpg] $security bookworm-security main" >> "$ROOT/etc/apt/sources.list"
    enter "$ROOT" "apt-get update -qq && apt-get install -y -qq --no-install-recommends $(echo $BUILD_PACKAGES) >/dev/null 2>&1"
    touch "$ROOT/.root-ok"
    log "root ready in $(( $(date +%s) - t0 )) s"
  fi
  log "building CPython ($PYSRC) in the root"
  rm -rf "$ROOT$PYPREFIX" "$ROOT$VENV" "$ROOT/.python-ok"
  cp packaging/deb/glibc_compat.h "$ROOT/opt/glibc_compat.h"
  # upstream's tree with Debian's fixes from shutdown-deadlock.diff on (the patches before it
  # are Debian's own file layout, which a relocatable bundle must not have)
  enter "$ROOT" "rm -rf /build && mkdir /build && cd /build && apt-get source -qq --download-only $PYSRC >/dev/null 2>&1 \
    && tar xzf python3.11_*.orig.tar.gz && mkdir deb && tar xJf python3.11_*.debian.tar.xz -C deb \
    && cd Python-3.11.* && sed -n '/^shutdown-deadlock.diff/,\$p' ../deb/debian/patches/series | grep -v '^#' \
       | while read -r p; do patch -p1 -s --forward < ../deb/debian/patches/\$p; done \
    && sed -i '1i $PYEXPAT_FIX' Modules/pyexpat.c \
    && nice -n 10 ./configure -q $(echo $CONFIGURE) >/dev/null \
    && nice -n 10 make -s -j2 >/build/make.log 2>&1 && make -s install >/build/install.log 2>&1 \
    && $PYPREFIX/bin/python3.11 -c 'import ctypes, lzma, bz2, zlib, uuid, ssl, math, pyexpat, _elementtree, multiprocessing.synchronize' \
    && rm -rf /build" \
    || { tail -n 30 "$ROOT/build/make.log" >&2 2>/dev/null; log "CPython build failed"; exit 1; }
  echo "$python_key" > "$ROOT/.python-ok"
  log "root with CPython built in $(( $(date +%s) - t0 )) s"
}

build_venv() {  # the locked libraries (Qt at QT_OLD): once per lock
  [ "$(cat "$ROOT$VENV/lock" 2>/dev/null)" = "$lock_key" ] && return 0
  local t0; t0=$(date +%s)
  rm -rf "$ROOT$VENV"
  echo "$LOCK" > "$ROOT/opt/requirements-lock.txt"
  enter "$ROOT" "$PYPREFIX/bin/python3.11 -m venv $VENV && $VENV/bin/pip install -q -r /opt/requirements-lock.txt"
  echo "$lock_key" > "$ROOT$VENV/lock"
  log "venv (PySide6 $QT_OLD) in $(( $(date +%s) - t0 )) s"
}

copy_sources() {  # the checkout's sources into the root's /src (no venv, no builds)
  rm -rf "$ROOT/src"; mkdir -p "$ROOT/src"
  # only what git would keep (tracked, or new and not ignored): .ci/run builds this beside mypy and
  # the tests, whose caches (.mypy_cache, .pytest_cache, .hypothesis) change while tar reads them
  if git -C "$REPO" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$REPO" && git ls-files -z --cached --others --exclude-standard \
       | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
       | tar --null -T - -cf -) | tar -C "$ROOT/src" -xf -
  else
    tar -C "$REPO" --exclude=./.venv --exclude=./.git --exclude=./dist --exclude=./build \
      --exclude=./.mypy_cache --exclude=./.pytest_cache --exclude=./.hypothesis \
      --exclude='*/__pycache__' -cf - . | tar -C "$ROOT/src" -xf -
  fi
  echo "$LOCK" > "$ROOT/src/packaging/requirements-lock.txt"  # what packaging/build.sh installs: Qt at QT_OLD
}

bundle() {
    build_root; build_venv; copy_sources
    t0=$(date +%s)
    enter "$ROOT" "cd /src && nice -n 10 packaging/build.sh $VENV/bin/python >/src/build.log 2>&1" \
      || { tail -n 30 "$ROOT/src/build.log" >&2; log "PyInstaller failed in the root"; exit 1; }
    rm -rf build/oldroot; mkdir -p build/oldroot
    cp -a "$ROOT/src/dist/zpb" build/oldroot/zpb
    log "bundle built in the $SUITE root in $(( $(date +%s) - t0 )) s: build/oldroot/zpb, $(du -sm build/oldroot/zpb | cut -f1) MB"
}

case "${1:-}" in
  bundle) bundle ;;
  deb)
    bundle
    enter "$ROOT" "cd /src && GLIBC_FLOOR=$GLIBC_FLOOR packaging/deb/build.sh $VENV/bin/python >/src/deb.out 2>/src/deb.log" \
      || { cat "$ROOT/src/deb.log" >&2; log "packing the .deb failed in the root"; exit 1; }
    cat "$ROOT/src/deb.log" >&2
    deb=$(tail -n 1 "$ROOT/src/deb.out"); deb=${deb#/src/}
    mkdir -p dist; cp "$ROOT/src/$deb" "dist/"
    echo "$REPO/dist/$(basename "$deb")"
    ;;
  check)
    deb=$(readlink -f "${2:?usage: oldroot.sh check DEB [SHOT.png]}")
    shot=${3:-}
    TROOT=$CACHE/test-$( (echo "$SUITE $TEST_PACKAGES") | sha256sum | cut -c1-12)
    if [ ! -f "$TROOT/.ok" ]; then
      for old in "$CACHE"/test-*; do [ "$old" = "$TROOT" ] || remove_root "$old"; done
      log "debootstrap a clean $SUITE for the check into $TROOT"
      debootstrap_into "$TROOT"
      enter "$TROOT" "apt-get update -qq && apt-get install -y -qq --no-install-recommends $TEST_PACKAGES >/dev/null 2>&1 && apt-get clean"
      touch "$TROOT/.ok"
    fi
    # a throwaway copy of the clean root each time (apt's downloads kept beside it)
    T=$CACHE/check; remove_root "$T"
    cp -a "$TROOT" "$T"
    mkdir -p "$CACHE/archives"; cp "$CACHE"/archives/*.deb "$T/var/cache/apt/archives/" 2>/dev/null || true
    mkdir -p "$T/check"; cp "$deb" "$T/check/"; cp packaging/deb/check.sh "$T/check/"
    log "apt install, run and purge $(basename "$deb") in a clean $SUITE root (glibc $(chroot "$T" ldd --version | sed -n '1s/.* //p'))"
    rc=0
    enter "$T" "apt-get update -qq && bash /check/check.sh /check/$(basename "$deb") ${shot:+/check/shot.png}" || rc=$?
    cp "$T"/var/cache/apt/archives/*.deb "$CACHE/archives/" 2>/dev/null || true
    [ -z "$shot" ] || cp "$T/check/shot.png" "$shot" 2>/dev/null || true
    remove_root "$T"
    exit $rc
    ;;
  *) echo "usage: $0 bundle | deb | check DEB [SHOT.png] | lock" >&2; exit 2 ;;
esac
