"""Plan → Sign PDF… and Plan → Save signed PDF as…: the signatories sign in the window.

Each signatory in turn inserts their eID card (or chooses their key file), picks their
own field and gives the PIN in a dialog (the eID middleware asks for it itself). The
document is the one the plan file keeps with the signatures so far, or before the first
signature the final document made now. Making and signing it runs off the GUI thread
behind a progress dialog (``core.background.run_reading``); the signed PDF is then kept
in the plan file, and the plan becomes signed with the last signature.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
)

from planner_app.domain.enums import PlanState
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.signing.check import when
from planner_app.signing.keys import KeySource
from planner_app.signing.sign import SignatureField
from planner_app.ui.core.background import run_reading, show_error
from planner_app.ui.plan.plan_actions import ShownPlanActions

# Where the Belgian eID middleware installs its PKCS#11 module.
BEID_LIBRARIES = {
    "linux": (
        "/usr/lib/x86_64-linux-gnu/libbeidpkcs11.so.0",
        "/usr/lib/libbeidpkcs11.so.0",
        "/usr/lib64/libbeidpkcs11.so.0",
        "/usr/local/lib/libbeidpkcs11.so",
    ),
    "win32": ("C:/Windows/System32/beidpkcs11.dll",),
    "darwin": (
        "/Library/Belgium Identity Card/Pkcs11/beid-pkcs11.bundle/Contents/MacOS/"
        "libbeidpkcs11.dylib",
    ),
}


def beid_library() -> str:
    """The eID middleware's module where it is installed, else ""."""
    candidates = BEID_LIBRARIES.get(sys.platform, BEID_LIBRARIES["linux"])
    return next((path for path in candidates if Path(path).is_file()), "")


class SignDialog(QDialog):
    """Which field, which key, and optionally a timestamp server. GUI thread."""

    def __init__(self, fields: list[SignatureField], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sign PDF"))
        self.field_box = QComboBox()
        for field in fields:
            if not field.signed:
                self.field_box.addItem(field.title(), field.name)
        self.card = QRadioButton(_("eID card or other token (PKCS#11)"))
        self.key_file = QRadioButton(_("Key file (PKCS#12)"))
        self.card.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.card)
        group.addButton(self.key_file)
        self.library = QLineEdit(beid_library())
        self.library.setPlaceholderText(_("the eID middleware's libbeidpkcs11"))
        self.token = QLineEdit()
        self.token.setPlaceholderText(_("the eID card, or the only token"))
        self.p12 = QLineEdit()
        self.timestamp = QLineEdit()
        self.timestamp.setPlaceholderText(_("optional, needs a network (PAdES B-T)"))
        form = QFormLayout(self)
        form.addRow(_("Signature of"), self.field_box)
        form.addRow(self.card)
        form.addRow(_("PKCS#11 library"), self._with_browse(self.library, _("PKCS#11 library")))
        form.addRow(_("Token label"), self.token)
        form.addRow(self.key_file)
        form.addRow(_("Key file"), self._with_browse(self.p12, _("Key file (PKCS#12)")))
        form.addRow(_("Timestamp server"), self.timestamp)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sign"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.card.toggled.connect(self._enable)
        self._enable()

    def _with_browse(self, edit: QLineEdit, title: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        button = QPushButton(_("Browse…"))
        button.clicked.connect(lambda: self._browse(edit, title))
        row.addWidget(button)
        return box

    def _browse(self, edit: QLineEdit, title: str) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, title, edit.text())
        if name:
            edit.setText(name)

    def _enable(self) -> None:
        card = self.card.isChecked()
        for edit in (self.library, self.token):
            edit.setEnabled(card)
        self.p12.setEnabled(not card)

    def source(self) -> KeySource:
        if self.card.isChecked():
            return KeySource(
                pkcs11_lib=Path(self.library.text().strip()),
                token_label=self.token.text().strip() or None,
            )
        return KeySource(pkcs12=Path(self.p12.text().strip()))

    def request(self):
        from planner_app.signing.flow import SignRequest

        return SignRequest(
            self.source(),
            field=self.field_box.currentData(),
            timestamp_url=self.timestamp.text().strip() or None,
        )


class SignActions(ShownPlanActions):
    """Owns Plan → Sign PDF… and Save signed PDF as…. GUI thread only."""

    def __init__(self, parent, shown, done) -> None:
        super().__init__(parent, shown, done)
        self.sign_action = self._action(_("Si&gn PDF…"), self.sign)
        self.sign_action.setToolTip(
            _(
                "Sign the final document with a qualified electronic signature (eID card "
                "or key file): each signatory signs their own field, one after the other."
            )
        )
        self.save_action = self._action(_("Sa&ve signed PDF as…"), self.save_signed)
        self.last_message = ""
        self.update_actions()

    def populate(self, plan_menu: QMenu) -> None:
        plan_menu.addAction(self.sign_action)
        plan_menu.addAction(self.save_action)

    def update_actions(self) -> None:
        from planner_app.services.signatures import signing_progress

        store, info = self._shown()
        shown = store is not None and info is not None
        self.sign_action.setEnabled(
            shown and not store.readonly and info.state is PlanState.FINAL  # type: ignore[union-attr]
        )
        kept = signing_progress(store, info.id) if shown else None  # type: ignore[union-attr]
        self.save_action.setEnabled(kept is not None)

    def sign(self, request=None, secret: str | None = None) -> bool:
        """Ask for field, key and PIN, sign, keep the signed PDF in the file. ``request``
        and ``secret`` given (a test) skip the dialogs. True when signed."""
        from planner_app.services.signatures import record_signed_pdf
        from planner_app.signing.flow import fields_to_sign, sign_for_plan
        from planner_app.signing.keys import needs_secret

        store, info = self._shown()
        if store is None or info is None:
            return False
        try:
            if request is None:
                fields = fields_to_sign(store, info.id, None)
                if not any(not f.signed for f in fields):
                    show_error(self._window, _("This plan has no signatory left to sign."))
                    return False
                dialog = SignDialog(fields, self._window)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return False
                request = dialog.request()
                if needs_secret(request.source):
                    secret = self._ask_secret(request.source)
                    if secret is None:
                        return False
        except PlannerError as err:
            show_error(self._window, str(err))
            return False
        with tempfile.TemporaryDirectory(prefix="planner-signed-") as folder:
            out = Path(folder) / f"{info.code}-signed.pdf"
            done = run_reading(
                self._window,
                store,
                lambda own, progress: sign_for_plan(
                    own, info.id, request, secret, out, progress=progress
                ),
                label=_("Signing the plan's document…"),
                failure=_("The PDF could not be signed: {error}"),
                title=_("Sign PDF"),
            )
            secret = None  # never kept
            if done is None:
                return False
            try:
                progress = record_signed_pdf(store, info.id, out, compare_pages=False)
            except PlannerError as err:
                show_error(self._window, str(err))
                return False
        self.last_message = _signed_message(done, progress)
        QMessageBox(
            QMessageBox.Icon.Information, _("Sign PDF"), self.last_message, parent=self._window
        ).open()
        self._done(info.id)
        return True

    def _ask_secret(self, source: KeySource) -> str | None:
        label = (_("Passphrase of {source}:") if source.pkcs12 else _("PIN of {source}:")).format(
            source=source.describe()
        )
        text, ok = QInputDialog.getText(
            self._window, _("Sign PDF"), label, QLineEdit.EchoMode.Password
        )
        return text if ok else None

    def save_signed(self, out: Path | None = None) -> Path | None:
        """The signed PDF the file keeps, byte for byte; ``out`` given skips the dialog."""
        from planner_app.services.signatures import signed_pdf

        store, info = self._shown()
        if store is None or info is None:
            return None
        try:
            name, data = signed_pdf(store, info.id)
        except PlannerError as err:
            show_error(self._window, str(err))
            return None
        if out is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self._window, _("Save signed PDF"), name, _("PDF (*.pdf)")
            )
            if not chosen:
                return None
            out = Path(chosen)
        try:
            out.write_bytes(data)
        except OSError as err:
            show_error(
                self._window,
                _("The PDF could not be written to {path}: {error}").format(path=out, error=err),
            )
            return None
        return out


def _signed_message(done, progress) -> str:
    text = _("Signed by {signer} at {time}.").format(signer=done.signer, time=when(done.signed_at))
    if progress.plan_signed:
        return text + " " + _("Every signatory has signed: the plan is now signed.")
    return (
        text
        + " "
        + _("The signed PDF is kept in the file; still to sign: {fields}.").format(
            fields="; ".join(progress.unsigned)
        )
    )
