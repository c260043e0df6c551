"""Qt stays in planner_app/ui (and the app bootstrap): the rest runs without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import planner_app

PACKAGE = Path(planner_app.__file__).parent
QT_FREE = ("domain", "services", "storage", "exporting", "exchange", "importing")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_import_outside_ui():
    offenders = []
    files = [PACKAGE / "cli.py"] + [f for p in QT_FREE for f in (PACKAGE / p).rglob("*.py")]
    for path in files:
        if any(
            name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
            for name in _imports(path)
        ):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_headless_modules_load_without_qt():
    modules = [
        f"planner_app.{p.relative_to(PACKAGE).with_suffix('').as_posix().replace('/', '.')}"
        for pkg in QT_FREE
        for p in (PACKAGE / pkg).rglob("*.py")
    ] + ["planner_app.cli"]
    code = (
        "import importlib, sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt imported by ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m.removesuffix('.__init__'))\n"
        "import planner_app.cli as cli\n"
        "assert cli.main(['--version']) == 0\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
