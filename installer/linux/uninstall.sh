#!/usr/bin/env bash
# Remove the program, its menu entry, icon and file type. Databases and backups stay where they are.
set -uo pipefail
data="${XDG_DATA_HOME:-$HOME/.local/share}"
rm -rf "$data/styrkort-app"
rm -f "$HOME/.local/bin/styrkort" "$data/applications/styrkort.desktop" \
      "$data/icons/hicolor/scalable/apps/styrkort.svg" \
      "$data/icons/hicolor/scalable/mimetypes/application-x-styrkort.svg" "$data/mime/packages/styrkort.xml"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
echo "Styrkort är avinstallerat. Dina databaser och säkerhetskopior finns kvar (till exempel i $data/Styrkort)."
