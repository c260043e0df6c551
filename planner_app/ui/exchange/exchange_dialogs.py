"""The exchange's small dialogs: confirming a key fingerprint, the import summary and
the "Not yet sent" list. They only show what the exchange services return."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner_app.exchange.describe import ChangeLine, divergence_text, when
from planner_app.exchange.merge import MergeReport
from planner_app.i18n import _


def _table(headers: list[str], rows: list[tuple[str, ...]]) -> QTableWidget:
    """A read-only table of text, columns sized to fit, the last one stretching."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and reasons are data, never markup
    return label


class FingerprintDialog(QDialog):
    """Asks whether to trust a key before anything of its package is applied.

    The fingerprint is shown large, in a fixed-width font, in groups of four, so two
    people can read it to each other over the phone and compare group by group.
    """

    def __init__(
        self, fingerprint: str, sender: str, package: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Check the key of the sender"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            _wrapped(
                _(
                    "{path} is signed with a key this file does not know yet ({sender}). "
                    "Call the post and have them read the fingerprint their planner shows "
                    "(Exchange → This computer's key…). Accept only if every group matches."
                ).format(path=package.name, sender=sender)
            )
        )
        groups = fingerprint.split()
        shown = "   ".join(groups[:4]) + "\n" + "   ".join(groups[4:])
        self.fingerprint_label = QLabel(shown)
        self.fingerprint_label.setObjectName("fingerprint")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setWeight(QFont.Weight.Bold)
        self.fingerprint_label.setFont(font)
        self.fingerprint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setContentsMargins(12, 12, 12, 12)
        self.fingerprint_label.setStyleSheet("border: 1px solid palette(mid);")
        layout.addWidget(self.fingerprint_label)
        layout.addWidget(_wrapped(_("Nothing is applied unless you accept the key.")))
        buttons = QDialogButtonBox()
        self.accept_button = QPushButton(_("The fingerprint matches: accept and import"))
        buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # Enter must not trust a key
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class MergeSummaryDialog(QDialog):
    """What an import did: applied, refused (listed with the reason), conflicts."""

    def __init__(
        self,
        report: MergeReport,
        refusals: list[tuple[str, str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Changes imported"))
        self.resize(720, 420 if refusals else 220)
        layout = QVBoxLayout(self)
        lines = []
        if report.enrolled and not report.dry_run:
            lines.append(
                _("Enrolled the key {fingerprint}.").format(fingerprint=report.fingerprint)
            )
        if report.incarnation:
            lines.append(
                _(
                    "The sender's file is a new copy of one this file traded with (restored "
                    "from a backup or copied); what it lost is sent to it again."
                )
            )
        lines.append(report.summary())
        if report.resynced:
            lines.append(
                _("Took headquarters' resync: this copy holds the plan as headquarters does.")
            )
        if report.divergence:
            lines.append(divergence_text(report.divergence))
            lines.append(
                _("Your next package asks headquarters for a resync; nothing of yours is lost.")
                if report.from_role == "hq"
                else _("Send the post a resync: Exchange → Send a resync to post….")
            )
        elif report.resync_requested:
            lines.append(_("The post asks for a resync: Exchange → Send a resync to post…."))
        if report.notices:
            lines.append(
                _("{n} notice(s) say what the merge did on its own (see Conflicts…).").format(
                    n=len(report.notices)
                )
            )
        if report.backup is not None:
            lines.append(_("A backup of the file as it was: {path}").format(path=report.backup))
        self.summary = _wrapped("\n".join(lines))
        layout.addWidget(self.summary)
        self.refused_table: QTableWidget | None = None
        if refusals:
            layout.addWidget(_wrapped(_("Not applied:")))
            self.refused_table = _table([_("What"), _("Field"), _("Why")], refusals)
            layout.addWidget(self.refused_table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.conflicts_button: QPushButton | None = None
        if report.undecided or report.notices:
            self.conflicts_button = QPushButton(_("Decide the conflicts…"))
            buttons.addButton(self.conflicts_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.conflicts_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class NotYetSentDialog(QDialog):
    """The changes the other side has not acknowledged: the next package's content."""

    def __init__(self, lines: list[ChangeLine], to: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Not yet sent"))
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        if lines:
            text = _("{n} change(s) wait for the next package to {to}.").format(n=len(lines), to=to)
        else:
            text = _("Nothing waits: {to} has every change of this file.").format(to=to)
        layout.addWidget(_wrapped(text))
        self.table = _table(
            [_("When"), _("Who"), _("What"), _("Field"), _("Before"), _("After")],
            [(when(x.at), x.user, x.what, x.field, x.old, x.new) for x in lines],
        )
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class StarterOptionsDialog(QDialog):
    """What else headquarters puts in a post's starter file: by default neither the HR
    data (the diversity plan) nor other units' staffing."""

    def __init__(self, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Prepare for a post"))
        intro = QLabel(
            _(
                "The starter file for {unit} holds the plan's shared parts and the post's "
                "own part. Also include:"
            ).format(unit=unit)
        )
        intro.setWordWrap(True)
        self.hr_box = QCheckBox(_("The diversity plan (HR data)"))
        self.staffing_box = QCheckBox(_("The staffing of every unit, not only the post's"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.hr_box, self.staffing_box, buttons):
            layout.addWidget(widget)
