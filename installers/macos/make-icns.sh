#!/usr/bin/env bash
# macOS only: build resources/icons/planner-app.icns from the SVG-rendered PNGs.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
set_dir="$(mktemp -d)/planner-app.iconset"
mkdir -p "$set_dir"
for size in 16 32 128 256; do
  sips -z $size $size "$root/resources/icons/planner-app-256.png" --out "$set_dir/icon_${size}x${size}.png" >/dev/null
  double=$((size * 2))
  sips -z $double $double "$root/resources/icons/planner-app-256.png" --out "$set_dir/icon_${size}x${size}@2x.png" >/dev/null
done
iconutil -c icns "$set_dir" -o "$root/resources/icons/planner-app.icns"
echo "$root/resources/icons/planner-app.icns"
