"""A screen reader's view of the app, through AT-SPI (issue 32): under Xvfb, with Qt's
accessibility bridge on (QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1) and a private D-Bus session
with the accessibility bus, the main window, the objective tree and editor, the budget
grid, staffing, diversity, review and the dialogs each expose focusable elements, none
without a name, and the named control the step is about.

The checker runs as its own process under the system's /usr/bin/python3 (pyatspi is
Debian's python3-pyatspi, not on PyPI); scripts/system-deps.sh installs Xvfb, D-Bus,
at-spi2-core and python3-pyatspi for ``make test``. Every wait has a deadline: the
driver gives up after 120 s, the whole run is killed after 240 s.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "atspi"
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")


def _missing() -> list[str]:
    missing = [tool for tool in ("xvfb-run", "dbus-run-session") if shutil.which(tool) is None]
    if not any(Path(p).exists() for p in LAUNCHERS):
        missing.append("at-spi2-core")
    system = Path("/usr/bin/python3")
    if (
        not system.exists()
        or subprocess.run(
            [str(system), "-c", "import pyatspi"], capture_output=True, timeout=60
        ).returncode
    ):
        missing.append("python3-pyatspi")
    return missing


@pytest.mark.slow
def test_a_screen_reader_finds_every_view_and_dialog_named(tmp_path: Path):
    missing = _missing()
    if missing:
        pytest.skip("scripts/system-deps.sh test installs " + ", ".join(missing))
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        PLANNER_LANG="en",
        XDG_CONFIG_HOME=str(tmp_path / "config"),  # the window's settings stay here
        XDG_RUNTIME_DIR=str(tmp_path / "runtime"),
    )
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # its own session, never the tester's
    env.pop("AT_SPI_BUS_ADDRESS", None)
    (tmp_path / "runtime").mkdir(mode=0o700)
    command = [
        "xvfb-run",
        "-a",
        "-s",
        "-screen 0 1600x1000x24",
        "dbus-run-session",
        "--",
        str(HERE / "session.sh"),
        sys.executable,
        str(tmp_path),
        "120",
    ]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=240, start_new_session=True
    )
    steps = []
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            steps.append(json.loads(line))
    report = "\n".join(json.dumps(s) for s in steps) + "\n" + done.stderr[-3000:]
    assert done.returncode == 0, report
    checked = {s["step"]: s for s in steps if "step" in s}
    assert set(checked) == {
        "objectives",
        "plan",
        "diversity",
        "review",
        "budget",
        "staffing",
        "preferences",
        "history",
        "shortcuts",
        "chart figures",
    }, report
    for step in checked.values():
        assert step["ok"] and step["found"] and not step["unnamed"], report
        assert step["focusable"] > 5, report
