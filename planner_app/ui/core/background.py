"""Long work off the GUI thread, behind a progress dialog the user can cancel.

Building the demo, exporting a workbook or a PDF and importing a workbook all take a
``job(progress)`` that calls ``progress(done, total)`` as it goes and stops (raising its
own cancelled error) when that returns False. ``run_with_progress`` runs such a job on
a ``BackgroundJob`` thread, shows the dialog, and waits in a local event loop, so the
caller reads like a plain function call. The job must open its own database session
(``PlanFile`` sessions are per thread).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from planner_app.errors import PlannerError
from planner_app.exporting.report import ExportCancelledError, Progress
from planner_app.i18n import _
from planner_app.storage import PlanFile

Job = Callable[[Progress], Any]


class BackgroundJob(QThread):
    """Runs ``job(progress)`` once. Reports ``progressed(done, total)``, then
    ``succeeded(result)``, ``failed(message)`` or ``cancelled()``; ``cancel()`` (any
    thread) makes the next progress call return False."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        job: Job,
        *,
        cancelled_by: tuple[type[BaseException], ...],
        failure: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._job = job
        self._cancelled_by = cancelled_by
        self._failure = failure  # "… {error}": the sentence for an unexpected error
        self._stop = False

    def cancel(self) -> None:
        self._stop = True

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except self._cancelled_by:
            self.cancelled.emit()
        except PlannerError as err:
            self.failed.emit(str(err))
        except Exception as err:  # a bug: details on stderr, one sentence for the user
            traceback.print_exc()
            self.failed.emit(self._failure.format(error=err))
        else:
            self.succeeded.emit(result)


def run_with_progress(
    parent: QWidget | None,
    label: str,
    job: Job,
    *,
    cancelled_by: tuple[type[BaseException], ...],
    failure: str,
    title: str | None = None,
    min_duration_ms: int = 300,
) -> tuple[str, Any]:
    """Run ``job`` with a cancellable progress dialog; ("done", result), ("failed",
    message) or ("cancelled", None)."""
    outcome: dict[str, Any] = {}
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title or _("Planner"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(min_duration_ms)
    thread = BackgroundJob(job, cancelled_by=cancelled_by, failure=failure)
    loop = QEventLoop()
    dialog.canceled.connect(thread.cancel)

    # A progress report the worker posted just before it ended can still be queued when
    # this call returns and the dialog is deleted; it would then reach a dead dialog in a
    # later event loop (a crash, seen in CI with two signings in a row). Reports are
    # dropped once this call is over.
    live = [True]

    def show_progress(done: int, total: int) -> None:
        if not live[0]:
            return
        dialog.setMaximum(total)
        dialog.setValue(min(done, total - 1) if total else 0)  # 100 % would close it

    thread.progressed.connect(show_progress)
    # The outcome is noted on the worker itself (a dict entry, no widget): it is there
    # once the thread has ended, however the loops below ended.
    direct = Qt.ConnectionType.DirectConnection
    thread.succeeded.connect(lambda result: outcome.setdefault("done", result), direct)
    thread.failed.connect(lambda message: outcome.setdefault("failed", message), direct)
    thread.cancelled.connect(lambda: outcome.setdefault("cancelled", None), direct)
    thread.finished.connect(loop.quit)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        thread.start()
        # Until the (modal) dialog shows, the window takes no input: an edit or a second
        # import typed then would meet the job's open transaction. Input waits in the
        # queue, delivered once the dialog blocks it or the job is done.
        unshown = QTimer(singleShot=True)
        unshown.timeout.connect(loop.quit)
        unshown.start(min_duration_ms)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        unshown.stop()
        if not thread.isFinished():
            dialog.forceShow()
            loop.exec()
        thread.wait()
    finally:
        live[0] = False
        thread.progressed.disconnect(show_progress)
        QApplication.restoreOverrideCursor()
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
        thread.deleteLater()
    kind = next(iter(outcome), "cancelled")
    return kind, outcome.get(kind)


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.critical(parent, _("Planner"), message)


def run_reading(
    parent: QWidget | None,
    store: PlanFile,
    work: Callable[[PlanFile, Progress], Any],
    *,
    label: str,
    failure: str,
    title: str,
) -> Any:
    """``run_with_progress`` for a job that reads the open file (a PDF's export or
    check): ``work(own, progress)`` gets its own read-only handle of it, as sessions
    belong to one thread. A failure is shown; the result, or None when cancelled or
    failed."""

    def job(progress: Progress) -> Any:
        with PlanFile.open(store.path, readonly=True) as own:
            return work(own, progress)

    kind, value = run_with_progress(
        parent, label, job, cancelled_by=(ExportCancelledError,), failure=failure, title=title
    )
    if kind == "failed":
        show_error(parent, str(value))
    return value if kind == "done" else None
