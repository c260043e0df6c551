"""The left side of the chapters editor: the chapter tree and what changes its shape:
add a chapter after the chosen one or under it, remove it (with its sub-chapters),
move it up or down among its siblings, indent it under the chapter before it, outdent
it after its parent. Buttons, a context menu and keys: Ins, Alt+Ins, Del, Ctrl+↑/↓,
Tab, Shift+Tab. Every change is one undo command; the chosen chapter stays chosen.

The parts we make (objectives, budget, staffing, signatures) are placed by adding them
like chapters (Add chapter → Objectives); until then the tree shows them in italics
after the chapters, where they print. GUI thread only.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGridLayout, QMenu, QPushButton, QVBoxLayout, QWidget

from planner_app.domain.enums import GENERATED_KINDS, SectionKind
from planner_app.i18n import _
from planner_app.services.chapter_tree import ChapterEntry
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text
from planner_app.ui.plan.chapter_commands import (
    AddChapterCommand,
    DeleteChapterCommand,
    MoveChapterCommand,
)
from planner_app.ui.plan.chapter_tree_view import ChapterTreeView, kind_label


class ChapterOutlinePanel(QWidget):
    """The chapter tree with its structure edits; ``chosen(entry)`` is called when
    another chapter is chosen, ``before_edit()`` before any change (to commit typing)."""

    def __init__(
        self,
        chosen: Callable[[ChapterEntry | None], None],
        before_edit: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._chosen, self._before_edit = chosen, before_edit
        self.document: PlanDocument | None = None
        self.read_only = True
        self.language = "nl"
        self.tree = ChapterTreeView()
        self.tree.currentItemChanged.connect(lambda *_a: self._chosen(self.tree.current_entry()))
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.add_menu = QMenu(self)
        self.add_menu.aboutToShow.connect(lambda: self._fill_add_menu(self.add_menu, child=False))
        self.child_menu = QMenu(self)
        self.child_menu.aboutToShow.connect(
            lambda: self._fill_add_menu(self.child_menu, child=True)
        )
        self.actions_: dict[str, QAction] = {}
        for key, text, shortcut, slot in (
            ("add", _("Add chapter after"), "Ins", lambda: self.add_chapter(SectionKind.FREE)),
            (
                "add_child",
                _("Add sub-chapter"),
                "Alt+Ins",
                lambda: self.add_chapter(SectionKind.FREE, child=True),
            ),
            ("remove", _("Remove chapter"), "Del", self.remove_chapter),
            ("up", _("Move up"), "Ctrl+Up", lambda: self.move_chapter(-1)),
            ("down", _("Move down"), "Ctrl+Down", lambda: self.move_chapter(+1)),
            ("indent", _("Indent"), "Tab", self.indent),
            ("outdent", _("Outdent"), "Shift+Tab", self.outdent),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(context)
            action.triggered.connect(lambda _c=False, f=slot: f())
            self.tree.addAction(action)
            self.actions_[key] = action
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.add_button = QPushButton(_("Add chapter"))
        self.add_button.setMenu(self.add_menu)
        self.add_child_button = QPushButton(_("Add sub-chapter"))
        self.add_child_button.setMenu(self.child_menu)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.addWidget(self.add_button, 0, 0)
        grid.addWidget(self.add_child_button, 0, 1)
        places = {"indent": (1, 0), "outdent": (1, 1), "up": (2, 0), "down": (2, 1)}
        for key, (row, column) in {**places, "remove": (3, 0)}.items():
            button = QPushButton(self.actions_[key].text())
            button.setToolTip(
                self.actions_[key].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
            button.clicked.connect(self.actions_[key].trigger)
            self.buttons[key] = button
            grid.addWidget(button, row, column, 1, 2 if key == "remove" else 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addLayout(grid)

    # --- showing ------------------------------------------------------------------------

    def show_entries(
        self,
        document: PlanDocument | None,
        entries: list[ChapterEntry],
        title_of,
        *,
        read_only: bool,
        current: uuid.UUID | SectionKind | None,
    ) -> None:
        self.document, self.read_only = document, read_only
        self.tree.show_entries(entries, title_of, current)
        self.update_actions()

    def update_actions(self) -> None:
        entry = self.tree.current_entry()
        editable = self.document is not None and not self.read_only
        placed = editable and entry is not None and entry.placed
        siblings = self.tree.siblings_of(entry) if placed and entry else []
        index = [e.id for e in siblings].index(entry.id) if placed and entry else -1
        enabled = {
            "add": editable,
            "add_child": placed,
            "remove": placed,
            "up": placed and index > 0,
            "down": placed and 0 <= index < len(siblings) - 1,
            "indent": placed and index > 0,
            "outdent": placed and entry is not None and entry.parent_id is not None,
        }
        for key, on in enabled.items():
            self.actions_[key].setEnabled(on)
            if key in self.buttons:
                self.buttons[key].setEnabled(on)
        self.add_button.setEnabled(editable)
        self.add_child_button.setEnabled(placed)

    def _fill_add_menu(self, menu: QMenu, *, child: bool) -> None:
        menu.clear()
        placed = {e.kind for e in self.tree.entries if e.placed}
        for kind in SectionKind:
            if kind in GENERATED_KINDS and kind in placed:
                continue  # placed already: once per plan
            action = menu.addAction(kind_label(kind))
            action.triggered.connect(lambda _c=False, k=kind: self.add_chapter(k, child=child))

    # --- edits --------------------------------------------------------------------------

    def _run(self, command) -> bool:
        if self.document is None or self.read_only:
            return False
        self._before_edit()
        return bool(self.document.run(command, initiator=None))

    def add_chapter(self, kind: SectionKind | str, *, child: bool = False) -> uuid.UUID | None:
        """A new chapter of ``kind`` after the chosen one (``child``: as its last
        sub-chapter; nothing chosen: at the end). A made part's chapter is titled by
        the document (empty here: the PDF names it in its own language)."""
        if self.document is None or self.read_only:
            return None
        kind = SectionKind(kind)
        entry = self.tree.current_entry()
        parent_id: uuid.UUID | None = None
        position: int | None = None
        if entry is not None and entry.placed:
            if child:
                parent_id = entry.id
            else:
                parent_id = entry.parent_id
                siblings = self.tree.siblings_of(entry)
                position = [e.id for e in siblings].index(entry.id) + 1
        elif child:
            return None
        numbered = entry.numbered if entry is not None and entry.placed else True
        title = {} if kind in GENERATED_KINDS else {self.language: kind_label(kind)}
        command = AddChapterCommand(
            self.document,
            kind.value,
            title,
            parent_id=parent_id,
            position=position,
            numbered=numbered,
        )
        if not self._run(command):
            return None
        self.select(command.row_id)
        return command.row_id

    def remove_chapter(self) -> bool:
        entry = self.tree.current_entry()
        if entry is None or not entry.placed or self.document is None:
            return False
        siblings = self.tree.siblings_of(entry)
        index = [e.id for e in siblings].index(entry.id)
        after = (
            siblings[index + 1].id
            if index + 1 < len(siblings)
            else siblings[index - 1].id
            if index > 0
            else entry.parent_id
        )
        assert entry.id is not None
        if not self._run(DeleteChapterCommand(self.document, entry.id)):
            return False
        self.select(after)
        return True

    def _move(self, entry: ChapterEntry, parent_id: uuid.UUID | None, position: int, text: str):
        assert entry.id is not None and self.document is not None
        command = MoveChapterCommand(self.document, entry.id, parent_id, position, text)
        if not self._run(command):
            return False
        self.select(entry.id)
        return True

    def move_chapter(self, step: int) -> bool:
        entry = self.tree.current_entry()
        if entry is None or not entry.placed:
            return False
        siblings = self.tree.siblings_of(entry)
        index = [e.id for e in siblings].index(entry.id)
        target = index + step
        if not 0 <= target < len(siblings):
            return False
        return self._move(entry, entry.parent_id, target, undo_text("section", "move"))

    def indent(self) -> bool:
        """Under the chapter before it, as its last sub-chapter."""
        entry = self.tree.current_entry()
        if entry is None or not entry.placed:
            return False
        before = self.tree.previous_sibling(entry)
        if before is None:
            return False
        position = len(self.tree.children_of(before.id))
        return self._move(entry, before.id, position, undo_text("section", "indent"))

    def outdent(self) -> bool:
        """After its parent, among the parent's siblings."""
        entry = self.tree.current_entry()
        if entry is None or not entry.placed or entry.parent_id is None:
            return False
        parent = self.tree.parent_entry(entry)
        if parent is None:
            return False
        siblings = self.tree.siblings_of(parent)
        position = [e.id for e in siblings].index(parent.id) + 1
        return self._move(entry, parent.parent_id, position, undo_text("section", "outdent"))

    def select(self, key: uuid.UUID | SectionKind | None) -> None:
        item = self.tree.item_of(key) if key is not None else None
        self.tree.setCurrentItem(item)
        if item is None:
            self.tree.clearSelection()
        self.update_actions()
