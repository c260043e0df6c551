"""What the app keeps between runs (QSettings), behind one typed class.

Window state, recent files and preferences only. Plan data never goes here; it lives
in the plan file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT_FILES = 10
UI_LANGUAGE_CHOICES = ("", "en", "nl", "fr")  # "": follow the system


class WindowSettings:
    """Typed access to the saved geometry, recent files and preferences. GUI thread.

    Uses the organisation and application names set on the QApplication.
    """

    GEOMETRY = "main_window/geometry"
    RECENT_FILES = "files/recent"
    UI_LANGUAGE = "preferences/ui_language"
    EXPORT_FOLDER = "files/export_folder"

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    def geometry(self) -> QByteArray | None:
        value = self._settings.value(self.GEOMETRY)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, value: QByteArray) -> None:
        self._settings.setValue(self.GEOMETRY, value)

    def state(self, name: str) -> QByteArray | None:
        """A saved widget state (``saveState()`` of the window, a splitter, …)."""
        value = self._settings.value(f"main_window/state/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(f"main_window/state/{name}", value)

    # --- recent files ----------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """The files opened last, newest first (at most ``MAX_RECENT_FILES``)."""
        value = self._settings.value(self.RECENT_FILES)
        if isinstance(value, str):  # QSettings returns a one-item list as a string
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(v) for v in value if isinstance(v, str) and v][:MAX_RECENT_FILES]

    def _set_recent_files(self, paths: list[Path]) -> None:
        unique = list(dict.fromkeys(str(p) for p in paths))[:MAX_RECENT_FILES]
        self._settings.setValue(self.RECENT_FILES, unique)

    def add_recent_file(self, path: Path) -> None:
        path = path.resolve()
        self._set_recent_files([path, *(p for p in self.recent_files() if p != path)])

    def remove_recent_file(self, path: Path) -> None:
        self._set_recent_files([p for p in self.recent_files() if p != path])

    def clear_recent_files(self) -> None:
        self._settings.remove(self.RECENT_FILES)

    def export_folder(self) -> Path | None:
        """The folder the last export was written to (None: none yet)."""
        value = self._settings.value(self.EXPORT_FOLDER)
        return Path(value) if isinstance(value, str) and value else None

    def set_export_folder(self, folder: Path) -> None:
        self._settings.setValue(self.EXPORT_FOLDER, str(folder))

    # --- preferences -----------------------------------------------------------------

    def ui_language(self) -> str:
        """The chosen UI language code, or "" to follow the system."""
        value = self._settings.value(self.UI_LANGUAGE, "")
        return value if isinstance(value, str) and value in UI_LANGUAGE_CHOICES else ""

    def set_ui_language(self, code: str) -> None:
        if code not in UI_LANGUAGE_CHOICES:
            raise ValueError(code)
        self._settings.setValue(self.UI_LANGUAGE, code)
