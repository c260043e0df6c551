"""File → Import → Plan document… and Edit → Paste outline…: an existing plan brought in
through the recogniser and the preview (issue 30).

A document (Word, text, a PDF's text layer) is read on a worker thread behind a
progress dialog; a file that cannot be used (not Word, a zip or entity bomb, too
large, a macro-enabled document renamed) is refused with one sentence naming what is
wrong, before anything is shown. The preview (``OutlinePreviewDialog``) lets the user
correct what was recognised and choose where it goes: a new draft plan of the open
file, or the plan shown. A pasted list goes under the selected objective. The writing
runs on a worker thread too, with a progress bar and Cancel (a cancel writes nothing),
and lands on the plan's undo stack as *one* step (``ImportOutlineCommand``): Edit →
Undo takes the whole import back, Redo brings the same rows again. GUI thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.importing.model import Outline
from planner_app.services import plans
from planner_app.services.common import Changed, Entity
from planner_app.services.outline_import import ImportCancelledError, Written, set_written_deleted
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile
from planner_app.ui.core import background
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.context import WindowContext
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text

NEW_PLAN, SHOWN_PLAN, UNDER = "new", "shown", "under"


def document_filter() -> str:
    """The file dialog's filter, in the language of the UI."""
    return ";;".join(
        (
            _("Plan documents (*.docx *.txt *.text *.pdf)"),
            _("Word documents (*.docx)"),
            _("Text files (*.txt *.text)"),
            _("PDF documents (*.pdf)"),
            _("All files (*)"),
        )
    )


def document_format(path: Path) -> str:
    """How a file is read: Word (also a renamed .docm, refused when read), a PDF's text
    layer, or plain text."""
    suffix = path.suffix.lower()
    if suffix in (".docx", ".docm", ".doc", ".dotx"):
        return "docx"
    return "pdf-text" if suffix == ".pdf" else "text"


class ImportOutlineCommand(BaseCommand):
    """The rows an import wrote (``Written``), as one undo step: undo tombstones them
    all, redo brings them back. The first ``do`` only reports the write made before
    (on a worker thread, with its progress bar)."""

    def __init__(self, document: PlanDocument, text: str, written: Written) -> None:
        super().__init__(document, text)
        self.written = written
        self._undone = False

    def _changed(self) -> Changed:
        # a change of the plan's shape: every view reads the plan again
        ids = tuple(self.written.ids.get("objectives", []))
        return Changed(Entity.PLAN, (self.written.plan_id, *ids), op="updated")

    def do(self) -> Changed:
        if self._undone:
            set_written_deleted(self.document.store, self.written, False)
            self._undone = False
        return self._changed()

    def undo_change(self) -> Changed:
        set_written_deleted(self.document.store, self.written, True)
        self._undone = True
        return self._changed()


class DocumentImportActions(QObject):
    """The two actions of one window (its ``WindowContext``); ``current_objective`` gives
    the objective selected on the tree (a pasted outline goes under it)."""

    def __init__(
        self, context: WindowContext, current_objective: Callable[[], uuid.UUID | None]
    ) -> None:
        window = context.widget
        super().__init__(window)
        self._context = context
        self._current_objective = current_objective
        self.import_action = QAction(_("&Plan document (Word, text, PDF)…"), window)
        self.import_action.setToolTip(
            _(
                "Bring in an existing plan: its chapters and objectives are recognised and "
                "shown for you to correct before they are written."
            )
        )
        self.import_action.triggered.connect(lambda: self.import_document())
        self.paste_action = QAction(_("Paste out&line…"), window)
        self.paste_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.paste_action.setToolTip(
            _(
                "Paste a numbered list copied from Word, a PDF or an e-mail as objectives "
                "under the selected one."
            )
        )
        self.paste_action.triggered.connect(lambda: self.paste_outline())

    def update_actions(self) -> None:
        store, document = self._context.store, self._context.document
        # with no file open, the import makes a new plan file
        self.import_action.setEnabled(store is None or not store.readonly)
        self.paste_action.setEnabled(document is not None and document.editable)

    # --- a document ---------------------------------------------------------------------

    def import_document(self, path: Path | None = None) -> bool:
        """Read, preview and write a plan document; ``path`` skips the file dialog. With
        no file open, the plan goes into a new plan file (asked for after the preview)."""
        window, store = self._context.widget, self._context.store
        if store is not None and store.readonly:
            return False
        if path is None:
            folder = store.path.parent if store is not None else Path.home()
            name, _chosen = QFileDialog.getOpenFileName(
                window, _("Import a plan document"), str(folder), document_filter()
            )
            if not name:
                return False
            path = Path(name)
        from planner_app.importing.reader import read_outline

        document = self._context.document
        words = self._words(document)

        def read(progress) -> Outline:
            outline = read_outline(path, document_format(path), vocabulary=words)
            if progress(1, 1) is False:  # Cancel pressed while it was read
                raise ImportCancelledError()
            return outline

        outline = self._run(
            window,
            _("Reading {name}…").format(name=path.name),
            read,
            _("{name} could not be read: {error}").format(name=path.name, error="{error}"),
        )
        if outline is None:
            return False
        targets = [(NEW_PLAN, _("A new draft plan"))]
        if store is None:
            targets = [(NEW_PLAN, _("A new draft plan, in a new plan file"))]
        elif document is not None and document.editable:
            info = plans.plan_info(store, document.plan_id)
            targets.append(
                (
                    SHOWN_PLAN,
                    _("The plan shown: {code} {title}").format(
                        code=info.code, title=next(iter(info.title.values()), "")
                    ),
                )
            )
        dialog = self._preview(outline, targets, "")
        if dialog is None:
            return False
        into = document.plan_id if dialog.target == SHOWN_PLAN and document else None
        language = self._context.language or None if into is not None else None
        if store is None:
            return self._into_new_file(
                dialog.outline, path, undo_text("document", "import", name=path.name)
            )
        return self._write(
            dialog.outline, into, None, language, undo_text("document", "import", name=path.name)
        )

    # --- a pasted outline --------------------------------------------------------------------

    def paste_outline(self, text: str | None = None) -> bool:
        """The clipboard's text (or ``text``) as objectives under the selected objective
        (at the top of the tree when none is)."""
        window, document = self._context.widget, self._context.document
        if document is None or not document.editable:
            return False
        if text is None:
            text = QGuiApplication.clipboard().text()
        if not text.strip():
            background.show_error(
                window, _("The clipboard holds no text: copy a numbered list first.")
            )
            return False
        from planner_app.importing.reader import pasted_outline

        under = self._current_objective()
        base_level, where = "", _("At the top of the objective tree")
        if under is not None:
            node = next(n for n in load_tree(document.store, document.plan_id) if n.id == under)
            base_level = node.level.value
            where = _("Under {code} {title}").format(
                code=node.code, title=next(iter(node.title.values()), "")
            )
        outline = pasted_outline(text, base_level=base_level, vocabulary=self._words(document))
        dialog = self._preview(outline, [(UNDER, where)], base_level)
        if dialog is None:
            return False
        language = self._context.language or None
        return self._write(
            dialog.outline, document.plan_id, under, language, undo_text("outline", "paste")
        )

    # --- shared ------------------------------------------------------------------------

    @staticmethod
    def _words(document: PlanDocument | None):
        """The shown plan's own level words with the built-in ones (None: no plan)."""
        if document is None:
            return None
        from planner_app.importing.plan_words import plan_vocabulary

        return plan_vocabulary(document.store, document.plan_id)

    def _preview(self, outline: Outline, targets, base_level: str):
        from planner_app.ui.files.outline_preview import OutlinePreviewDialog

        dialog = OutlinePreviewDialog(
            outline, targets, base_level=base_level, parent=self._context.widget
        )
        self.last_dialog = dialog  # a test drives it
        return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _run(self, parent: QWidget, label: str, job, failure: str):
        kind, result = background.run_with_progress(
            parent, label, job, cancelled_by=(ImportCancelledError,), failure=failure
        )
        if kind == "failed":
            background.show_error(parent, str(result))
        return result if kind == "done" else None

    def _into_new_file(self, outline: Outline, source: Path, text: str) -> bool:
        """Ask where the new plan file goes, make it, write the outline into a new plan
        of it and open it; the file is removed again when the write fails or is
        cancelled."""
        window = self._context.widget
        start = source.with_suffix(".plan")
        name, _chosen = QFileDialog.getSaveFileName(
            window,
            _("Save the new plan file"),
            str(start),
            _("Plan files ({pattern})").format(pattern="*.plan"),
        )
        if not name:
            return False
        target = Path(name) if name.lower().endswith(".plan") else Path(name + ".plan")
        try:
            store = PlanFile.create(target, overwrite=target.exists())
        except PlannerError as err:
            background.show_error(window, str(err))
            return False
        written = self._written(store, outline, None, None, None)
        if written is None:
            store.close()
            target.unlink(missing_ok=True)
            return False
        self._context.set_plan_file(store, written.plan_id)
        return self._land(outline, written, text)

    def _written(
        self,
        store: PlanFile,
        outline: Outline,
        plan_id: uuid.UUID | None,
        under: uuid.UUID | None,
        language: str | None,
    ) -> Written | None:
        from planner_app.importing.document_import import write_document

        return self._run(
            self._context.widget,
            _("Importing {source}…").format(source=outline.source),
            lambda progress: write_document(
                store, outline, plan_id=plan_id, under=under, language=language, progress=progress
            ),
            _("The import could not be written: {error}"),
        )

    def _write(
        self,
        outline: Outline,
        plan_id: uuid.UUID | None,
        under: uuid.UUID | None,
        language: str | None,
        text: str,
    ) -> bool:
        store = self._context.store
        assert store is not None
        written = self._written(store, outline, plan_id, under, language)
        if written is None:
            return False
        if plan_id is None:
            self._context.reload_plans(show=written.plan_id)
        return self._land(outline, written, text)

    def _land(self, outline: Outline, written: Written, text: str) -> bool:
        """The write made, as one step on the shown plan's undo stack; say what it made."""
        document = self._context.document
        if document is None or document.plan_id != written.plan_id:
            return False
        document.run(ImportOutlineCommand(document, text, written))
        counts = written.counts
        message = _(
            "Imported {objectives} objective(s) and {chapters} chapter(s) from {source}; "
            "Edit → Undo takes the whole import back."
        ).format(
            objectives=sum(counts[k] for k in ("strategic", "operational", "initiative")),
            chapters=counts["chapters"],
            source=outline.source,
        )
        if written.new_units:
            message += " " + _("Units created: {names}.").format(names=", ".join(written.new_units))
        self._context.show_message(message, 20000)
        if written.notes:
            QMessageBox.information(
                self._context.widget,
                _("Imported"),
                message + "\n\n" + "\n".join(dict.fromkeys(written.notes)),
            )
        return True
