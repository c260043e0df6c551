"""Plan → Check a PDF against this plan…: what ``planner-app verify --pdf`` does, for the
secretary who keeps the signed document and is asked, later, whether it is still the
plan in the file.

The check makes the plan's document again (seconds for a real plan), so it runs on a
``BackgroundJob`` behind a progress dialog that can be cancelled.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from planner_app.i18n import _
from planner_app.ui.core.background import run_reading
from planner_app.ui.plan.plan_actions import ShownPlanActions


class VerifyActions(ShownPlanActions):
    """Owns the Plan menu's check of a PDF against the plan shown. GUI thread only."""

    def __init__(self, parent, shown, done) -> None:
        super().__init__(parent, shown, done)
        self.check_action = self._action(_("Check a PDF against this p&lan…"), self.check_pdf)
        self.check_action.setToolTip(
            _(
                "Is this PDF the plan's document? The same fingerprint, every page reads "
                "as the document made again from this file, and each electronic signature "
                "is intact and valid against the trust roots kept in the app's trust folder."
            )
        )
        self.last_message = ""
        self.update_actions()

    def populate(self, plan_menu: QMenu) -> None:
        plan_menu.addAction(self.check_action)

    def update_actions(self) -> None:
        store, info = self._shown()
        self.check_action.setEnabled(store is not None and info is not None)

    def check_pdf(self, pdf: Path | None = None) -> bool | None:
        """Check ``pdf`` (asked for when None) and tell the user; True when it matches,
        None when nothing was checked (no plan, no file chosen, cancelled, unreadable)."""
        store, info = self._shown()
        if store is None or info is None:
            return None
        if pdf is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self._window, _("Check a PDF against this plan"), "", _("PDF (*.pdf)")
            )
            if not chosen:
                return None
            pdf = Path(chosen)
        from planner_app.exporting.pdf_verify import verify_pdf  # reportlab: when used
        from planner_app.signing.check import check_signatures
        from planner_app.signing.trust import load_trust

        def check(own, progress):
            verdict = verify_pdf(own, info.id, pdf, progress=progress)
            return verdict, check_signatures(pdf, load_trust(None))

        value = run_reading(
            self._window,
            store,
            check,
            label=_("Checking {name}…").format(name=pdf.name),
            failure=_("The PDF could not be checked: {error}"),
            title=_("Check a PDF"),
        )
        if value is None:
            return None
        verdict, signatures = value
        self.last_message = verdict.message
        matches = verdict.matches and signatures.holds
        box = QMessageBox(
            QMessageBox.Icon.Information if matches else QMessageBox.Icon.Warning,
            _("Check a PDF"),
            verdict.message,
            parent=self._window,
        )
        lines = signatures.lines()
        if lines:
            said = _("Electronic signatures:") + "\n" + "\n".join(f"• {line}" for line in lines)
            box.setInformativeText(said)
            self.last_message += "\n" + said
        box.open()
        return matches
