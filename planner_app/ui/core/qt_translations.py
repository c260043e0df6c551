"""Qt's own catalogue (``qtbase``) for Qt's standard dialogs and buttons, installed for
the UI language at start and again when the user picks another language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_qt_translator: QTranslator | None = None  # the one installed, replaced on a new language


def install_qt_translator(app: QCoreApplication, language: str) -> bool:
    """Load Qt's ``qtbase`` catalogue for ``language``, for Qt's standard dialogs and
    buttons, replacing the one loaded before; False where Qt has none for it."""
    global _qt_translator
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator.deleteLater()
        _qt_translator = None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(language), "qtbase", "_", folder):
        translator.deleteLater()
        return False
    app.installTranslator(translator)
    _qt_translator = translator
    return True
