"""Opening a plan file or a new demo copy, with the questions and messages a user needs.

Shared by the bootstrap (``planner_app.app``) and the window's File menu. Every
``PlannerError`` becomes a message box with its sentence; nothing here raises one.
"""

from __future__ import annotations

import os
import traceback
import uuid
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from planner_app.errors import FileLockedError, PlannerError, ReadOnlyFileError
from planner_app.i18n import _
from planner_app.services.demo import BuildCancelledError, build_demo, default_demo_path
from planner_app.services.plans import find_plan, list_plans
from planner_app.storage import PlanFile


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.critical(parent, _("Planner"), message)


def _ask_read_only(parent: QWidget | None, message: str) -> bool:
    answer = QMessageBox.question(
        parent,
        _("Open read-only?"),
        message + "\n\n" + _("Open the file read-only?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def open_plan_file(parent: QWidget | None, path: Path, *, read_only: bool) -> PlanFile | None:
    """Open ``path``; offer read-only when it is locked or not writable. None if not opened."""
    try:
        return PlanFile.open(path, readonly=read_only)
    except (FileLockedError, ReadOnlyFileError) as err:
        can_read = not read_only and path.is_file() and os.access(path, os.R_OK)
        if not can_read:
            show_error(parent, str(err))
            return None
        if not _ask_read_only(parent, str(err)):
            return None
    except PlannerError as err:
        show_error(parent, str(err))
        return None
    try:
        return PlanFile.open(path, readonly=True)
    except PlannerError as err:
        show_error(parent, str(err))
        return None


def initial_plan_id(store: PlanFile, code: str | None) -> uuid.UUID | None:
    """The plan to show first: ``code`` (else PlanChoiceError listing the codes) or the first.

    Uses the same lookup as the command line, so the message matches.
    """
    if code is None:
        plans = list_plans(store)
        return plans[0].id if plans else None
    return find_plan(store, code).id


class DemoBuildThread(QThread):
    """Builds a new demo file off the GUI thread.

    Owns the target path; the builder opens and closes its own plan file on this
    thread. Reports ``progressed(done, total)`` while it works, then ``built(path)`` or
    ``failed(message)``; ``cancel()`` (from any thread) stops it and removes the file.
    """

    progressed = Signal(int, int)
    built = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._stop = False

    def cancel(self) -> None:
        self._stop = True

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop

    def run(self) -> None:
        try:
            build_demo(self._path, progress=self._progress)
        except BuildCancelledError:
            self.cancelled.emit()
        except PlannerError as err:
            self.failed.emit(str(err))
        except Exception as err:  # a bug: keep the details on stderr, tell the user
            traceback.print_exc()
            self.failed.emit(_("The demo plan could not be built: {error}").format(error=err))
        else:
            self.built.emit(str(self._path))


def build_demo_file(parent: QWidget | None) -> Path | None:
    """Build a new dated demo copy in the documents folder, showing progress.

    Returns its path, or None after telling the user why it failed.
    """
    try:
        target = default_demo_path()
    except OSError as err:
        show_error(parent, _("The documents folder cannot be used: {error}").format(error=err))
        return None
    result: dict[str, str] = {}
    dialog = QProgressDialog(_("Building the demo plan…"), _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(_("Planner"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    thread = DemoBuildThread(target)
    loop = QEventLoop()
    dialog.canceled.connect(thread.cancel)

    def show_progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    thread.progressed.connect(show_progress)
    thread.built.connect(lambda path: result.setdefault("path", path))
    thread.failed.connect(lambda message: result.setdefault("error", message))
    thread.cancelled.connect(lambda: result.setdefault("cancelled", "yes"))
    thread.finished.connect(loop.quit)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        dialog.show()
        thread.start()
        loop.exec()
        thread.wait()
    finally:
        QApplication.restoreOverrideCursor()
        dialog.close()
        dialog.deleteLater()
        thread.deleteLater()
    if "error" in result:
        show_error(parent, result["error"])
        return None
    if "cancelled" in result:
        return None
    return Path(result["path"])
