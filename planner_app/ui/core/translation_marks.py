"""The first-language text under a field edited in another language, and the mark of
a translation still missing."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from planner_app.i18n import _
from planner_app.ui.core.labels import one_line

UNTRANSLATED_STYLE = "border: 1px solid #e08a00;"  # orange: a translation to make


class ReferenceHint(QObject):
    """Pairs one text field with a grey label holding its first-language text.

    While the field is edited in the main language, the label is empty and the field
    unmarked. While it is edited in another language, the label shows the main text
    (``"nl: …"``) and an empty field gets an orange border and a placeholder saying it
    is not translated yet. Owns the label (put it in the layout under the field).
    GUI thread only.
    """

    def __init__(self, parent: QObject, field: QLineEdit | QPlainTextEdit) -> None:
        super().__init__(parent)
        self.field = field
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setStyleSheet("color: palette(placeholder-text);")
        self._reference = ""
        self._translating = False
        self.hides_when_empty = False  # set by field_with_reference
        field.textChanged.connect(self._update_mark)

    @property
    def untranslated(self) -> bool:
        """The field is a translation, its main text exists and it is still empty."""
        return self._translating and bool(self._reference) and not self._text().strip()

    @property
    def visible(self) -> bool:
        """Whether the label has anything to show."""
        return bool(self.label.text())

    def show_reference(self, reference: str, main: str, language: str) -> None:
        """``reference`` is the text in ``main``; the field now edits ``language``."""
        self._translating = language != main
        self._reference = reference.strip() if self._translating else ""
        if self._reference:
            shown = one_line(self._reference)
            if len(shown) > 300:
                shown = shown[:299] + "…"
            self.label.setText(f"{main}: {shown}")
            self.label.setToolTip(self._reference if len(self._reference) > 300 else "")
        else:
            self.label.setText("")
            self.label.setToolTip("")
        self.field.setPlaceholderText(
            _("Not translated yet ({lang})").format(lang=language) if self._reference else ""
        )
        if self.hides_when_empty:
            self.label.setVisible(self.visible)
        self._update_mark()

    def _text(self) -> str:
        f = self.field
        return f.text() if isinstance(f, QLineEdit) else f.toPlainText()

    def _update_mark(self, *_args: object) -> None:
        style = UNTRANSLATED_STYLE if self.untranslated else ""
        if self.field.styleSheet() != style:
            self.field.setStyleSheet(style)


def field_with_reference(
    parent: QObject, field: QLineEdit | QPlainTextEdit
) -> tuple[QWidget, ReferenceHint]:
    """``field`` with its reference label under it, in one widget for a form row; the
    label hides while it has nothing to show (``ReferenceHint.show_reference``)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    hint = ReferenceHint(parent, field)
    column.addWidget(field)
    column.addWidget(hint.label)
    hint.label.hide()
    hint.hides_when_empty = True
    return box, hint
