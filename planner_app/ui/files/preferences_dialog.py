"""The Preferences dialog: the UI language (the window shows it as soon as it is chosen)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner_app.i18n import _
from planner_app.ui.core.settings import WindowSettings

# Each language is named in itself, so a user lost in a foreign UI finds their own.
LANGUAGE_CHOICES = (("en", "English"), ("nl", "Nederlands"), ("fr", "Français"))


class PreferencesDialog(QDialog):
    """Shows and stores the preferences kept in ``WindowSettings``. GUI thread."""

    def __init__(self, settings: WindowSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(_("Preferences"))
        self.language_box = QComboBox()
        self.language_box.addItem(_("System language"), "")
        for code, name in LANGUAGE_CHOICES:
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(
            max(0, self.language_box.findData(settings.ui_language()))
        )
        self.language_box.setAccessibleName(_("Language of the app"))
        note = QLabel(_("The window shows the language chosen at once; your work stays open."))
        note.setWordWrap(True)
        self.language_box.setAccessibleDescription(note.text())
        form = QFormLayout()
        form.addRow(_("Language of the app:"), self.language_box)
        form.addRow("", note)  # under the list it speaks of, clear of the buttons
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(self.fontMetrics().lineSpacing())  # the Dutch note crowded OK
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        self._settings.set_ui_language(self.language_box.currentData())
        super().accept()
