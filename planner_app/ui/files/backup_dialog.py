"""The "Restore from backup…" dialog: the backups of the open file, newest first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner_app.i18n import N_, _
from planner_app.storage.backups import Backup

REASON_LABELS = {
    "manual": N_("Made by hand"),
    "periodic": N_("Every half hour of editing"),
    "close": N_("On closing the file"),
    "before-restore": N_("Before a restore"),
    "before-upgrade": N_("Before a file upgrade"),
}


def reason_label(reason: str) -> str:
    return _(REASON_LABELS[reason]) if reason in REASON_LABELS else reason


class RestoreBackupDialog(QDialog):
    """Lists ``backups`` (date, reason, size) and lets the user choose one. GUI thread.

    Owns only its table; ``chosen()`` is the backup's path, or None.
    """

    DATE, REASON, SIZE = range(3)

    def __init__(self, plan_path: Path, backups: list[Backup], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Restore from backup"))
        self._backups = backups
        intro = QLabel(
            _(
                "Choose the backup of {name} to restore. The file is closed, replaced by "
                "the backup and opened again; its present state is kept as a backup too."
            ).format(name=plan_path.name)
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(backups), 3)
        self.table.setHorizontalHeaderLabels([_("Date"), _("Reason"), _("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        locale = QLocale()
        for row, backup in enumerate(backups):
            when = locale.toString(backup.created, QLocale.FormatType.ShortFormat)
            size = locale.formattedDataSize(backup.size)
            for column, text in ((self.DATE, when), (self.REASON, reason_label(backup.reason))):
                self.table.setItem(row, column, QTableWidgetItem(text))
            size_item = QTableWidgetItem(size)
            size_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, self.SIZE, size_item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.REASON, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            _("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(560, 360)
        if backups:
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def chosen(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self._backups[rows[0].row()].path if rows else None
