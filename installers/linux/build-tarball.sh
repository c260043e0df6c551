#!/usr/bin/env bash
# Build the Linux one-folder bundle with PyInstaller and pack it as a tarball a user
# unpacks and runs without root: planner-app-VERSION-linux-ARCH.tar.gz in dist/.
#
#   installers/linux/build-tarball.sh            (make dist does the same)
#
# The tarball holds planner-app/ (the bundle), the .desktop file, the AppStream
# metainfo, the MIME type, the icon and install.sh, which registers them for the
# current user under ~/.local (no administrator needed).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
cd "$root"
version="$("$python" -c 'import planner_app; print(planner_app.__version__)')"
arch="$(uname -m)"
work="$root/build/pyinstaller"
dist="$root/dist"
"$python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$dist" --workpath "$work" installers/pyinstaller/planner-app.spec
stage="$dist/planner-app-$version-linux-$arch"
rm -rf "$stage"
mkdir -p "$stage"
cp -a "$dist/planner-app" "$stage/planner-app"
cp installers/linux/be.planner_app.Planner.desktop \
   installers/linux/be.planner_app.Planner.metainfo.xml \
   installers/linux/be.planner_app.Planner.mime.xml \
   installers/linux/install.sh "$stage/"
cp resources/icons/planner-app-256.png "$stage/be.planner_app.Planner.png"
cp LICENSE "$stage/"
tar -C "$dist" -czf "$stage.tar.gz" "$(basename "$stage")"
echo "$stage.tar.gz"
