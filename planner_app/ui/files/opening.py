"""Opening a plan file or a new demo copy, with the questions and messages a user needs.

Shared by the bootstrap (``planner_app.app``) and the window's File menu. Every
``PlannerError`` becomes a message box with its sentence; nothing here raises one.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from planner_app.errors import FileLockedError, PlannerError, ReadOnlyFileError
from planner_app.exporting.report import Progress
from planner_app.i18n import _
from planner_app.services.plans import find_plan, list_plans
from planner_app.storage import PlanFile
from planner_app.ui.core.background import run_with_progress, show_error


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


def build_demo(target: Path, *, progress: Progress | None = None) -> Path:
    """``services.demo.build_demo``, imported when a demo is first built: it pulls in
    every service the demo is made with, which opening a file does not need."""
    from planner_app.services import demo

    return demo.build_demo(target, progress=progress)


def build_demo_file(parent: QWidget | None) -> Path | None:
    """Build a new dated demo copy in the documents folder, showing progress.

    Returns its path, or None after telling the user why it failed.
    """
    from planner_app.services.demo import BuildCancelledError, default_demo_path

    try:
        target = default_demo_path()
    except OSError as err:
        show_error(parent, _("The documents folder cannot be used: {error}").format(error=err))
        return None
    kind, value = run_with_progress(
        parent,
        _("Building the demo plan…"),
        lambda progress: build_demo(target, progress=progress),
        cancelled_by=(BuildCancelledError,),
        failure=_("The demo plan could not be built: {error}"),
        min_duration_ms=0,
    )
    if kind == "failed":
        show_error(parent, value)
    return target if kind == "done" else None
