"""PySide6 6.12.0 drops a reference to ``None`` on every void Qt call and to ``True``
on every ``emit()``; on Python 3.11 a few thousand calls then abort the process
("none_dealloc", "bool_dealloc"), at exit or mid-session. Importing ``planner_app.ui``
installs the work-around; these tests run a child process that makes tens of thousands
of such calls and must end cleanly."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget
{setup}
class Emitter(QObject):
    moved = Signal(int)
app = QApplication([])
widget, emitter = QWidget(), Emitter()
for number in range(20_000):
    widget.setEnabled(True)
    emitter.moved.emit(number)
print("done")
"""


def run_child(setup: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", CHILD.format(setup=setup)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_twenty_thousand_qt_calls_end_cleanly_with_the_app_imported():
    result = run_child("import planner_app.ui")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"


def test_the_fault_is_real_here_or_harmless():
    """Without the work-around the same child aborts on an affected PySide6 and Python
    (so the test above proves something); elsewhere it ends cleanly too."""
    from planner_app.ui.core.refcount_fix import qt_calls_drop_references

    result = run_child("")
    affected = sys.version_info < (3, 12) and qt_calls_drop_references()
    if affected:
        assert result.returncode != 0 and "dealloc" in result.stderr
    else:
        assert result.returncode == 0


def test_installing_again_changes_nothing():
    import planner_app.ui  # noqa: F401
    from planner_app.ui.core.refcount_fix import install

    before = sys.getrefcount(None)
    assert not install()
    assert abs(sys.getrefcount(None) - before) < 1000  # not given a second 2**40
