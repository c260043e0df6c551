"""Where an export goes and what the user is told after: the save dialog opens beside
the plan file (or in the folder the last export went to), and a finished export says
where it wrote the file and offers to open it or its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from planner_app.i18n import _
from planner_app.ui.core.settings import WindowSettings


def start_folder(settings: WindowSettings, plan_path: Path | None) -> Path:
    """The last export's folder while it exists, else the plan file's folder."""
    last = settings.export_folder()
    if last is not None and last.is_dir():
        return last
    if plan_path is not None:
        return plan_path.resolve().parent
    return Path.home()


def choose_export_path(
    parent: QWidget | None,
    settings: WindowSettings,
    plan_path: Path | None,
    *,
    title: str,
    name: str,
    file_filter: str,
    suffix: str,
) -> Path | None:
    """Ask where to write ``name`` (``suffix`` added when the user left it out); the
    folder chosen is remembered for the next export. None when cancelled."""
    start = start_folder(settings, plan_path) / name
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(start), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    settings.set_export_folder(path.parent)
    return path


def open_path(path: Path) -> bool:
    """Open ``path`` (a file or a folder) with the desktop's own program."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def confirm_export(
    parent: QWidget | None,
    path: Path,
    title: str,
    *,
    note: str = "",
    details: str = "",
) -> QMessageBox:
    """A window-modal note that the export was written, with Open and Open folder."""
    box = QMessageBox(QMessageBox.Icon.Information, title, "", parent=parent)
    box.setObjectName("export_done")
    box.setText(_("Wrote {path}.").format(path=path))
    if note:
        box.setInformativeText(note)
    if details:
        box.setDetailedText(details)
    open_file = box.addButton(_("&Open"), QMessageBox.ButtonRole.ActionRole)
    open_folder = box.addButton(_("Open &folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    open_file.clicked.connect(lambda: open_path(path))
    open_folder.clicked.connect(lambda: open_path(path.parent))
    box.open()
    return box
