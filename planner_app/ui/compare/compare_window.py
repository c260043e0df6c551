"""The comparison window: two versions of a plan side by side, each difference a link
that shows its place in the main window; export to PDF; compare again after edits."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner_app.exporting.compare_words import Words
from planner_app.i18n import _, current_language
from planner_app.services.compare_model import PlanComparison
from planner_app.ui.compare.compare_html import LINK_SCHEME, ComparisonHtml, Place


class CompareWindow(QWidget):
    """A top-level window over the main window showing one ``PlanComparison``; owns
    its widgets and the places its links lead to. ``place_chosen(Place)`` when a link
    is followed (click, or Tab to it and Enter); ``again_requested`` and
    ``pdf_requested`` for its buttons. GUI thread only."""

    place_chosen = Signal(object)
    again_requested = Signal()
    pdf_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compare_window")
        self.comparison: PlanComparison | None = None
        self.places: list[Place] = []
        self.hint = QLabel(
            _("Each heading is a link: it shows the place in the main window (Tab, Enter).")
        )
        self.hint.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setObjectName("compare_browser")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._followed)
        buttons = QDialogButtonBox()
        self.again_button = QPushButton(_("Compare &again"))
        self.pdf_button = QPushButton(_("Export &PDF…"))
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        self.again_button.clicked.connect(self.again_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(1100, 760)

    def show_comparison(self, comparison: PlanComparison) -> None:
        self.comparison = comparison
        lang = current_language()
        page = ComparisonHtml(comparison, Words(_, lang, comparison.language))
        self.browser.setHtml(page.page())
        self.places = page.places
        self.setWindowTitle(
            _("Compare: {after} with {before}").format(
                after=comparison.after.code, before=comparison.before.code
            )
        )

    def _followed(self, url: QUrl) -> None:
        if url.scheme() != LINK_SCHEME:
            return
        number = url.path()
        if number.isdigit() and int(number) < len(self.places):
            self.place_chosen.emit(self.places[int(number)])

    def follow(self, number: int) -> None:
        """Follow link ``number`` (as a click on it would)."""
        self._followed(QUrl(f"{LINK_SCHEME}:{number}"))
