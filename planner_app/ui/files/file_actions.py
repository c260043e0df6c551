"""The File menu: new plans, opening, recent files, copies, backups, closing, quitting.

``FileActions`` owns the menu's actions and the dialogs they open; the window owns the
open file and shows it (``set_plan_file``, ``open_path``, ``close_file``), which the
actions reach through a ``WindowContext``, not the window itself.
"""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox

from planner_app.domain.enums import PlanKind
from planner_app.errors import PlannerError
from planner_app.i18n import _, current_language, system_language
from planner_app.services.operational_plan import create_from_strategic
from planner_app.services.plans import create_plan, list_plans, plan_info
from planner_app.storage import PlanFile, backups
from planner_app.storage.locations import documents_dir
from planner_app.ui.core.context import WindowContext
from planner_app.ui.core.settings import WindowSettings
from planner_app.ui.files.backup_dialog import RestoreBackupDialog
from planner_app.ui.files.new_plan_dialog import NewPlanDialog, NewPlanValues
from planner_app.ui.files.opening import build_demo_file, show_error
from planner_app.ui.files.preferences_dialog import PreferencesDialog

PLAN_FILTER = "*.plan"


def shortcut(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's standard keys, or ``fallback`` where it has none (Quit on Windows)."""
    return QKeySequence.keyBindings(key) or [QKeySequence(fallback)]


def _with_suffix(name: str) -> Path:
    path = Path(name)
    return path if path.suffix == ".plan" else path.with_name(path.name + ".plan")


class FileActions(QObject):
    """The File menu's actions and what they do, for one window (its ``WindowContext``).
    GUI thread.

    Records every file the window opens in the recent files (``WindowSettings``).
    """

    def __init__(self, context: WindowContext, settings: WindowSettings) -> None:
        window = context.widget
        super().__init__(window)
        self._context = context
        self._settings = settings

        def action(text: str, slot, keys: list[QKeySequence] | None = None) -> QAction:
            made = QAction(text, window)
            if keys:
                made.setShortcuts(keys)
            made.triggered.connect(slot)
            return made

        std = QKeySequence.StandardKey
        self.new_plan_action = action(
            _("&New plan…"), self.new_plan_file, shortcut(std.New, "Ctrl+N")
        )
        self.new_plan_here_action = action(_("New plan in &this file…"), self.new_plan_here)
        self.open_action = action(_("&Open…"), self.open_file_dialog, shortcut(std.Open, "Ctrl+O"))
        self.demo_action = action(_("Open &demo plan"), self.open_demo)
        self.recent_menu = QMenu(_("Open &recent"), window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.save_copy_action = action(
            _("Save a cop&y as…"), self.save_copy, shortcut(std.SaveAs, "Ctrl+Shift+S")
        )
        self.restore_action = action(_("Restore from &backup…"), self.restore_from_backup)
        self.close_action = action(_("&Close"), context.close_file, shortcut(std.Close, "Ctrl+W"))
        self.preferences_action = action(
            _("Pr&eferences…"), self.show_preferences, shortcut(std.Preferences, "Ctrl+,")
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = action(_("&Quit"), context.quit, shortcut(std.Quit, "Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        context.file_opened.connect(self._file_opened)
        self.fill_recent_menu()
        self.update_actions()

    def populate(self, menu: QMenu) -> None:
        for item in (
            self.new_plan_action,
            self.new_plan_here_action,
            None,
            self.open_action,
            self.recent_menu,
            self.demo_action,
            None,
            self.save_copy_action,
            self.restore_action,
            None,
            self.close_action,
            None,
            self.quit_action,
        ):
            if item is None:
                menu.addSeparator()
            elif isinstance(item, QMenu):
                menu.addMenu(item)
            else:
                menu.addAction(item)

    def update_actions(self) -> None:
        store = self._context.store
        self.new_plan_here_action.setEnabled(store is not None and not store.readonly)
        self.save_copy_action.setEnabled(store is not None)
        self.restore_action.setEnabled(store is not None and not store.readonly)
        self.close_action.setEnabled(store is not None)

    # --- recent files ----------------------------------------------------------------

    def _file_opened(self, path: str) -> None:
        self._settings.add_recent_file(Path(path))
        self.update_actions()
        self.fill_recent_menu()

    def fill_recent_menu(self) -> None:
        """Rebuild Open recent: existing files first-class, missing ones greyed."""
        menu = self.recent_menu
        menu.clear()
        recent = self._settings.recent_files()
        for number, path in enumerate(recent, start=1):
            item = menu.addAction(f"&{number % 10}  {path.name}")
            item.setData(str(path))
            item.setStatusTip(str(path))
            item.setToolTip(str(path))
            if path.exists():
                item.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
            else:
                item.setEnabled(False)
                item.setToolTip(_("{path} no longer exists.").format(path=path))
        if recent:
            menu.addSeparator()
        clear = menu.addAction(_("&Clear the list"))
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self.clear_recent)

    def clear_recent(self) -> None:
        self._settings.clear_recent_files()
        self.fill_recent_menu()
        self._context.set_recent_files([])

    def open_recent(self, path: Path) -> None:
        if not path.exists():
            self._settings.remove_recent_file(path)
            self.fill_recent_menu()
            self._context.set_recent_files(self._settings.recent_files())
            show_error(self._context.widget, _("The file {path} does not exist.").format(path=path))
            return
        self._context.open_path(path)

    # --- opening ---------------------------------------------------------------------

    def _start_folder(self) -> str:
        store = self._context.store
        return str(store.path.parent) if store else str(documents_dir())

    def open_file_dialog(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self._context.widget, _("Open plan file"), self._start_folder(), self._filter()
        )
        if name:
            self._context.open_path(Path(name))

    def open_demo(self) -> None:
        path = build_demo_file(self._context.widget)
        if path is not None:
            self._context.open_path(path)

    @staticmethod
    def _filter() -> str:
        return _("Plan files ({pattern})").format(pattern=PLAN_FILTER)

    # --- new plans -------------------------------------------------------------------

    def new_plan_file(self) -> None:
        """Ask for a new plan, then where to save its new file; open it."""
        made: dict[str, object] = {}

        def submit(values: NewPlanValues) -> str | None:
            stem = values.code or _("new-plan")
            start = Path(self._start_folder()) / f"{stem}.plan"
            name, _filter = QFileDialog.getSaveFileName(
                dialog, _("Save the new plan file"), str(start), self._filter()
            )
            if not name:
                return ""  # back to the dialog, nothing to say
            path = _with_suffix(name)
            if self._context.store is not None and path.resolve() == self._context.store.path:
                return _("That file is open; choose another name.")
            try:
                store = PlanFile.create(path, overwrite=path.exists())
            except PlannerError as err:
                return str(err)
            try:
                made["plan"] = self._create(store, values)
            except PlannerError as err:
                store.close()
                path.unlink(missing_ok=True)
                return str(err)
            made["store"] = store
            return None

        dialog = NewPlanDialog(self._context.widget, submit=submit)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or "store" not in made:
                return
        finally:
            dialog.deleteLater()
        self._context.set_plan_file(made["store"], made["plan"])  # type: ignore[arg-type]

    def new_plan_here(self) -> None:
        """Add a new plan to the open file and show it."""
        store = self._context.store
        if store is None:
            return
        made: dict[str, uuid.UUID] = {}

        def submit(values: NewPlanValues) -> str | None:
            try:
                made["plan"] = self._create(store, values)
            except PlannerError as err:
                return str(err)
            return None

        heading = _("The new plan is added to {name}.").format(name=store.path.name)
        try:
            strategic = [p for p in list_plans(store) if p.kind is PlanKind.STRATEGIC]
        except PlannerError:
            strategic = []
        dialog = NewPlanDialog(
            self._context.widget, submit=submit, heading=heading, strategic_plans=strategic
        )
        shown = self._context.document
        if shown is not None:  # the plan shown, or the strategic plan it carries out
            info = next((p for p in strategic if p.id == shown.plan_id), None)
            if info is not None:
                dialog.choose_strategic(info.id)
            else:
                with contextlib.suppress(PlannerError):
                    linked = plan_info(store, shown.plan_id).strategic_plan_id
                    if linked is not None:
                        dialog.choose_strategic(linked)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and "plan" in made:
                self._context.reload_plans(made["plan"])
        finally:
            dialog.deleteLater()

    @staticmethod
    def _create(store: PlanFile, values: NewPlanValues) -> uuid.UUID:
        if values.strategic_plan_id is not None:
            return create_from_strategic(
                store,
                strategic_plan_id=values.strategic_plan_id,
                year=values.first_year,
                code=values.code,
                kind=values.kind,
                title=values.title or None,
                with_operational=values.with_operational,
            ).ids[0]
        main = values.languages[0] if values.languages else "nl"
        organisation = {main: values.organisation} if values.organisation else ""
        return create_plan(
            store,
            code=values.code,
            kind=values.kind,
            title={main: values.title} if values.title else "",
            first_year=values.first_year,
            last_year=values.last_year,
            organisation=organisation,
            languages=values.languages,
        ).id

    # --- copies and backups ----------------------------------------------------------

    def save_copy(self) -> None:
        store = self._context.store
        if store is None:
            return
        copy = _("copy")
        start = store.path.with_name(f"{store.path.stem} {copy}.plan")
        name, _filter = QFileDialog.getSaveFileName(
            self._context.widget, _("Save a copy as"), str(start), self._filter()
        )
        if not name:
            return
        target = _with_suffix(name)
        try:
            backups.save_copy(store.path, target)
        except PlannerError as err:
            show_error(self._context.widget, str(err))
            return
        self._context.show_message(_("A copy was saved to {path}.").format(path=target))

    def restore_from_backup(self) -> None:
        context = self._context
        window = context.widget
        store = context.store
        if store is None:
            return
        path = store.path
        found = backups.list_backups(path)
        if not found:
            QMessageBox.information(
                window,
                _("Restore from backup"),
                _("There are no backups of {path}.").format(path=path),
            )
            return
        dialog = RestoreBackupDialog(path, found, window)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            chosen = dialog.chosen()
        finally:
            dialog.deleteLater()
        if not accepted or chosen is None:
            return
        answer = QMessageBox.question(
            window,
            _("Restore from backup"),
            _(
                "Replace {name} by the chosen backup? Changes made since then are "
                "lost from the file, but its present state is kept as a backup."
            ).format(name=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        plan_id = context.plan_id
        context.close_file()
        try:
            backups.restore_backup(path, chosen)
        except PlannerError as err:
            show_error(window, str(err))
        if context.open_path(path):
            if plan_id is not None and context.has_plan(plan_id):
                context.show_plan(plan_id)
            context.show_message(_("The backup was restored."))

    # --- preferences -----------------------------------------------------------------

    def show_preferences(self) -> None:
        """Edit → Preferences; a new UI language is applied at once."""
        dialog = PreferencesDialog(self._settings, self._context.widget)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        language = self._settings.ui_language() or system_language()
        if accepted and language != current_language():
            self._context.apply_ui_language(language)
