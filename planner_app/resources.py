"""Find the app's data folders (``resources/`` and ``database/``) wherever it runs.

Three layouts exist and one locator serves them all, so no module builds paths by hand:

* a PyInstaller bundle: the folders sit under ``sys._MEIPASS``;
* an installed wheel: they are packed into ``planner_app/_data/`` (see pyproject.toml);
* a source checkout or editable install: they sit next to the ``planner_app`` package.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates() -> list[Path]:
    roots: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle))
    roots.append(_PACKAGE_DIR / "_data")
    roots.append(_PACKAGE_DIR.parent)
    return roots


@cache
def data_root(folder: str) -> Path:
    """Return the first existing top-level data folder called ``folder``."""
    for root in _candidates():
        path = root / folder
        if path.is_dir():
            return path
    tried = ", ".join(str(root / folder) for root in _candidates())
    raise FileNotFoundError(f"The app's {folder!r} folder is missing (looked in {tried}).")


def resource_path(*parts: str) -> Path:
    """A file or folder under ``resources/``."""
    return data_root("resources").joinpath(*parts)


def database_path(*parts: str) -> Path:
    """A file or folder under ``database/`` (migrations, demo data)."""
    return data_root("database").joinpath(*parts)
