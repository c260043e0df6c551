"""Tabs whose page is built the first time it is shown or asked for.

The main window has six tabs, but a plan opens on the Objectives tab: building the
Plan, Budget, Staffing, Diversity and Review pages (and importing their modules, their
models, charts and services) before the first paint cost about a third of the start-up
of a large plan. Each such tab starts as an empty placeholder; the page takes its place
when the tab is first shown or when code asks for it (``page``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSignalBlocker, Signal
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs(QObject):
    """Owns the placeholders and builders of some tabs of one ``QTabWidget`` and the
    pages built so far (in the order built). The tab widget's ``currentChanged`` is not
    emitted by a swap: the tab shown stays the tab shown. GUI thread only."""

    page_built = Signal(str, QWidget)  # the tab's key and its new page

    def __init__(self, tabs: QTabWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tabs = tabs
        self._placeholders: dict[str, QWidget] = {}
        self._builders: dict[str, Callable[[], QWidget]] = {}
        self._pages: dict[str, QWidget] = {}

    def add(self, key: str, text: str, build: Callable[[], QWidget]) -> None:
        """A tab titled ``text`` whose page ``build()`` makes when first needed."""
        placeholder = QWidget()
        self._placeholders[key] = placeholder
        self._builders[key] = build
        self._tabs.addTab(placeholder, text)

    def __contains__(self, key: object) -> bool:
        return key in self._builders

    def key_of(self, widget: QWidget | None) -> str | None:
        """The key of the tab ``widget`` is (page or placeholder), else None."""
        for key, placeholder in self._placeholders.items():
            if widget is placeholder or widget is self._pages.get(key):
                return key
        return None

    def index_of(self, key: str) -> int:
        return self._tabs.indexOf(self._pages.get(key) or self._placeholders[key])

    def built(self) -> list[QWidget]:
        """The pages built so far."""
        return list(self._pages.values())

    def page(self, key: str) -> QWidget:
        """The page of tab ``key``, built (and put in its tab) now if not yet."""
        page = self._pages.get(key)
        if page is not None:
            return page
        page = self._builders[key]()
        self._pages[key] = page
        placeholder = self._placeholders[key]
        tabs = self._tabs
        index, current = tabs.indexOf(placeholder), tabs.currentIndex()
        text, tip = tabs.tabText(index), tabs.tabToolTip(index)
        with QSignalBlocker(tabs):  # the same tab stays current: nothing to tell
            tabs.removeTab(index)
            tabs.insertTab(index, page, text)
            tabs.setTabToolTip(index, tip)
            tabs.setCurrentIndex(current)
        placeholder.deleteLater()
        self.page_built.emit(key, page)
        return page
