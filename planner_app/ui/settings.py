"""The window state kept between runs (QSettings), behind one typed class.

Plan data never goes here; it lives in the plan file.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings


class WindowSettings:
    """Typed access to the main window's saved geometry. GUI thread.

    Uses the organisation and application names set on the QApplication.
    """

    GEOMETRY = "main_window/geometry"

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    def geometry(self) -> QByteArray | None:
        value = self._settings.value(self.GEOMETRY)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, value: QByteArray) -> None:
        self._settings.setValue(self.GEOMETRY, value)
