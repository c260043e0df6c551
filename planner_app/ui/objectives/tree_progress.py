"""What the objective tree shows of progress: each SD's and OD's progress from below
(its roll-up, ``services.rollup``) beside its own status, and each objective's own
milestones overdue, both judged today.

The tree's rows are read without them (a large plan's first paint must not wait for its
indicators' values); this reads them once the tree is shown, and again once a burst of
edits that may move them is over, then asks the tree to repaint the two columns. A plan
of more than ``THREAD_ABOVE`` objectives is read on a worker thread (a 10,000-objective
plan takes about a second), which touches no Qt object: the GUI thread polls for its
result and drops it if another read was asked for meanwhile.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer

from planner_app.domain.enums import ObjectiveLevel, Status
from planner_app.formatting import format_date, format_number
from planner_app.i18n import _, current_language, ngettext
from planner_app.services.progress_read import plan_progress
from planner_app.services.reference import today
from planner_app.services.rollup import PlanProgress, RollUp
from planner_app.services.rollup_words import lines
from planner_app.storage import PlanFile
from planner_app.ui.core.labels import status_label
from planner_app.ui.core.status_icons import status_icon

SETTLE_MS = 150  # a burst of edits (typing values, ticking milestones) reads once
THREAD_ABOVE = 1500  # objectives; a smaller plan is read at once (a few ms)
POLL_MS = 40  # how often the GUI thread looks for a worker's result

_worker: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    global _worker
    if _worker is None:
        _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tree-progress")
    return _worker


def _read(store: PlanFile, plan_id: uuid.UUID, at: dt.date) -> PlanProgress | None:
    """One read (any thread: ``store.read()`` gives each thread its own session)."""
    try:
        return plan_progress(store, plan_id, at)
    except Exception:  # the plan or file went away meanwhile: nothing shown
        return None


class TreeProgress(QObject):
    """Owns the last ``PlanProgress`` read for the tree's plan and the timer that reads
    it again. ``repaint`` is called (with no argument) after each read. GUI thread."""

    def __init__(
        self,
        repaint: Callable[[], None],
        size: Callable[[], int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._repaint = repaint
        self._size = size  # how many objectives the plan has
        self._progress: PlanProgress | None = None
        self._target: tuple[PlanFile, uuid.UUID] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start)
        self._running: Future | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)

    def schedule(
        self, store: PlanFile | None, plan_id: uuid.UUID | None, *, soon: bool = False
    ) -> None:
        """Read the progress of this plan once the event loop is free (``soon``: after a
        short pause, so that a burst of edits reads once). ``None``: forget it."""
        if store is None or plan_id is None:
            self._target, self._progress, self._running = None, None, None
            self._timer.stop()
            self._poll.stop()
            return
        if self._target != (store, plan_id):
            self._progress = None  # another plan: nothing of the last one stays shown
        self._target = (store, plan_id)
        self._timer.start(SETTLE_MS if soon else 0)

    def read_now(self) -> None:
        """Read now, on this thread (tests call it to skip the wait)."""
        self._timer.stop()
        self._poll.stop()
        self._running = None
        if self._target is None:
            return
        self._progress = _read(*self._target, today())
        self._repaint()

    def _start(self) -> None:
        if self._target is None:
            return
        if self._size() <= THREAD_ABOVE:
            self.read_now()
            return
        self._running = _pool().submit(_read, *self._target, today())
        self._poll.start()

    def _collect(self) -> None:
        running = self._running
        if running is None:
            self._poll.stop()
            return
        if not running.done():
            return
        self._poll.stop()
        self._running = None
        self._progress = running.result()
        self._repaint()

    @property
    def pending(self) -> bool:
        """A read is asked for or under way."""
        return self._timer.isActive() or self._running is not None

    @property
    def at(self) -> dt.date | None:
        return self._progress.at if self._progress is not None else None

    # --- what a row shows ----------------------------------------------------------------

    def rollup(self, objective_id: uuid.UUID | None, level: ObjectiveLevel | None) -> RollUp | None:
        """The roll-up of an SD or OD (an initiative's own status is the one it has)."""
        if self._progress is None or objective_id is None or level is ObjectiveLevel.INITIATIVE:
            return None
        found = self._progress.rollups.get(objective_id)
        return found if found is not None and found.verdict is not None else None

    def verdict(
        self, objective_id: uuid.UUID | None, level: ObjectiveLevel | None
    ) -> Status | None:
        found = self.rollup(objective_id, level)
        return found.verdict if found is not None else None

    def progress_text(self, objective_id: uuid.UUID | None, level: ObjectiveLevel | None) -> str:
        """What the narrow column shows beside the verdict's shape: the initiatives done
        of those counted ("6/6"), else the milestones done, else nothing (the word is in
        the tooltip and what a screen reader says)."""
        found = self.rollup(objective_id, level)
        if found is None:
            return ""
        lang = current_language()
        if found.counted:
            done, total = found.initiatives.get(Status.DONE, 0), found.counted
        elif found.milestones_total:
            done, total = found.milestones_done, found.milestones_total
        else:
            return ""
        return f"{format_number(done, lang)}/{format_number(total, lang)}"

    def spoken(self, objective_id: uuid.UUID | None, level: ObjectiveLevel | None) -> str:
        """The verdict's word and the counts: "Done, 6/6"."""
        verdict = self.verdict(objective_id, level)
        if verdict is None:
            return ""
        counts = self.progress_text(objective_id, level)
        return f"{status_label(verdict)}, {counts}" if counts else status_label(verdict)

    def progress_tooltip(
        self, objective_id: uuid.UUID | None, level: ObjectiveLevel | None
    ) -> str | None:
        found = self.rollup(objective_id, level)
        if found is None:
            return None
        head = _("Progress from below, today: {word}").format(word=status_label(found.verdict))
        return "\n".join([head, *lines(found, _, current_language())])

    def overdue(self, objective_id: uuid.UUID | None) -> tuple[dt.date, ...]:
        """The due days of the objective's own milestones overdue today."""
        if self._progress is None or objective_id is None:
            return ()
        return tuple(self._progress.overdue.get(objective_id, ()))

    def overdue_text(self, objective_id: uuid.UUID | None) -> str:
        """ "2 overdue" (empty when none is)."""
        count = len(self.overdue(objective_id))
        if not count:
            return ""
        return _("{count} overdue").format(count=format_number(count, current_language()))

    def overdue_tooltip(self, objective_id: uuid.UUID | None) -> str:
        days = self.overdue(objective_id)
        if not days:
            return ""
        lang = current_language()
        return ngettext(
            "{count} milestone overdue, due by {days}",
            "{count} milestones overdue, due by {days}",
            len(days),
        ).format(
            count=format_number(len(days), lang),
            days=", ".join(format_date(d, lang) for d in days),
        )

    # --- cells -----------------------------------------------------------------------------

    def any_shown(self) -> bool:
        """Whether some SD or OD has a roll-up to show (True until the first read)."""
        if self._progress is None:
            return True
        return any(r.verdict is not None for r in self._progress.rollups.values())

    def progress_cell(
        self, objective_id: uuid.UUID | None, level: ObjectiveLevel | None, role: int
    ) -> Any:
        """The progress column's data: the verdict's word and counts, its shape."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self.progress_text(objective_id, level)
        if role == Qt.ItemDataRole.DecorationRole:
            verdict = self.verdict(objective_id, level)
            return status_icon(verdict) if verdict is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.progress_tooltip(objective_id, level)
        return None

    def milestones_cell(self, objective_id: uuid.UUID | None, counts: str, role: int) -> Any:
        """The milestones column's data: "done/total", and the overdue ones, with the
        delayed status's shape (never colour alone)."""
        late = self.overdue_text(objective_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{counts} · {late}" if late and counts else counts
        if role == Qt.ItemDataRole.DecorationRole and late:
            return status_icon(Status.DELAYED)
        return None
