#!/usr/bin/env bash
# Pack the bundle with its install script: styrkort-<version>-linux-x86_64.tar.gz holds one folder
# styrkort-<version>/ with the program (styrkort/), install.sh, uninstall.sh and what they install.
set -euo pipefail
bundle="${1:?usage: make_archive.sh BUNDLE_DIR ARCHIVE}"
archive="${2:?usage: make_archive.sh BUNDLE_DIR ARCHIVE}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
name="$(basename "$archive" -linux-x86_64.tar.gz)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name"
cp -a "$bundle" "$stage/$name/styrkort"
cp "$here/install.sh" "$here/uninstall.sh" "$here/styrkort-mime.xml" "$root/installer/styrkort.desktop" \
   "$root/resources/icons/styrkort.svg" "$stage/$name/"
cp "$here/README.txt" "$stage/$name/LÄS MIG.txt"
tar -C "$stage" -czf "$archive" "$name"
echo "$archive: $(du -h "$archive" | cut -f1)"
