"""A filter over the objective tree: words in code or title (or in all its text), a
status, a lead unit; and the find-next order over the matches."""

from __future__ import annotations

import unicodedata
import uuid
from functools import lru_cache

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from planner_app.domain.enums import Status
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel
from planner_app.ui.objectives.tree_node import TreeNode

Index = QModelIndex | QPersistentModelIndex


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` without case or accents (``Élève`` -> ``eleve``), for matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class ObjectiveFilterModel(QSortFilterProxyModel):
    """Shows the objectives that match every set criterion, with their ancestors.

    Owns only the criteria (words, status, lead unit) and, per criteria, the set of
    rows to show; the rows belong to the ``ObjectiveTreeModel``. An objective matches
    when every word occurs in its code or title (case and accents ignored), its
    status is the chosen one and its lead unit the chosen one. One pass over the tree
    marks the matches and their ancestors, so ancestors of matches stay visible
    without Qt's ``recursiveFilteringEnabled`` (off on purpose: it calls
    ``filterAcceptsRow`` for every descendant of every hidden row, which doubled the
    time per keystroke on the 10,000-objective plan). A heading shows while one of
    its SDs shows. New criteria reset the proxy: Qt's row-by-row re-filtering of an
    expanded 10,000-row tree took seconds. GUI thread only.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(False)  # see the class docstring
        self.setDynamicSortFilter(False)  # a rename must not hide the row being edited
        self._words: tuple[str, ...] = ()
        self._status: Status | None = None
        self._unit_id: uuid.UUID | None = None
        self._everywhere = False  # words may match descriptions, milestones, indicators
        self._full: dict[uuid.UUID, str] = {}  # folded full texts while _everywhere
        self._folded_from: dict[uuid.UUID, str] | None = None  # what _folded was made of
        self._folded: dict[uuid.UUID, str] = {}
        self._active = False
        self._shown: set[int] | None = None  # id() of the nodes to show
        self._match_count = 0

    def setSourceModel(self, model: ObjectiveTreeModel) -> None:  # type: ignore[override]
        # Connected before Qt's own slots, so the set is stale-free before Qt re-filters.
        model.modelAboutToBeReset.connect(self._forget)
        model.dataChanged.connect(self._forget)
        super().setSourceModel(model)

    def _forget(self, *_args: object) -> None:
        self._shown = None

    def tree_model(self) -> ObjectiveTreeModel:
        model = self.sourceModel()
        assert isinstance(model, ObjectiveTreeModel)
        return model

    # --- criteria ------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self._active

    def match_count(self) -> int:
        """How many objectives match themselves (ancestors shown for them not counted)."""
        self._shown_nodes()
        return self._match_count

    def set_criteria(
        self,
        text: str = "",
        status: Status | None = None,
        unit_id: uuid.UUID | None = None,
        everywhere: bool = False,
    ) -> bool:
        """Filter by these; False (and nothing done) when they are the current ones.
        With ``everywhere`` the words may also occur in an objective's description,
        intended results, milestones or indicators."""
        words = tuple(fold(text).split())
        criteria = (words, status, unit_id, everywhere)
        if criteria == (self._words, self._status, self._unit_id, self._everywhere):
            return False
        self.beginResetModel()
        self._words, self._status, self._unit_id, self._everywhere = criteria
        self._full = self._folded_texts() if everywhere and words else {}
        self._active = bool(words) or status is not None or unit_id is not None
        self._shown = None
        self.endResetModel()
        return True

    def _folded_texts(self) -> dict[uuid.UUID, str]:
        """The model's full texts folded, once per reading of them (not per keystroke)."""
        texts = self.tree_model().full_texts()
        if texts is not self._folded_from:
            self._folded_from = texts
            self._folded = {oid: fold(text) for oid, text in texts.items()}
        return self._folded

    # --- matching ------------------------------------------------------------------

    def _matches(self, node: TreeNode) -> bool:
        if self._status is not None and node.status is not self._status:
            return False
        if self._unit_id is not None and node.lead_unit_id != self._unit_id:
            return False
        if self._words:
            text = node.search_text
            if text is None:  # folded once per node (a rename makes a new node text)
                text = node.search_text = fold(f"{node.code} {node.title}")
            if self._full and node.id in self._full:
                text = f"{text}\n{self._full[node.id]}"
            return all(word in text for word in self._words)
        return True

    def _shown_nodes(self) -> set[int]:
        """One depth-first pass: the matches, their ancestors, their headings."""
        if self._shown is not None:
            return self._shown
        shown: set[int] = set()
        count = 0
        matches = self._matches

        def visit(node: TreeNode) -> bool:
            nonlocal count
            hit = False
            for child in node.children:
                if not child.heading and visit(child):
                    hit = True
            if node.heading or node.parent is None:
                return hit
            if matches(node):
                count += 1
                hit = True
            if hit:
                shown.add(id(node))
            return hit

        root = self.tree_model().node(QModelIndex())
        visit(root)
        for node in root.children:  # a heading shows with one of its SDs
            if node.heading and any(
                id(c) in shown for c in root.children if c.policy_field_id == node.id
            ):
                shown.add(id(node))
        self._shown, self._match_count = shown, count
        return shown

    def matches_id(self, objective_id: uuid.UUID | None) -> bool:
        """Whether an objective matches the criteria itself (not only as an ancestor)."""
        model = self.tree_model()
        index = model.index_of(objective_id) if objective_id else QModelIndex()
        return index.isValid() and self._matches(model.node(index))

    def first_match_id(self) -> uuid.UUID | None:
        """The first objective in tree order that matches itself."""
        return next(self._match_ids(), None)

    def _match_ids(self):
        stack = list(reversed(self.tree_model().node(QModelIndex()).children))
        while stack:
            node = stack.pop()
            if not node.heading and self._matches(node):
                yield node.id
            stack.extend(reversed(node.children))

    def next_match_id(
        self, after: uuid.UUID | None, *, backwards: bool = False
    ) -> uuid.UUID | None:
        """The match after (or before) ``after`` in tree order, wrapping round; None
        when nothing matches. With no criteria every objective matches."""
        matches = list(self._match_ids())
        if not matches:
            return None
        if backwards:
            matches.reverse()
        if after in matches:
            return matches[(matches.index(after) + 1) % len(matches)]
        return matches[0]

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Answered from the tree itself: Qt's answer maps (filters) every child of
        every visible row just to draw its expand arrow."""
        if parent.isValid() and parent.column() != 0:
            return False
        node = self.tree_model().node(self.mapToSource(parent))
        if not self._active:
            return node.child_count() > 0  # children not made yet stay so
        shown = self._shown_nodes()
        return any(id(child) in shown for child in node.children)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # Called for every child of every row the view opens: kept lean on purpose.
        if not self._active:
            return True
        shown = self._shown if self._shown is not None else self._shown_nodes()
        parent = (
            source_parent.internalPointer()
            if source_parent.isValid()
            else self.tree_model().node(source_parent)
        )
        children = parent.children
        return source_row < len(children) and id(children[source_row]) in shown
