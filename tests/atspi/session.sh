#!/bin/sh
# Inside xvfb-run and dbus-run-session: start the accessibility bus, then the driver
# (arguments: the venv's python, OUT_DIR, TIMEOUT). The bus launcher ends with the
# session; it is killed here too, so nothing outlives the test.
launcher=/usr/libexec/at-spi-bus-launcher
[ -x "$launcher" ] || launcher=/usr/lib/at-spi2-core/at-spi-bus-launcher
"$launcher" --launch-immediately &
bus=$!
python="$1"; shift
"$python" "$(dirname "$0")/driver.py" "$@"
code=$?
kill "$bus" 2>/dev/null
exit "$code"
