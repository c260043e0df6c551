"""Cell editors open in item views: commit them before the ground moves under them.

A cell editor still open when its model is reset (another plan shown, an undo that
re-reads the rows) was released by the view, then lost focus as it was hidden; its
delegate then committed it to a view that no longer knew it, and Qt logged
"QAbstractItemView::commitData called with an editor that does not belong to this view"
(issue 32, item 9), and the text typed was lost. ``finish_editing`` commits and closes
the open editors first (what the window does before a plan switch, an undo or a close);
``guard`` drops an editor cleanly if a reset comes anyway.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Slot
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QWidget
from shiboken6 import Shiboken

_NO_HINT = QAbstractItemDelegate.EndEditHint.NoHint


def open_editor(view: QAbstractItemView) -> tuple[QWidget, QModelIndex] | None:
    """The cell editor open in ``view`` and its index, if one is."""
    if view.state() != QAbstractItemView.State.EditingState:
        return None
    index = view.currentIndex()
    editor = view.indexWidget(index) if index.isValid() else None
    return (editor, index) if editor is not None else None


def finish_editing(root: QWidget) -> int:
    """Commit and close every cell editor open in the views under ``root`` (and
    ``root`` itself); the number committed."""
    views = root.findChildren(QAbstractItemView)
    if isinstance(root, QAbstractItemView):
        views.append(root)
    done = 0
    for view in views:
        found = open_editor(view)
        if found is None:
            continue
        editor, _index = found
        view.commitData(editor)  # the view's own slot: setModelData through the delegate
        view.closeEditor(editor, _NO_HINT)
        done += 1
    return done


def drop_editor(view: QAbstractItemView) -> None:
    """Close the open editor without committing it, and without its delegate
    committing it later as it loses focus."""
    found = open_editor(view)
    if found is None:
        return
    editor, index = found
    editor.removeEventFilter(view.itemDelegateForIndex(index))
    view.closeEditor(editor, _NO_HINT)


class _Guard(QObject):
    """Lives (and is disconnected) with its view."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    @Slot()
    def drop(self) -> None:
        if Shiboken.isValid(self._view):  # not while the view itself is being destroyed
            drop_editor(self._view)


def guard(view: QAbstractItemView) -> None:
    """Drop ``view``'s open editor when its model is about to be reset."""
    model = view.model()
    if model is not None and view.findChild(_Guard) is None:
        model.modelAboutToBeReset.connect(_Guard(view).drop)
