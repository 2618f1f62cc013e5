#!/usr/bin/env bash
# Install Styrkort for this user (no administrator rights): the program in
# ~/.local/share/styrkort-app, a menu entry, the icon, the file type (.styrkort) and a
# `styrkort` command in ~/.local/bin. Running it again updates the program; the databases
# (in ~/.local/share/Styrkort and wherever you saved them) are never touched.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
app="$data/styrkort-app"
bin="$HOME/.local/bin"

rm -rf "$app.new"
cp -a "$here/styrkort" "$app.new"
rm -rf "$app"
mv "$app.new" "$app"
mkdir -p "$bin" "$data/applications" "$data/icons/hicolor/scalable/apps" \
         "$data/icons/hicolor/scalable/mimetypes" "$data/mime/packages"
ln -sf "$app/styrkort" "$bin/styrkort"
install -m 644 "$here/styrkort.svg" "$data/icons/hicolor/scalable/apps/styrkort.svg"
install -m 644 "$here/styrkort.svg" "$data/icons/hicolor/scalable/mimetypes/application-x-styrkort.svg"
install -m 644 "$here/styrkort-mime.xml" "$data/mime/packages/styrkort.xml"
sed -e "s|^Exec=.*|Exec=\"$app/styrkort\" %f|" -e "s|^TryExec=.*|TryExec=$app/styrkort|" \
    "$here/styrkort.desktop" > "$data/applications/styrkort.desktop"
chmod 644 "$data/applications/styrkort.desktop"

# The desktop's caches; each tool is optional (a bare system may lack them).
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" >/dev/null 2>&1 || true
command -v xdg-mime >/dev/null && xdg-mime default styrkort.desktop application/x-styrkort >/dev/null 2>&1 || true

echo "Styrkort är installerat: välj Styrkort i programmenyn (eller kör $bin/styrkort)."
