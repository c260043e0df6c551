"""The chapter tree as the chapters editor shows it: number, title and kind of each
chapter in the document's order, the parts we make (objectives, budget, staffing,
signatures) where the tree places them, and in italics those it places nowhere (they
print after the chapters).

Passive: given its entries (``services.chapter_tree.ChapterEntry``), it shows them and
keeps the current chapter by id across a refresh; the editor acts on what is chosen.
GUI thread only.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from planner_app.domain.enums import SectionKind
from planner_app.domain.labels import label
from planner_app.i18n import _
from planner_app.services.chapter_tree import ChapterEntry
from planner_app.ui.core.labels import capitalised, one_line

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


def kind_label(kind: SectionKind | str) -> str:
    return capitalised(label(kind))


class ChapterTreeView(QTreeWidget):
    """Chapters as a tree; ``entry(item)`` gives the ``ChapterEntry`` of a row."""

    NUMBER, TITLE, KIND = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chapter_tree")
        self.setColumnCount(3)
        self.setHeaderLabels([_("No."), _("Chapter"), _("Kind")])
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.KIND, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(self.KIND, 110)  # the title gets the room; kinds are tooltipped
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self._entries: list[ChapterEntry] = []

    # --- reading -----------------------------------------------------------------------

    @property
    def entries(self) -> list[ChapterEntry]:
        return list(self._entries)

    def entry(self, item: QTreeWidgetItem | None) -> ChapterEntry | None:
        return item.data(0, ENTRY_ROLE) if item is not None else None

    def current_entry(self) -> ChapterEntry | None:
        return self.entry(self.currentItem())

    def item_of(self, key: uuid.UUID | SectionKind | None) -> QTreeWidgetItem | None:
        """The row of a chapter (by id) or of an unplaced made part (by kind)."""
        iterator = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            entry = self.entry(item)
            if entry is not None and (entry.id == key or (entry.id is None and entry.kind == key)):
                return item
            iterator.extend(item.child(i) for i in range(item.childCount()))
        return None

    # --- showing -----------------------------------------------------------------------

    def show_entries(self, entries: list[ChapterEntry], title_of, current=None) -> None:
        """Show ``entries`` (document order); ``title_of(entry)`` is its title as shown;
        keep ``current`` (a chapter id or an unplaced part's kind) chosen."""
        self._entries = list(entries)
        self.blockSignals(True)
        try:
            self.clear()
            items: dict[uuid.UUID, QTreeWidgetItem] = {}
            for entry in entries:
                title = one_line(title_of(entry))
                number = entry.number or ("" if entry.numbered else "–")
                item = QTreeWidgetItem([number, title, kind_label(entry.kind)])
                item.setData(0, ENTRY_ROLE, entry)
                item.setToolTip(self.TITLE, title)
                item.setToolTip(self.KIND, kind_label(entry.kind))
                if not entry.placed:
                    font = item.font(self.TITLE)
                    font.setItalic(True)
                    for column in range(3):
                        item.setFont(column, font)
                    item.setToolTip(
                        self.TITLE,
                        _("Printed after the chapters; add it to the tree to place it."),
                    )
                elif not entry.printed:
                    item.setToolTip(self.TITLE, _("Nothing to print yet: left out of the PDF."))
                    item.setForeground(self.TITLE, self.palette().placeholderText())
                parent = items.get(entry.parent_id) if entry.parent_id else None
                if parent is not None:
                    parent.addChild(item)
                else:
                    self.addTopLevelItem(item)
                if entry.id is not None:
                    items[entry.id] = item
            self.expandAll()
            chosen = self.item_of(current) if current is not None else None
            self.setCurrentItem(chosen)
            if chosen is None:
                self.clearSelection()
        finally:
            self.blockSignals(False)

    # --- where a move goes ---------------------------------------------------------------

    def siblings_of(self, entry: ChapterEntry) -> list[ChapterEntry]:
        """The placed chapters under the same parent, in order."""
        return [e for e in self._entries if e.placed and e.parent_id == entry.parent_id]

    def previous_sibling(self, entry: ChapterEntry) -> ChapterEntry | None:
        siblings = self.siblings_of(entry)
        index = [e.id for e in siblings].index(entry.id)
        return siblings[index - 1] if index > 0 else None

    def children_of(self, section_id: uuid.UUID | None) -> list[ChapterEntry]:
        return [e for e in self._entries if e.placed and e.parent_id == section_id]

    def parent_entry(self, entry: ChapterEntry) -> ChapterEntry | None:
        return next((e for e in self._entries if e.id == entry.parent_id), None)
