"""A progress report still queued when a background job returns must not reach the
deleted dialog: CI crashed (a segfault) when two signings ran one after another.

The race, made certain here: the short wait before the dialog shows ends, and only then
does the worker post its last report and finish; ``run_with_progress`` sees the thread
done and returns with that report still queued."""

from __future__ import annotations

import threading
import time
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QProgressDialog

from planner_app.ui.core import background


class _Recording(QProgressDialog):
    """Notes every progress update that arrives after the dialog was let go."""

    late: ClassVar[list[int]] = []

    def deleteLater(self) -> None:
        self._gone = True
        super().deleteLater()

    def setMaximum(self, total: int) -> None:
        if getattr(self, "_gone", False):
            _Recording.late.append(total)
            return
        super().setMaximum(total)


def test_a_report_queued_at_the_end_is_dropped(qtbot, monkeypatch):
    go, ended = threading.Event(), threading.Event()

    class _RacingLoop(QEventLoop):
        def exec(self, *flags):  # the wait before the dialog shows, then the race
            result = super().exec(*flags)
            if flags:
                go.set()
                assert ended.wait(10)
                time.sleep(0.2)  # the thread's own end after its last line
            return result

    monkeypatch.setattr(background, "QProgressDialog", _Recording)
    monkeypatch.setattr(background, "QEventLoop", _RacingLoop)
    _Recording.late.clear()

    def job(progress):
        assert go.wait(10)
        progress(1, 2)
        ended.set()
        return "ok"

    kind, value = background.run_with_progress(
        None, "Working", job, cancelled_by=(), failure="{error}", min_duration_ms=10
    )
    assert (kind, value) == ("done", "ok")
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
    assert _Recording.late == []
