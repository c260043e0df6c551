#!/usr/bin/env bash
# Install Planner for the current user (no administrator): the bundle goes to
# ~/.local/lib/planner-app, the command to ~/.local/bin, and the menu entry, icon and
# .plan file type to ~/.local/share. Run it again to upgrade; --uninstall removes it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
lib="$HOME/.local/lib/planner-app"
bin="$HOME/.local/bin"
id=be.planner_app.Planner
if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$lib" "$bin/planner-app" "$data/applications/$id.desktop" \
    "$data/metainfo/$id.metainfo.xml" "$data/mime/packages/$id.xml" \
    "$data/icons/hicolor/256x256/apps/$id.png"
else
  rm -rf "$lib"
  mkdir -p "$lib" "$bin" "$data/applications" "$data/metainfo" "$data/mime/packages" \
    "$data/icons/hicolor/256x256/apps"
  cp -a "$here/planner-app/." "$lib/"
  ln -sf "$lib/planner-app" "$bin/planner-app"
  cp "$here/$id.desktop" "$data/applications/"
  cp "$here/$id.metainfo.xml" "$data/metainfo/"
  cp "$here/$id.mime.xml" "$data/mime/packages/$id.xml"
  cp "$here/$id.png" "$data/icons/hicolor/256x256/apps/"
fi
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "Planner ${1:+un}installed for $USER."
