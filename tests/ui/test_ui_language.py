"""The UI speaks Dutch and French: menus, and no English left in any widget text.

Two checks over every action and widget of the window (menus, toolbar, filter bar,
banner, start page, detail editor) and the File menu's dialogs:

* no text equals an English msgid whose translation differs (a string shown without
  ``_()``, or translated before the language was set);
* no text is the same as in the English window at the same place, unless it is the
  same word in that language (``ALLOWED_SAME``) or plan data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QTreeView,
    QWidget,
)

from planner_app import i18n
from planner_app.app import install_qt_translator
from planner_app.resources import resource_path
from planner_app.services.plans import list_plans
from planner_app.services.tree_read import load_tree
from planner_app.services.units import load_units
from planner_app.storage import PlanFile
from planner_app.ui.core.settings import WindowSettings
from planner_app.ui.files.backup_dialog import RestoreBackupDialog
from planner_app.ui.files.new_plan_dialog import NewPlanDialog
from planner_app.ui.files.preferences_dialog import PreferencesDialog
from planner_app.ui.main_window import MainWindow

MENUS = {
    "nl": ["Bestand", "Bewerken", "Beeld", "Plan", "Uitwisseling", "Help"],
    "fr": ["Fichier", "Édition", "Affichage", "Plan", "Échanges", "Aide"],
}
# The same word in English and in that language: not a missed translation. "English"
# is the Preferences choice, named in its own language.
NAMES = {"English", "Nederlands", "Français", "Planner"}
ALLOWED_SAME = {
    "nl": {"Plan", "Plan:", "Help", "Status", "Code", "Code:", "Project", "Indicator"}
    | {"Stakeholders"}
    | NAMES,
    "fr": {"Plan", "Plan:", "Date", "Code", "Description", "Initiative", "Organisation"}
    | {
        "Mission",
        "Vision",
        "Service",
        "Message",
        "Budget",
        "Introduction",
        "Action",
        "Source",
        "Total",
        "Plan de gestion",  # the French name of a plan kind
    }
    | NAMES,
}
LETTERS = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


@pytest.fixture(autouse=True)
def english_afterwards(qapp) -> Iterator[None]:
    yield
    i18n.set_language("en")
    install_qt_translator(qapp, "en")


def use_language(app, lang: str) -> None:
    """What the bootstrap does at start: our catalogue and Qt's own."""
    i18n.set_language(lang)
    install_qt_translator(app, lang)


def english_msgids(lang: str) -> set[str]:
    """English msgids whose ``lang`` translation is a different text."""
    from babel.messages.pofile import read_po

    with resource_path("locale", lang, "LC_MESSAGES", "planner_app.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    found = set()
    for m in catalog:
        if not m.id or isinstance(m.id, tuple):
            continue
        if m.string and m.string != m.id:
            found.add(m.id)
    return found


def build_window(qtbot, path: Path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(PlanFile.open(path))
    assert win.store is not None and win.plan_id is not None
    first = load_tree(win.store, win.plan_id)[0]
    assert win.select_objective(first.id)  # the detail editor shows its labels
    return win


def texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a user can read on ``root`` and its children."""
    found: list[tuple[str, str]] = []

    def add(where: str, text: str | None) -> None:
        if text and LETTERS.search(text):
            found.append((where, text))

    widgets = [root, *root.findChildren(QWidget)]
    for n, widget in enumerate(widgets):
        where = f"{type(widget).__name__}#{widget.objectName() or n}"
        add(where + ".toolTip", widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            add(where + ".text", widget.text())
        if isinstance(widget, QGroupBox):
            add(where + ".title", widget.title())
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            add(where + ".placeholder", widget.placeholderText())
        if isinstance(widget, QMenu):
            add(where + ".title", widget.title())
        if isinstance(widget, QDockWidget | QToolBar):
            add(where + ".windowTitle", widget.windowTitle())
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(f"{where}.tab{i}", widget.tabText(i))
        if isinstance(widget, QComboBox) and widget is not getattr(root, "plan_chooser", None):
            for i in range(widget.count()):
                add(f"{where}.item{i}", widget.itemText(i))
        header = widget.header() if isinstance(widget, QTreeView) else None
        if isinstance(widget, QTableView):
            header = widget.horizontalHeader()
        if header is not None and header.model() is not None:
            for section in range(header.count()):
                add(f"{where}.header{section}", header.model().headerData(section, _horizontal()))
    for n, action in enumerate(root.findChildren(QAction)):
        where = f"QAction#{action.objectName() or n}"
        add(where + ".text", action.text())
        add(where + ".toolTip", action.toolTip())
        add(where + ".statusTip", action.statusTip())
    return found


def _horizontal() -> Qt.Orientation:
    return Qt.Orientation.Horizontal


def dialogs(parent: QWidget, path: Path) -> list[QWidget]:
    return [
        NewPlanDialog(parent),
        RestoreBackupDialog(path, [], parent),
        PreferencesDialog(WindowSettings(), parent),
    ]


def all_texts(qtbot, path: Path) -> list[tuple[str, str]]:
    win = build_window(qtbot, path)
    found = texts(win)
    win.close_file()  # the start page, as a user sees it
    found += [(f"start:{w}", t) for w, t in texts(win.start_page)]
    for dialog in dialogs(win, path):
        found += [(f"{type(dialog).__name__}:{w}", t) for w, t in texts(dialog)]
    win.close()
    return found


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_menu_bar_is_translated(qapp, qtbot, lang):
    use_language(qapp, lang)
    win = MainWindow()
    qtbot.addWidget(win)
    titles = [a.text().replace("&", "") for a in win.menuBar().actions()]
    assert titles == MENUS[lang]
    file_menu = win.menuBar().actions()[0].menu()
    assert all(
        a.text().replace("&", "") not in ("New plan…", "Save a copy as…", "Quit")
        for a in file_menu.actions()
    )


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_no_english_text_is_left(qapp, qtbot, demo_path, tmp_path, lang):
    english = english_msgids(lang)
    use_language(qapp, "en")
    other = tmp_path / "english.plan"
    other.write_bytes(demo_path.read_bytes())
    in_english = dict(all_texts(qtbot, other))
    use_language(qapp, lang)
    translated = all_texts(qtbot, demo_path)
    assert len(translated) > 100  # the walk saw the window, not just the menu bar

    allowed = ALLOWED_SAME[lang]
    untranslated = sorted(
        {f"{where}: {text!r}" for where, text in translated if text in english - allowed}
    )
    assert untranslated == [], "shown in English: " + "; ".join(untranslated)

    data = plan_data_texts(demo_path)
    same = sorted(
        {
            f"{where}: {text!r}"
            for where, text in translated
            if in_english.get(where) == text
            and text.replace("&", "").strip() not in allowed | data
            and is_interface_text(text)
        }
    )
    assert same == [], "the same as in English: " + "; ".join(same)


def plan_data_texts(path: Path) -> set[str]:
    """The demo's unit names, level names and plan labels (Plan → Show plan): plan
    data, shown as they are in any UI language."""
    from planner_app.services.levels import load_scheme

    with PlanFile.open(path, readonly=True) as store:
        found = set()
        for plan in list_plans(store):
            found.update(f"{plan.code} — {title.strip()}" for title in plan.title.values())
            for unit in load_units(store, plan.id):
                found.update(name.strip() for name in unit.name.values())
            scheme = load_scheme(store, plan.id)
            found.update(scheme.name(level) for level in scheme.used_levels())
    return found


def is_interface_text(text: str) -> bool:
    """Not plan data (the demo is Dutch in both runs), paths, codes or numbers."""
    if "/" in text or "\\" in text or ".plan" in text:
        return False
    return bool(re.search(r"[a-z]{3,}", text)) and not text.isupper()


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (Alt+letter), lower-cased; None without one."""
    match = re.search(r"(?<!&)&([^&\s])", text)
    return match.group(1).lower() if match else None


def menus_of(win: MainWindow):
    yield "menu bar", [a for a in win.menuBar().actions()]
    for top in win.menuBar().actions():
        yield top.text(), top.menu().actions()
    yield "tree context menu", win.tree_actions.context_menu().actions()


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_no_two_entries_of_a_menu_share_an_alt_key(qapp, qtbot, demo_path, lang):
    use_language(qapp, lang)
    win = build_window(qtbot, demo_path)
    clashes = []
    for where, actions in menus_of(win):
        seen: dict[str, str] = {}
        for action in actions:
            if action.isSeparator() or not action.isVisible():
                continue
            key = mnemonic(action.text())
            if key is None:
                continue
            if key in seen:
                clashes.append(f"{where}: {seen[key]!r} and {action.text()!r} use Alt+{key}")
            seen[key] = action.text()
    assert clashes == []
