"""One catalogue for every string: English source, Dutch and French complete."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import planner_app
from planner_app import i18n
from planner_app.resources import resource_path

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def source_messages() -> set[str]:
    root = Path(planner_app.__file__).parent
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        root, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def marked_messages() -> dict[str, str]:
    """Every string literal passed to ``_``/``N_``/``ngettext`` anywhere in the code, as
    Python's own parser sees it (with the place it was found)."""
    root = Path(planner_app.__file__).parent
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in KEYWORDS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_the_extractor_sees_every_marked_string():
    """pybabel's extractor (Python 3.11 tokens) does not look inside f-strings, so
    ``f"{year} {_('planned')}"`` never reached the catalogue and the completeness test
    above, built on the same extractor, could not notice. Python's parser sees them."""
    seen = source_messages()
    unseen = {m: where for m, where in marked_messages().items() if m not in seen}
    assert unseen == {}, (
        "translate outside the f-string (text = _('...'), then f'{text}'); unseen: "
        + ", ".join(f"{where} {m!r}" for m, where in sorted(unseen.items()))
    )


def catalogue(lang: str):
    with resource_path("locale", lang, "LC_MESSAGES", "planner_app.po").open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_catalogue_is_complete_for_the_sources(lang):
    cat = catalogue(lang)
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in cat
        if m.id and all(m.string if isinstance(m.string, tuple) else [m.string]) and not m.fuzzy
    }
    missing = sorted(source_messages() - translated)
    assert missing == [], f"run `make translations` and translate: {missing[:10]}"


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_translations_keep_their_placeholders(lang):
    for m in catalogue(lang):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        want = set(PLACEHOLDER.findall(ids[0]))
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) == want, (m.id, s)


def test_messages_follow_the_language(store, plan_id):
    from planner_app.errors import ValidationError
    from planner_app.services import objectives

    try:
        i18n.set_language("nl")
        with pytest.raises(ValidationError) as err:
            objectives.add_objective(store, plan_id, level="strategic", title="")
        assert err.value.field != "Title" and "empty" not in str(err.value)
        i18n.set_language("fr")
        with pytest.raises(ValidationError) as err:
            objectives.add_objective(store, plan_id, level="strategic", title="")
        assert "empty" not in str(err.value)
    finally:
        i18n.set_language("en")
    with pytest.raises(ValidationError, match="Title: must not be empty"):
        objectives.add_objective(store, plan_id, level="strategic", title="")


def test_system_language(monkeypatch):
    monkeypatch.setenv("PLANNER_LANG", "fr_BE.UTF-8")
    assert i18n.system_language() == "fr"
    monkeypatch.setenv("PLANNER_LANG", "")
    monkeypatch.setenv("LANGUAGE", "de")
    monkeypatch.setenv("LC_ALL", "nl_BE.UTF-8")
    assert i18n.system_language() == "nl"


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_no_translation_is_written_twice(lang):
    """Merging two branches' catalogues once glued a translation to itself
    ("…bewaard.Alleen-lezen geopend: …"); the banner showed it twice."""
    for m in catalogue(lang):
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for s in strings:
            for glue in ("", " "):
                half = (len(s) - len(glue)) // 2
                assert not (half > 5 and s == s[:half] + glue + s[:half]), (m.id, s)
