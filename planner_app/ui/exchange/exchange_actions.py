"""The Exchange menu: starter files, change packages, imports, conflicts.

Headquarters prepares a starter file for a post, imports the post's changes (after a
person has confirmed the key fingerprint of a new post) and sends updates back; a post
sends its changes and applies headquarters' updates. Every step is one call into
``planner_app.exchange``. The long ones (a merge, a package, a starter file) run on a
worker thread behind a progress dialog that can be cancelled (``background``): the
worker's database session is its own (``PlanFile`` sessions are per thread), and a
cancel changes nothing (the merge rolls back; no half-written file is left). After an
import or a decision the window reloads the plan: the new undo stack starts after the
merge, since the old one does not know the merged rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox

from planner_app.domain.enums import UnitKind
from planner_app.errors import PlannerError, UnknownKeyError
from planner_app.exchange import keys
from planner_app.exchange.changes import (
    HQ,
    POST,
    enrolled_unit_ids,
    not_yet_sent,
    role_of,
    write_changes,
)
from planner_app.exchange.describe import change_lines, refusal_lines
from planner_app.exchange.merge import MergeReport, merge_package
from planner_app.exchange.package import PACKAGE_SUFFIX, open_package
from planner_app.exchange.progress import ExchangeCancelledError, Progress
from planner_app.exchange.resync import write_resync
from planner_app.exchange.starter import write_starter
from planner_app.i18n import _
from planner_app.services.plans import plan_info
from planner_app.services.units import UnitInfo, load_units
from planner_app.storage.plan_file import PLAN_SUFFIX
from planner_app.ui.core import background
from planner_app.ui.core.context import WindowContext
from planner_app.ui.exchange.conflicts_view import ConflictsDialog
from planner_app.ui.exchange.exchange_dialogs import (
    FingerprintDialog,
    MergeSummaryDialog,
    NotYetSentDialog,
    StarterOptionsDialog,
)
from planner_app.ui.files.opening import show_error

if TYPE_CHECKING:
    from planner_app.storage import PlanFile

T = TypeVar("T")


@contextlib.contextmanager
def busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _package_filter() -> str:
    return _("Change packages ({pattern})").format(pattern="*" + PACKAGE_SUFFIX)


def _with_suffix(name: str, suffix: str) -> Path:
    return Path(name) if name.lower().endswith(suffix) else Path(name + suffix)


def _unit_label(unit: UnitInfo) -> str:
    name = next((v for v in unit.name.values() if v), "")
    return f"{unit.code} — {name}" if unit.code else name


class ExchangeActions(QObject):
    """The Exchange menu of one window (its ``WindowContext``); entries follow the file's
    role. GUI thread."""

    def __init__(self, context: WindowContext) -> None:
        window = context.widget
        super().__init__(window)
        self._context = context
        w = window
        self.prepare_action = QAction(_("&Prepare for a post…"), w)
        self.import_action = QAction(_("&Import changes…"), w)
        self.send_update_action = QAction(_("Send &update to post…"), w)
        self.resync_action = QAction(_("Send a &resync to post…"), w)
        self.resync_action.setToolTip(
            _("The post's part whole, after the two copies were found to differ")
        )
        self.send_changes_action = QAction(_("Send my &changes…"), w)
        self.apply_action = QAction(_("&Apply update…"), w)
        self.waiting_action = QAction(_("&Not yet sent…"), w)
        self.conflicts_action = QAction(_("C&onflicts…"), w)
        self.key_action = QAction(_("This computer's &key…"), w)
        self.prepare_action.triggered.connect(lambda: self.prepare_for_post())
        self.import_action.triggered.connect(lambda: self.import_package())
        self.send_update_action.triggered.connect(lambda: self.send_package())
        self.resync_action.triggered.connect(lambda: self.send_package(resync=True))
        self.send_changes_action.triggered.connect(lambda: self.send_package())
        self.apply_action.triggered.connect(lambda: self.import_package())
        self.waiting_action.triggered.connect(lambda: self.show_not_yet_sent())
        self.conflicts_action.triggered.connect(lambda: self.show_conflicts())
        self.key_action.triggered.connect(self.show_key)
        self.hq_actions = (
            self.prepare_action,
            self.import_action,
            self.send_update_action,
            self.resync_action,
        )
        self.post_actions = (self.send_changes_action, self.apply_action)

    def populate(self, menu: QMenu) -> None:
        for action in (*self.hq_actions, *self.post_actions):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.waiting_action, self.conflicts_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.key_action)
        menu.aboutToShow.connect(self.update_actions)
        self.update_actions()

    # --- state -----------------------------------------------------------------------

    def _plan_and_code(self) -> tuple[PlanFile, str] | None:
        """The open file and the code of the plan shown, or None."""
        store, plan_id = self._context.store, self._context.plan_id
        if store is None or plan_id is None:
            return None
        return store, plan_info(store, plan_id).code

    def role(self) -> str | None:
        store = self._context.store
        return role_of(store).name if store is not None else None

    def update_actions(self) -> None:
        store, role = self._context.store, self.role()
        shown = self._context.plan_id is not None
        writable = shown and store is not None and not store.readonly
        for action in self.hq_actions:
            action.setVisible(role != POST)
            action.setEnabled(role == HQ and shown)
        for action in self.post_actions:
            action.setVisible(role == POST)
            action.setEnabled(role == POST and shown)
        self.import_action.setEnabled(role == HQ and writable)
        self.prepare_action.setEnabled(role == HQ and writable)
        self.apply_action.setEnabled(role == POST and writable)
        self.waiting_action.setEnabled(shown)
        self.conflicts_action.setEnabled(shown)

    # --- choosing --------------------------------------------------------------------

    def _choose_unit(self, title: str, *, enrolled_only: bool) -> str | None:
        """A unit of the plan shown (posts first), by its code; None if cancelled."""
        store, plan_id = self._context.store, self._context.plan_id
        assert store is not None and plan_id is not None
        units = load_units(store, plan_id)
        if enrolled_only:
            enrolled = enrolled_unit_ids(store, plan_id)
            units = [u for u in units if u.id in enrolled]
            if not units:
                show_error(
                    self._context.widget,
                    _(
                        "No post has sent its first package yet: prepare a starter file for "
                        "it, then import its first package."
                    ),
                )
                return None
        units.sort(key=lambda u: (u.kind is not UnitKind.POST, _unit_label(u).casefold()))
        labels = [_unit_label(u) for u in units]
        label, ok = QInputDialog.getItem(self._context.widget, title, _("Post:"), labels, 0, False)
        if not ok or label not in labels:
            return None
        unit = units[labels.index(label)]
        return unit.code or next((v for v in unit.name.values() if v), "")

    def _save_path(self, title: str, start: Path, suffix: str, pattern: str) -> Path | None:
        name, _chosen = QFileDialog.getSaveFileName(
            self._context.widget, title, str(start), pattern
        )
        return _with_suffix(name, suffix) if name else None

    # --- the steps -------------------------------------------------------------------

    def _call(self, job: Callable[[], T]) -> T | None:
        """``job()`` under a busy cursor (a quick read); a refusal is shown and gives None."""
        try:
            with busy():
                return job()
        except PlannerError as err:
            show_error(self._context.widget, str(err))
            return None

    def _run(self, label: str, job: Callable[[Progress], T]) -> T | None:
        """``job(progress)`` on a worker thread behind a cancellable progress dialog; a
        refusal is shown and gives None, and so does a cancel (said in the status bar)."""
        kind, value = background.run_with_progress(
            self._context.widget,
            label,
            job,
            cancelled_by=(ExchangeCancelledError,),
            failure=_("The exchange step failed: {error}"),
        )
        if kind == "failed":
            show_error(self._context.widget, value)
            return None
        if kind == "cancelled":
            self._context.show_message(_("Cancelled; nothing was changed."))
            return None
        return value

    def prepare_for_post(self, unit: str | None = None, path: Path | None = None) -> Path | None:
        """Headquarters: a starter file for a post's unit; arguments skip the dialogs."""
        context = self._plan_and_code()
        if context is None:
            return None
        store, plan_code = context
        unit = unit or self._choose_unit(_("Prepare for a post"), enrolled_only=False)
        if not unit:
            return None
        include_hr = all_staffing = False
        if path is None:
            options = StarterOptionsDialog(unit, self._context.widget)
            if options.exec() != QDialog.DialogCode.Accepted:
                return None
            include_hr = options.hr_box.isChecked()
            all_staffing = options.staffing_box.isChecked()
            start = store.path.with_name(f"{plan_code}-{unit}{PLAN_SUFFIX}")
            path = self._save_path(
                _("Starter file for {unit}").format(unit=unit),
                start,
                PLAN_SUFFIX,
                _("Plan files ({pattern})").format(pattern="*" + PLAN_SUFFIX),
            )
            if path is None:
                return None
        starter = self._run(
            _("Writing the starter file for {unit}…").format(unit=unit),
            lambda progress: write_starter(
                store,
                path,
                unit_code=unit,
                plan_code=plan_code,
                include_hr=include_hr,
                all_staffing=all_staffing,
                progress=progress,
            ),
        )
        if starter is None:
            return None
        self._context.show_message(
            _(
                "Wrote the starter file {path} for {unit}; its first package will be refused "
                "until you accept its key."
            ).format(path=starter.path, unit=unit),
            15000,
        )
        return starter.path

    def send_package(
        self, unit: str | None = None, path: Path | None = None, *, resync: bool = False
    ) -> Path | None:
        """Write the changes the other side has not acknowledged: at headquarters for one
        post ("Send update to post…"), at a post for headquarters ("Send my changes…");
        ``resync``: headquarters sends the post's part whole ("Send a resync…")."""
        context = self._plan_and_code()
        if context is None:
            return None
        store, plan_code = context
        if self.role() == HQ and unit is None:
            title = _("Send a resync to post") if resync else _("Send update to post")
            unit = self._choose_unit(title, enrolled_only=True)
            if not unit:
                return None
        if path is None:
            stem = f"{plan_code}-{unit}" if unit else f"{plan_code}-{dt.date.today().isoformat()}"
            stem += "-resync" if resync else ""
            path = self._save_path(
                _("Save the package"),
                store.path.with_name(stem + PACKAGE_SUFFIX),
                PACKAGE_SUFFIX,
                _package_filter(),
            )
            if path is None:
                return None
        writer = write_resync if resync else write_changes
        written = self._run(
            _("Writing the package…"),
            lambda progress: writer(
                store, path, plan_code=plan_code, unit_code=unit, progress=progress
            ),
        )
        if written is None:
            return None
        message = (
            _("Wrote a resync of {n} row(s) to {path}.").format(
                n=written.changes, path=written.path
            )
            if resync
            else _("Wrote {n} change(s) (sequence {first}-{last}) to {path}.").format(
                n=written.changes, first=written.seq_from, last=written.seq_to, path=written.path
            )
            if written.changes
            else _(
                "Nothing new to send: wrote {path}, which only acknowledges what this file "
                "received."
            ).format(path=written.path)
        )
        self._context.show_message(message, 15000)
        return written.path

    def import_package(self, path: Path | None = None) -> MergeReport | None:
        """Apply a package ("Import changes…" at headquarters, "Apply update…" at a post).

        A post's first package (or one signed with a new key) is refused until a person
        accepts its fingerprint here; nothing is applied before that.
        """
        context = self._plan_and_code()
        if context is None:
            return None
        store, _plan_code = context
        if path is None:
            name, _chosen = QFileDialog.getOpenFileName(
                self._context.widget,
                _("Import a package"),
                str(store.path.parent),
                _package_filter(),
            )
            if not name:
                return None
            path = Path(name)
        self._context.commit_pending()  # a field being typed in reaches the file first
        report = self._merge(store, path, None)
        if isinstance(report, UnknownKeyError):
            if self.role() != HQ:  # a post trusts headquarters' key from its starter file only
                show_error(self._context.widget, str(report))
                return None
            if not self._accept_key(path, report):
                return None
            report = self._merge(store, path, report.fingerprint)
            if isinstance(report, UnknownKeyError):
                show_error(self._context.widget, str(report))
                return None
        if report is None:  # refused (shown) or cancelled: the file is as it was
            return None
        self._context.reload_plans()  # the views show the merge; undo starts after it
        self._summarise(store, report)
        return report

    def _merge(
        self, store: PlanFile, path: Path, accept_key: str | None
    ) -> MergeReport | UnknownKeyError | None:
        """The merge on a worker thread; an unknown key comes back as the error itself
        (its fingerprint is asked about here, on the GUI thread, before a second try)."""

        def job(progress: Progress) -> MergeReport | UnknownKeyError:
            try:
                return merge_package(store, path, accept_key=accept_key, progress=progress)
            except UnknownKeyError as err:
                return err

        return self._run(_("Importing {name}…").format(name=path.name), job)

    def _accept_key(self, path: Path, err: UnknownKeyError) -> bool:
        """Whether a person confirms the sender's fingerprint (compared by phone)."""
        sender = _("a post")
        with contextlib.suppress(PlannerError):
            header = open_package(path).header
            unit_id, plan_id = header.get("unit_id"), self._context.plan_id
            store = self._context.store
            if unit_id and plan_id is not None and store is not None:
                names = {str(u.id): _unit_label(u) for u in load_units(store, plan_id)}
                sender = names.get(str(unit_id), sender)
        dialog = FingerprintDialog(err.fingerprint, sender, path, self._context.widget)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _summarise(self, store: PlanFile, report: MergeReport) -> None:
        dialog = MergeSummaryDialog(
            report, refusal_lines(store, report.refused), self._context.widget
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and (report.undecided or report.notices):
            self.show_conflicts()

    def show_conflicts(self) -> ConflictsDialog | None:
        store, plan_id = self._context.store, self._context.plan_id
        if store is None:
            return None
        dialog = ConflictsDialog(store, plan_id, self._context.reload_plans, self._context.widget)
        dialog.exec()
        return dialog

    def show_not_yet_sent(self, unit: str | None = None) -> NotYetSentDialog | None:
        context = self._plan_and_code()
        if context is None:
            return None
        store, plan_code = context
        if self.role() == HQ and unit is None:
            unit = self._choose_unit(_("Not yet sent"), enrolled_only=True)
            if not unit:
                return None
        records = self._call(lambda: not_yet_sent(store, plan_code=plan_code, unit_code=unit))
        if records is None:
            return None
        to = unit if unit else _("headquarters")
        dialog = NotYetSentDialog(change_lines(store, records), to, self._context.widget)
        dialog.exec()
        return dialog

    def show_key(self) -> None:
        """This installation's fingerprint, for the other side to compare by phone."""
        try:
            fingerprint = keys.load_or_create().fingerprint
        except PlannerError as err:
            show_error(self._context.widget, str(err))
            return
        QMessageBox.information(
            self._context.widget,
            _("This computer's key"),
            _(
                "Read this fingerprint to headquarters when they import your first package:"
                "\n\n{fingerprint}"
            ).format(fingerprint=fingerprint),
        )
