"""Text inputs that commit on Enter or focus-out, and a plain-text edit that grows
with its text (so a form in a scroll area shows it whole)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSizePolicy, QWidget


class TextBinding(QObject):
    """One text input bound to one objective field.

    Commits on Enter or focus-out (line edits) or on focus-out (plain text), and only
    when the text differs from the value last loaded or committed. Each focus-in opens
    a new merge session, so commits within one visit of the field are one undo step.
    GUI thread only.
    """

    def __init__(
        self,
        parent: QObject,
        widget: QLineEdit | QPlainTextEdit,
        field: str,
        on_commit: Callable[[TextBinding], None],
    ) -> None:
        super().__init__(parent)
        self._on_commit = on_commit
        self.widget = widget
        self.field = field
        self.committed = ""
        self.session = 0
        widget.installEventFilter(self)
        if isinstance(widget, QLineEdit):
            widget.editingFinished.connect(self.commit)

    def text(self) -> str:
        w = self.widget
        return w.text() if isinstance(w, QLineEdit) else w.toPlainText()

    def pending(self) -> bool:
        return self.text() != self.committed

    def load(self, value: str, *, force: bool = False) -> None:
        """Show the file's ``value``; typing not yet committed stays unless it changed."""
        if not force and value == self.committed:
            return
        self.committed = value
        if self.text() == value:
            return
        w = self.widget
        if isinstance(w, QLineEdit):
            position = w.cursorPosition()
            w.setText(value)
            w.setCursorPosition(min(position, len(value)) if w.hasFocus() else 0)
        else:
            position = w.textCursor().position()
            w.setPlainText(value)
            if w.hasFocus():
                cursor = w.textCursor()
                cursor.setPosition(min(position, len(value)))
                w.setTextCursor(cursor)

    def commit(self) -> None:
        if self.pending():
            self._on_commit(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.session += 1
        elif event.type() == QEvent.Type.FocusOut and isinstance(self.widget, QPlainTextEdit):
            self.commit()
        return False


class GrowingTextEdit(QPlainTextEdit):
    """A plain-text edit as tall as its text (``min_lines``..``max_lines``); Tab moves
    on. Owns nothing but its text. GUI thread only."""

    def __init__(self, *, min_lines: int = 3, max_lines: int = 16, parent: QWidget | None = None):
        super().__init__(parent)
        self._lines = (min_lines, max_lines)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _height_for(self, lines: int) -> int:
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom()
        document_margin = int(self.document().documentMargin() * 2)
        return lines * self.fontMetrics().lineSpacing() + frame + document_margin + 2

    def _fit(self, *_args: object) -> None:
        low, high = self._lines
        lines = int(self.document().documentLayout().documentSize().height())
        self.setFixedHeight(self._height_for(max(low, min(high, lines))))

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()  # wrapping changes with the width
