#!/usr/bin/env bash
# Run the built bundle as a planner's machine would: no Python on PATH, no venv, an empty
# environment (env -i), a fresh HOME, no display (Qt's offscreen platform). Exits non-zero at
# the first step that fails, naming it.
set -euo pipefail
bundle="$(cd "${1:?usage: dist_check.sh BUNDLE_DIR [ARCHIVE]}" && pwd)"
archive="${2:-}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT

# The Kolada file: ../shared/data beside the clone (CI), or the nearest shared/data above it.
kolada=""
dir="$root"
while [ "$dir" != "/" ]; do
    dir="$(dirname "$dir")"
    if [ -f "$dir/shared/data/kolada/kolada_u21468_by_kommun_year_total.csv" ]; then
        kolada="$dir/shared/data/kolada/kolada_u21468_by_kommun_year_total.csv"; break
    fi
done
[ -n "$kolada" ] || { echo "dist-check: shared/data/kolada not found above $root" >&2; exit 1; }

run() {  # the bundle with nothing but a HOME and the offscreen platform
    env -i HOME="$home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$bundle/styrkort" "$@"
}
step() { printf 'dist-check: %-42s' "$1"; }
ok() { echo "ok${1:+ ($1)}"; }

step "--version"; out="$(run --version)"; grep -q "Styrkort" <<<"$out" || { echo "$out"; exit 1; }; ok "$(head -1 <<<"$out")"
db="$home/Dokument/prov.styrkort"
mkdir -p "$home/Dokument"
step "demo"; run demo --db "$db" >/dev/null; ok
step "check"; run check --db "$db" >/dev/null; ok
step "pack"; run pack --db "$db" "$home/pack.pdf" >/dev/null
head -c 5 "$home/pack.pdf" | grep -q '%PDF-' || { echo "no PDF written"; exit 1; }; ok "$(du -h "$home/pack.pdf" | cut -f1)"
step "import (Kolada, $(basename "$kolada"))"; run import --db "$db" --create-missing --closed-periods "$kolada" >/dev/null; ok
step "refused input: exit 2, one line, no traceback"
set +e; err="$(run import --db "$db" "$home/pack.pdf" 2>&1 >/dev/null)"; code=$?; set -e
if [ "$code" != 2 ] || grep -q Traceback <<<"$err"; then echo "exit $code: $err"; exit 1; fi; ok

stays_up() {  # the window opens and is still running after 8 s; nothing on stderr looks like a crash
    set +e; run "$@" 2>"$home/stderr.txt"; code=$?; set -e
    if [ "$code" != 124 ] || grep -qi "traceback\|error" "$home/stderr.txt"; then
        echo "exit $code"; cat "$home/stderr.txt"; exit 1
    fi
    # An unexpected error in the window (a page that failed to load, say) is logged, not printed;
    # Qt's warnings (the offscreen platform's about window hints) are logged too and are harmless.
    if grep -qE "Traceback|Error|Exception" "$home/.local/share/Styrkort/logs/styrkort.log" 2>/dev/null; then
        echo "errors logged:"; cat "$home/.local/share/Styrkort/logs/styrkort.log"; exit 1
    fi
}
step "window on the database stays up (8 s)"
run() { env -i HOME="$home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen timeout 8 "$bundle/styrkort" "$@"; }
stays_up --db "$db"; ok
step "first start (no database yet) stays up (8 s)"
rm -rf "$home/.local" "$home/.config"; stays_up; ok

if [ -n "$archive" ] && [ -f "$archive" ]; then
    step "archive: install.sh as a new user"
    mkdir -p "$home/unpacked"; tar -C "$home/unpacked" -xzf "$archive"
    env -i HOME="$home" PATH=/usr/bin:/bin "$home"/unpacked/*/install.sh >/dev/null
    for f in .local/share/applications/styrkort.desktop .local/share/mime/packages/styrkort.xml \
             .local/share/icons/hicolor/scalable/apps/styrkort.svg .local/bin/styrkort; do
        [ -e "$home/$f" ] || { echo "missing ~/$f"; exit 1; }
    done
    env -i HOME="$home" QT_QPA_PLATFORM=offscreen "$home/.local/bin/styrkort" --version >/dev/null; ok
fi
echo "dist-check: all passed"
