#!/usr/bin/env bash
# Fetch the libxcb pieces Qt's xcb platform plugin needs but a bare Debian desktop may lack,
# so that the bundle carries them (Debian packages, unpacked without installing anything).
# Usage: xcb_libs.sh OUTDIR. Without apt (or offline) it says so and the bundle goes without:
# the program then names the missing packages itself when it starts.
set -uo pipefail
out="${1:?usage: xcb_libs.sh OUTDIR}"
packages="libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxkbcommon-x11-0 libxcb-util1"
mkdir -p "$out"
if ls "$out"/*.so* >/dev/null 2>&1; then exit 0; fi
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || {
    echo "xcb_libs.sh: no apt-get/dpkg-deb here; the bundle relies on the system's libxcb packages" >&2; exit 0; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && timeout 180 apt-get download $packages >/dev/null 2>&1); then
    echo "xcb_libs.sh: could not download $packages; the bundle relies on the system's packages" >&2; exit 0
fi
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
# The soname links (libxcb-icccm.so.4), dereferenced: one real file each under the name ld looks for.
find "$work/root" -type l -name '*.so.[0-9]' -exec cp -L {} "$out"/ \;
echo "xcb_libs.sh: bundling $(ls "$out" | tr '\n' ' ')"
