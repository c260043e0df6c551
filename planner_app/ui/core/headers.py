"""Column headers shared by the table and tree models: ``COLUMNS`` holds msgids."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from planner_app.i18n import _


class TranslatedHeaders:
    """Mixin for a model whose ``COLUMNS`` class constant lists English header msgids."""

    COLUMNS: tuple[str, ...] = ()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return _(self.COLUMNS[section])
        return None
