"""Undo steps are named from one table (``ui.core.undo_texts``), in the user's language:
every name has a Dutch and a French translation, and no command names itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import planner_app
from planner_app import i18n
from planner_app.resources import resource_path
from planner_app.ui.core.undo_texts import TEXTS, undo_text

UI = Path(planner_app.__file__).parent / "ui"
COMMAND_MODULES = [*UI.glob("*/commands.py"), UI / "objectives" / "detail_commands.py"]
COMMAND_MODULES += [UI / "objectives" / "clipboard.py", UI / "core" / "command.py"]
COMMAND_MODULES += [UI / "plan" / "chapter_commands.py"]


def catalogue(lang: str):
    with resource_path("locale", lang, "LC_MESSAGES", "planner_app.po").open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_undo_text_is_translated(lang):
    found = catalogue(lang)
    missing = []
    for key, msgid in TEXTS.items():
        message = found.get(msgid)
        if message is None or not message.string or message.fuzzy:
            missing.append((key, msgid))
    assert missing == []


@pytest.mark.parametrize(
    ("lang", "expected"), [("nl", "Titel bewerken"), ("fr", "Modifier le titre")]
)
def test_a_name_is_shown_whole_in_the_language(lang, expected):
    i18n.set_language(lang)
    try:
        assert undo_text("objective", "title") == expected
        assert "x.xlsx" in undo_text("sheet", "import", name="x.xlsx")
    finally:
        i18n.set_language("en")


def test_no_command_names_itself():
    """Commands take their text from the table: no ``_()`` or ``N_()`` of their own."""
    found = []
    for path in COMMAND_MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"_", "N_"}:
                found.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert found == []
