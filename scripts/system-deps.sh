#!/usr/bin/env bash
# Install the Debian/Ubuntu libraries Qt needs (offscreen and on a desktop), when we can;
# with "test", also the tools the export tests check PDFs and workbooks with
# (pdftotext/pdffonts/pdfsig, qpdf --check, LibreOffice Calc recalculating exported totals)
# SoftHSM2, the PKCS#11 token the signing tests put their test keys on, and Xvfb, D-Bus,
# at-spi2-core and python3-pyatspi for the screen-reader test.
# Safe to run again: apt-get skips what is there. Without root or sudo it only advises.
set -eu
packages=(
  python3-venv libgl1 libegl1 libopengl0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0
  libxcb-xfixes0 libxcb-xkb1 libx11-xcb1 libxrender1 libxi6 fonts-dejavu-core
  libwayland-cursor0 libwayland-egl1
)
if [ "${1:-}" = "test" ]; then
  packages+=(poppler-utils qpdf libreoffice-calc-nogui softhsm2)
  # the screen-reader test (tests/test_atspi.py): a virtual X server, a D-Bus session,
  # the accessibility bus and Debian's pyatspi for the system python3
  packages+=(xvfb xauth dbus at-spi2-core python3-pyatspi)
fi
command -v apt-get >/dev/null 2>&1 || { echo "system-deps: not a Debian system; skipping"; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo"; else
  echo "system-deps: please install: ${missing[*]}" >&2; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
