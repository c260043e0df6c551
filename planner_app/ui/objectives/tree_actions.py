"""The Edit menu of the objective tree: undo/redo, cut/copy/paste, add, rename, delete,
move, indent."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from planner_app.domain.enums import ObjectiveLevel, Status
from planner_app.i18n import _, ngettext
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import (
    Applied,
    PlanDocument,
)
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.labels import one_line, status_label
from planner_app.ui.core.status_icons import status_icon
from planner_app.ui.core.undo_texts import undo_text
from planner_app.ui.objectives import tree_moves
from planner_app.ui.objectives.clipboard import (
    MoveToPlanCommand,
    ObjectiveClip,
    PasteObjectiveCommand,
    paste_target,
)
from planner_app.ui.objectives.commands import (
    AddObjectiveCommand,
    DeleteObjectiveCommand,
    MoveObjectiveCommand,
)
from planner_app.ui.objectives.objective_tree_view import ObjectiveTreeView
from planner_app.ui.objectives.tree_moves import Target
from planner_app.ui.objectives.tree_node import TreeNode


def _keys(*keys: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, str):
            out.append(QKeySequence(key))
        else:
            out.extend(QKeySequence.keyBindings(key))
    return list(dict.fromkeys(out))


class TreeActions(DocumentBound, QObject):
    """Owns the tree's edit actions, the undo group of the open plans and the context menu.

    Each action builds an undo command from the current row and runs it through the
    shown plan's ``PlanDocument``; an action whose move the level rules forbid (or any
    action on a plan that cannot change) is disabled. GUI thread only.
    """

    def __init__(self, tree: ObjectiveTreeView, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self.tree = tree
        self.model = tree.tree_model
        self._document: PlanDocument | None = None
        self.reveal: Callable[[], None] | None = None  # clears the filter when set
        self.clip: ObjectiveClip | None = None  # the app's objective clipboard
        self.more_actions: list[QAction] = []  # the window's, at the end of the context menu
        # False while another tab is shown: Edit → Delete… (or Cut, Paste) from the
        # menu must not act on an objective the user cannot see.
        self.tree_shown = True
        self.undo_group = QUndoGroup(self)
        self.undo_action = self.undo_group.createUndoAction(self, _("Undo"))
        self.undo_action.setShortcuts(_keys(QKeySequence.StandardKey.Undo, "Ctrl+Z"))
        self.redo_action = self.undo_group.createRedoAction(self, _("Redo"))
        self.redo_action.setShortcuts(
            _keys(QKeySequence.StandardKey.Redo, "Ctrl+Y", "Ctrl+Shift+Z")
        )
        tree_only = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.add_child_action = self._action(_("&Add child"), self.add_child, "Alt+Ins", tree_only)
        self.add_sibling_action = self._action(
            _("Add &sibling"), self.add_sibling, "Ins", tree_only
        )
        self.cut_action = self._action(_("Cu&t"), self.cut, "Ctrl+X", tree_only)
        self.copy_action = self._action(_("&Copy"), self.copy, "Ctrl+C", tree_only)
        self.paste_action = self._action(_("&Paste"), self.paste, "Ctrl+V", tree_only)
        self.rename_action = self._action(_("&Rename"), self.rename, "F2", tree_only)
        self.delete_action = self._action(_("&Delete…"), self.delete, "Del", tree_only)
        self.move_up_action = self._action(_("Move &up"), self.move_up, "Ctrl+Up", tree_only)
        self.move_down_action = self._action(
            _("Move do&wn"), self.move_down, "Ctrl+Down", tree_only
        )
        self.indent_action = self._action(_("&Indent"), self.indent, "Tab", tree_only)
        self.outdent_action = self._action(_("&Outdent"), self.outdent, "Shift+Tab", tree_only)
        self.expand_action = self._action(_("E&xpand all"), self.tree.expandAll)
        self.collapse_action = self._action(_("Co&llapse all"), self.tree.collapseAll)
        self.edit_actions = (
            self.cut_action,
            self.paste_action,
            self.add_child_action,
            self.add_sibling_action,
            self.rename_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
            self.indent_action,
            self.outdent_action,
        )
        for action in (*self.edit_actions, self.copy_action):  # copying reads only
            tree.addAction(action)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._show_context_menu)
        tree.selectionModel().currentRowChanged.connect(self.update_actions)
        self.model.modelReset.connect(self.update_actions)
        self.update_actions()

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        key: str = "",
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> QAction:
        action = QAction(text, self._window)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- document ------------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        """Edit this plan (``None``: nothing open); its undo stack becomes the active one."""
        if self._document is not None:
            self.undo_group.removeStack(self._document.undo_stack)
        if document is not None:
            self.undo_group.addStack(document.undo_stack)
            self.undo_group.setActiveStack(document.undo_stack)
        super().set_document(document)

    def reload(self) -> None:
        self.update_actions()

    def _on_changed(self, _applied: Applied) -> None:
        self.update_actions()

    def populate(self, menu: QMenu) -> None:
        """The Edit menu: undo/redo, then the tree's edits (expand/collapse go to View)."""
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        for action in (self.cut_action, self.copy_action, self.paste_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.add_child_action, self.add_sibling_action, self.rename_action):
            menu.addAction(action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        for action in (self.move_up_action, self.move_down_action):
            menu.addAction(action)
        menu.addAction(self.indent_action)
        menu.addAction(self.outdent_action)

    def context_menu(self) -> QMenu:
        menu = QMenu(self.tree)
        for action in (self.add_child_action, self.add_sibling_action, self.rename_action):
            menu.addAction(action)
        self._add_status_menu(menu)
        menu.addSeparator()
        menu.addAction(self.indent_action)
        menu.addAction(self.outdent_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        if self.more_actions:
            menu.addSeparator()
            for action in self.more_actions:
                menu.addAction(action)
        return menu

    def _add_status_menu(self, menu: QMenu) -> None:
        """Status ▸ with the current one checked; choosing one is one undoable edit.
        None where the plan does not track status."""
        if not self.model.tracks_status:
            return
        node = self.tree.current_node()
        statuses = menu.addMenu(_("S&tatus"))
        statuses.setEnabled(
            self.editable and node is not None and not node.heading and not node.reference
        )
        if node is None or node.heading or node.id is None:
            return
        index = self.model.index_of(node.id, self.model.STATUS)
        for status in Status:
            action = statuses.addAction(status_icon(status), status_label(status))
            action.setCheckable(True)
            action.setChecked(status is node.status)
            action.triggered.connect(lambda _checked=False, s=status: self.model.setData(index, s))

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # --- state ---------------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        return self.document is not None and self.model.editable and self.tree_shown

    def set_tree_shown(self, shown: bool) -> None:
        """The objective tree's tab is (not) the one shown; its edits follow."""
        self.tree_shown = shown
        self.update_actions()

    def update_actions(self, *_args: object) -> None:
        node = self.tree.current_node() if self.tree_shown else None
        editable = self.editable
        objective = editable and node is not None and not node.heading
        # the strategic plan's objectives in a yearly plan: add under them, nothing else
        own = objective and node is not None and not node.reference
        self.add_child_action.setEnabled(
            objective
            and node is not None
            and tree_moves.child_level(node, self.model.scheme) is not None
        )
        self.add_sibling_action.setEnabled(editable and self.model.plan_id is not None)
        self.rename_action.setEnabled(own)
        self.copy_action.setEnabled(
            self.document is not None and node is not None and not node.heading
        )
        self.cut_action.setEnabled(own)
        self.paste_action.setEnabled(self._paste_target() is not None)
        self.delete_action.setEnabled(own)
        for action, find in (
            (self.move_up_action, tree_moves.move_up_target),
            (self.move_down_action, tree_moves.move_down_target),
            (self.indent_action, tree_moves.indent_target),
            (self.outdent_action, tree_moves.outdent_target),
        ):
            action.setEnabled(own and node is not None and find(node) is not None)
        has_rows = self.model.rowCount() > 0
        self.expand_action.setEnabled(has_rows)
        self.collapse_action.setEnabled(has_rows)

    # --- edits ---------------------------------------------------------------------------

    def _run(self, command: BaseCommand) -> bool:
        assert self.document is not None
        return bool(self.document.run(command, initiator=self))

    def _new_objective(
        self,
        level: ObjectiveLevel,
        parent_id: uuid.UUID | None,
        position: int | None,
        policy_field_id: uuid.UUID | None = None,
    ) -> uuid.UUID | None:
        if not self.editable:
            return None
        assert self.document is not None
        language = self.model.languages[0]
        fields = {"policy_field_id": policy_field_id} if policy_field_id else {}
        # The title to type over: the level's name as the plan calls it, in the plan's
        # language ("Werf", "Objectif opérationnel"), whatever the UI speaks.
        command = AddObjectiveCommand(
            self.document,
            level=level,
            title={language: self.model.scheme.name(level, language)},
            parent_id=parent_id,
            position=position,
            **fields,
        )
        if not self._run(command):
            return None
        if not self.tree.view_index(command.objective_id).isValid() and self.reveal:
            self.reveal()  # the filter hides it: show everything
        self.tree.edit_title(command.objective_id)
        return command.objective_id

    def add_child(self) -> uuid.UUID | None:
        node = self.tree.current_node()
        level = tree_moves.child_level(node, self.model.scheme) if node is not None else None
        if node is None or node.heading or level is None:
            return None
        return self._new_objective(level, node.id, None)

    def add_sibling(self) -> uuid.UUID | None:
        node = self.tree.current_node() or self.model.node(self.tree.rootIndex())
        if node.parent is None:  # nothing current: a new SD at the end
            return self._new_objective(ObjectiveLevel.STRATEGIC, None, None)
        found = tree_moves.sibling_target(node)
        if found is None:
            return None
        level, (parent_id, position), field = found
        return self._new_objective(level, parent_id, position, field)

    def rename(self) -> None:
        node = self.tree.current_node()
        if (
            self.editable
            and node is not None
            and node.id is not None
            and not node.heading
            and not node.reference
        ):
            self.tree.edit_title(node.id)

    def delete(self) -> bool:
        node = self.tree.current_node()
        if not self.editable or node is None or node.heading or node.id is None:
            return False
        if node.reference:
            return False
        assert self.document is not None
        under = tree_moves.subtree_size(node)
        name = one_line(f"{node.code} {node.title}")
        text = _("Delete “{name}”?").format(name=name)
        if under:
            text += " " + ngettext(
                "Its {n} sub-objective is deleted with it.",
                "Its {n} sub-objectives are deleted with it.",
                under,
            ).format(n=under)
        text += " " + _("You can undo this with Edit → Undo.")
        answer = QMessageBox.question(
            self._window,
            _("Delete objective"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._run(DeleteObjectiveCommand(self.document, node.id))

    def _move(self, find: Callable[[TreeNode], Target | None], text: str) -> bool:
        node = self.tree.current_node()
        if not self.editable or node is None or node.id is None:
            return False
        target = find(node)
        if target is None:
            return False
        assert self.document is not None
        parent_id, position = target
        command = MoveObjectiveCommand(
            self.document, node.id, parent_id=parent_id, position=position
        )
        command.setText(text)
        moved = self._run(command)
        if moved:
            self.tree.select_objective(node.id)
        return moved

    def move_up(self) -> bool:
        return self._move(tree_moves.move_up_target, _("Move objective up"))

    def move_down(self) -> bool:
        return self._move(tree_moves.move_down_target, _("Move objective down"))

    def indent(self) -> bool:
        return self._move(tree_moves.indent_target, _("Indent objective"))

    def outdent(self) -> bool:
        return self._move(tree_moves.outdent_target, _("Outdent objective"))

    # --- clipboard -----------------------------------------------------------------------

    def copy(self, *, cut: bool = False) -> bool:
        """Put the current objective on the clipboard (its code and title as text too)."""
        node = self.tree.current_node()
        if self.document is None or node is None or node.heading or node.id is None:
            return False
        if cut and not self.editable:
            return False
        assert node.level is not None
        name = one_line(f"{node.code} {node.title}")
        self.clip = ObjectiveClip(
            str(self.document.store.path), self.document.plan_id, node.id, node.level, name, cut
        )
        QGuiApplication.clipboard().setText(name)
        self.update_actions()
        return True

    def cut(self) -> bool:
        """Copy, marked to move: the paste moves the objective (within its plan)."""
        return self.copy(cut=True)

    def _paste_target(self) -> tuple[uuid.UUID | None, int] | None:
        clip, document = self.clip, self.document
        if clip is None or document is None or not self.editable:
            return None
        if clip.path != str(document.store.path):
            return None  # copied from another file
        node = self.tree.current_node() or self.model.node(self.tree.rootIndex())
        target = paste_target(node, clip.level)
        if target is None or not (clip.cut and clip.plan_id == document.plan_id):
            return target
        moved = self.model.node(self.model.index_of(clip.objective_id))
        if moved is None or moved.id != clip.objective_id or moved.parent is None:
            return None
        parent_id, position = target
        parent = self.model.node(self.model.index_of(parent_id)) if parent_id else None
        if parent is not None and tree_moves.is_within(parent, moved):
            return None  # not under itself
        siblings = tree_moves.objective_children(moved.parent)
        old_parent_id = None if moved.parent.parent is None else moved.parent.id
        if old_parent_id == parent_id and siblings.index(moved) < position:
            position -= 1  # counted without the moved objective
        return parent_id, position

    def paste(self) -> uuid.UUID | None:
        """Paste under the current row, or after it where the level rules say so."""
        clip, target = self.clip, self._paste_target()
        if clip is None or target is None:
            return None
        assert self.document is not None
        parent_id, position = target
        if clip.cut and clip.plan_id == self.document.plan_id:
            current = self.tree.current_node()
            fields = {}
            if current is not None and current.heading and parent_id is None:
                fields["policy_field_id"] = current.id  # pasted on a field's heading
            command: BaseCommand = MoveObjectiveCommand(
                self.document,
                clip.objective_id,
                parent_id=parent_id,
                position=position,
                **fields,
            )
            command.setText(undo_text("objective", "paste"))
            if not self._run(command):
                return None
            self.clip = None  # moved: nothing left to paste
            new_id = clip.objective_id
        else:
            kind = MoveToPlanCommand if clip.cut else PasteObjectiveCommand
            paste = kind(self.document, clip.objective_id, parent_id=parent_id, position=position)
            if not self._run(paste) or paste.objective_id is None:
                return None
            if clip.cut:
                self.clip = None  # moved: nothing left to paste
            new_id = paste.objective_id
        if not self.tree.view_index(new_id).isValid() and self.reveal:
            self.reveal()  # the filter hides it: show everything
        self.tree.select_objective(new_id)
        self.update_actions()
        return new_id
