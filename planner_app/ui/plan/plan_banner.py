"""The banner above the tabs that says why a plan cannot be changed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from planner_app.domain.enums import PlanState
from planner_app.formatting import format_date
from planner_app.i18n import _, current_language
from planner_app.services.plans import SigningInfo


class PlanBanner(QFrame):
    """Owns a message and the "New draft version" button; hidden for a writable draft.

    The window tells it the plan's state and whether the file is read-only, and
    reacts to ``new_draft_requested``. GUI thread.
    """

    new_draft_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#plan_banner { background: #fff4d6; border: 1px solid #e0b84f; border-radius: 3px; }"
            " #plan_banner QLabel { color: #5c4300; }"
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # the place is user text
        self.new_draft_button = QPushButton(_("New draft version"))
        self.new_draft_button.setToolTip(
            _("Copy this plan into a new draft version that can be changed.")
        )
        self.new_draft_button.clicked.connect(self.new_draft_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.new_draft_button)
        self.setVisible(False)

    def show_for(
        self, state: PlanState | None, *, read_only: bool, signing: SigningInfo | None = None
    ) -> None:
        """Say why the plan cannot change (hidden when it can); for a signed plan also
        when and where it was signed and whether the scan of the paper is kept."""
        frozen = state in (PlanState.FINAL, PlanState.SIGNED)
        if state is PlanState.SIGNED and signing is not None:
            text = _("This plan was signed in {place} on {date} and cannot be changed.").format(
                place=signing.place, date=format_date(signing.signed_on, current_language())
            )
            text += " " + (
                _("The scan of the signed paper is kept in the file (Plan → Save signed scan as…).")
                if signing.has_scan
                else _("No scan of the signed paper is kept in the file.")
            )
        elif state is PlanState.SIGNED:
            text = _("This plan is signed and cannot be changed.")
        elif frozen:
            text = _("This plan is final and cannot be changed.")
        else:
            text = ""
        if read_only:
            note = _("Opened read-only: changes cannot be saved to this file.")
            text = f"{text} {note}" if text else note
        self.message.setText(text)
        self.new_draft_button.setVisible(frozen and not read_only)
        self.setVisible(bool(text))
