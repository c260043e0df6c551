"""What next year's plan took from last year's: the initiatives carried over (with
their milestones to re-plan) and those left behind, shown after Plan → Next year's plan
and printable. GUI thread."""

from __future__ import annotations

import html

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner_app.i18n import _, ngettext
from planner_app.services.next_year import CarriedItem, CarryReport, carry_facts


def report_html(report: CarryReport) -> str:
    """The report as HTML; every text from the plan is escaped (user text is data)."""
    e = html.escape

    def items(rows: tuple[CarriedItem, ...], milestones: bool) -> str:
        if not rows:
            none = _("None")
            return f"<p><i>{e(none)}</i></p>"
        out = ["<ul>"]
        for item in rows:
            line = f"<b>{e(item.code)}</b> {e(item.title)}"
            if milestones and item.open_milestones:
                count = ngettext(
                    "{n} milestone to re-plan", "{n} milestones to re-plan", item.open_milestones
                ).format(n=item.open_milestones)
                line += f" — {e(count)}"
            out.append(f"<li>{line}</li>")
        out.append("</ul>")
        return "".join(out)

    heading = _("Next year's plan {target} from {source}").format(
        target=report.target_code, source=report.source_code
    )
    parts = [f"<h2>{e(heading)}</h2>"]
    facts = carry_facts(report)
    parts.append("<ul>" + "".join(f"<li>{e(f)}</li>" for f in facts) + "</ul>")
    carried = _("Carried over ({n})").format(n=len(report.carried))
    left = _("Left behind: done ({n})").format(n=len(report.left_behind))
    parts.append(f"<h3>{e(carried)}</h3>" + items(report.carried, True))
    parts.append(f"<h3>{e(left)}</h3>" + items(report.left_behind, False))
    return "".join(parts)


class CarryDialog(QDialog):
    """Shows a ``CarryReport``; Print… prints it as shown."""

    def __init__(self, report: CarryReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Next year's plan"))
        self.browser = QTextBrowser()
        self.browser.setHtml(report_html(report))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(_("&Print…"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_report)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def document(self) -> QTextDocument:
        return self.browser.document()

    def print_report(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        finally:
            dialog.deleteLater()
        self.document().print_(printer)
        return True
