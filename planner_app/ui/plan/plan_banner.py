"""The banner above the tabs that says why a plan cannot be changed, and whether a
final or signed plan still holds the content its fingerprint fixed."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from planner_app.domain.enums import PlanState
from planner_app.formatting import format_date
from planner_app.i18n import _, current_language
from planner_app.services.plans import SigningInfo
from planner_app.services.signatures import SigningProgress
from planner_app.storage import PlanFile
from planner_app.ui.core.background import BackgroundJob

_CALM = (
    "#plan_banner { background: #fff4d6; border: 1px solid #e0b84f; border-radius: 3px; }"
    " #plan_banner QLabel { color: #5c4300; }"
)
_ALARM = (
    "#plan_banner { background: #fde2e1; border: 1px solid #c0392b; border-radius: 3px; }"
    " #plan_banner QLabel { color: #7b1712; font-weight: bold; }"
)
_RUNNING: set[BackgroundJob] = set()  # checks under way, kept alive until they end


def _wait_for_checks() -> None:
    for job in list(_RUNNING):
        job.wait()


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
        self.setStyleSheet(_CALM)
        self._text = ""
        self._checking: uuid.UUID | None = None  # the plan whose fixed content is checked
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
        self,
        state: PlanState | None,
        *,
        read_only: bool,
        signing: SigningInfo | None = None,
        electronic: SigningProgress | None = None,
    ) -> None:
        """Say why the plan cannot change (hidden when it can); for a signed plan also
        when and where it was signed and whether the scan of the paper is kept; for a
        plan signed electronically who has signed and who is still to sign."""
        frozen = state in (PlanState.FINAL, PlanState.SIGNED)
        if state in (PlanState.FINAL, PlanState.SIGNED) and electronic is not None:
            text = _electronic_text(state, electronic)
        elif state is PlanState.SIGNED and signing is not None:
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
        self._text = text
        self._checking = None
        self.setStyleSheet(_CALM)
        self.message.setText(text)
        self.new_draft_button.setVisible(frozen and not read_only)
        self.setVisible(bool(text))

    def check_fixed_content(self, store: PlanFile, plan_id: uuid.UUID) -> None:
        """Recompute a final or signed plan's fingerprint off the GUI thread (a large
        plan takes a second) on a read-only handle of its own; when the content differs
        from what was fixed, the banner says so first, in red."""
        from planner_app.services.fingerprint import check_fixed

        path = store.path

        def job(_progress: object) -> tuple[uuid.UUID, str]:
            with PlanFile.open(path, readonly=True) as own:
                fixed = check_fixed(own, plan_id)
            return plan_id, "" if fixed is None else fixed.banner()

        self._checking = plan_id
        thread = BackgroundJob(
            job, cancelled_by=(), failure=_("The fingerprint could not be checked: {error}")
        )
        thread.succeeded.connect(self._checked)
        thread.failed.connect(self._check_failed)
        _RUNNING.add(thread)
        thread.finished.connect(lambda: _RUNNING.discard(thread))
        thread.finished.connect(thread.deleteLater)
        app = QCoreApplication.instance()
        if app is not None and not app.property("planner_waits_for_checks"):
            app.setProperty("planner_waits_for_checks", True)
            app.aboutToQuit.connect(_wait_for_checks)
        thread.start()

    @Slot(object)
    def _checked(self, result: tuple[uuid.UUID, str]) -> None:
        plan_id, problem = result
        if plan_id == self._checking and problem:
            self._alarm(problem)

    @Slot(str)
    def _check_failed(self, message: str) -> None:
        if self._checking is not None:
            self._alarm(message)

    def _alarm(self, problem: str) -> None:
        self.setStyleSheet(_ALARM)
        self.message.setText(f"{problem} {self._text}".strip())
        self.setVisible(True)


def _electronic_text(state: PlanState, progress: SigningProgress) -> str:
    lang = current_language()
    signed = "; ".join(
        _("{signer} on {date}").format(signer=s.signer, date=format_date(s.signed_at.date(), lang))
        for s in progress.signatures
    )
    if state is PlanState.SIGNED:
        return _(
            "This plan was signed electronically ({signed}) and cannot be changed. The "
            "signed PDF is kept in the file (Plan → Save signed PDF as…)."
        ).format(signed=signed)
    return _(
        "This plan is final and cannot be changed. Signed electronically so far: "
        "{signed}; still to sign: {unsigned} (Plan → Sign PDF…)."
    ).format(signed=signed, unsigned="; ".join(progress.unsigned))
