"""The part every model or pane that shows one plan shares: it follows one ``PlanDocument``."""

from __future__ import annotations

from planner_app.ui.core.document import Applied, PlanDocument


class DocumentBound:
    """Listens to the document it is given and re-reads itself (``reload``) when a
    change concerns it (``_on_changed``); subclasses implement both."""

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
