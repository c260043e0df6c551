"""What every pane that shows one plan shares: it follows one ``PlanDocument``.

Panes (and the window's other listeners) use it. Models are given their rows by their
pane and do not listen (see ``rows_model``), except three that still read and follow
the document themselves: the objective tree, the budget tree and the staffing table
(they too apply each edit in place from its ``Changed``).
"""

from __future__ import annotations

from planner_app.ui.core.document import Applied, PlanDocument


class DocumentBound:
    """Listens to the document it is given and loads itself (``reload``) when given
    one; ``_on_changed`` answers each change. Subclasses implement both."""

    _document: PlanDocument | None = None

    @property
    def document(self) -> PlanDocument | None:
        return self._document

    def set_document(self, document: PlanDocument | None) -> None:
        if self._document is not None:
            self._document.changed.disconnect(self._on_changed)
        self._document = document
        if document is not None:
            document.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def _on_changed(self, applied: Applied) -> None:
        raise NotImplementedError
