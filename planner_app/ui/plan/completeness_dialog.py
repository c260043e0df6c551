"""The legal minimum content of the plan shown, as a list: each required element present
or missing, what was found or is lacking, where to fill it in (a link that goes there)
and its legal source. Shown by Plan → Check the legal minimum content…, and before
Make final for signature, where the user may still go on (the answer is noted in the
file by ``services.completeness.make_final_checked``)."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.labels import label
from planner_app.i18n import _
from planner_app.services.completeness import CompletenessReport, ElementResult

PRESENT_COLOUR = "#0a6b2e"
MISSING_COLOUR = "#b00020"


def _e(text: str) -> str:
    return html.escape(text)


def report_html(report: CompletenessReport) -> str:
    """The list as Qt rich text; missing element n links to ``element:n``."""
    if not report.has_rules:
        return "<p>{}</p>".format(
            _e(
                _(
                    "The law lists no required content for a {kind} plan; nothing is "
                    "required until a table is added for it."
                ).format(kind=label(report.kind))
            )
        )
    rows = []
    for n, result in enumerate(report.elements):
        rows.append(_row(n, result))
    missing = len(report.missing)
    total = len(report.elements)
    summary = (
        _("{n} of {total} required elements missing.").format(n=missing, total=total)
        if missing
        else _("All {total} required elements are present.").format(total=total)
    )
    return (
        f"<p><b>{_e(summary)}</b></p>"
        '<table width="100%" cellspacing="0" cellpadding="4" border="1">'
        + "".join(rows)
        + "</table>"
    )


def _row(n: int, result: ElementResult) -> str:
    element = result.element
    if result.present:
        word = _e(_("present"))
        mark = f"<span style='color:{PRESENT_COLOUR}'>✔ {word}</span>"
        where = ""
    else:
        word = _e(_("missing"))
        mark = f"<span style='color:{MISSING_COLOUR}'><b>✘ {word}</b></span>"
        where = "<br>{}: <a href='element:{}'>{}</a>".format(
            _e(_("Where")), n, _e(_(element.where))
        )
    source = "<br><small>{}: {}</small>".format(_e(_("Source")), _e(_(element.source)))
    return (
        f"<tr><td width='12%'>{mark}</td>"
        f"<td><b>{_e(_(element.name))}</b><br>{_e(result.detail)}{where}{source}</td></tr>"
    )


class CompletenessDialog(QDialog):
    """Shows one ``CompletenessReport``. With ``finalising``, its buttons make the plan
    final (anyway, when something is missing) or cancel; else it only closes.
    ``element_chosen(ElementResult)`` when a where-to-fill-in link is followed (the
    dialog then closes without making anything final). GUI thread only."""

    element_chosen = Signal(object)

    def __init__(
        self, report: CompletenessReport, *, finalising: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("completeness_dialog")
        self.report = report
        self.setWindowTitle(_("Legal minimum content of {code}").format(code=report.plan_code))
        heading = QLabel(
            _("What the law requires in a {kind} plan, and what this plan has.").format(
                kind=label(report.kind)
            )
        )
        heading.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setObjectName("completeness_list")
        self.browser.setOpenLinks(False)
        self.browser.setHtml(report_html(report))
        self.browser.anchorClicked.connect(self._followed)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox()
        self.final_button: QPushButton | None = None
        if finalising:
            note = QLabel(self._finalising_text())
            note.setWordWrap(True)
            layout.addWidget(note)
            text = _("Make final &anyway") if report.missing else _("Make &final")
            self.final_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
            cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            # with something missing, Enter does not finalise: going on is a choice
            (cancel if report.missing else self.final_button).setDefault(True)
        else:
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 640)

    def _finalising_text(self) -> str:
        text = _(
            "Making the plan final freezes it and fixes its fingerprint; to change it later "
            "you make a new draft version. This cannot be undone with Edit → Undo."
        )
        if self.report.missing:
            text += " " + _(
                "You may still make it final without the missing elements; that choice is "
                "noted in the file with the plan's fingerprint."
            )
        return text

    def _followed(self, url: QUrl) -> None:
        number = url.path()
        if url.scheme() == "element" and number.isdigit():
            result = self.report.elements[int(number)]
            self.reject()
            self.element_chosen.emit(result)

    def follow(self, number: int) -> None:
        """Follow the where-to-fill-in link of element ``number``."""
        self._followed(QUrl(f"element:{number}"))
