"""The repository holds no merge-conflict markers, and the check would see one."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _checker():
    spec = importlib.util.spec_from_file_location(
        "check_conflict_markers", ROOT / "scripts" / "check_conflict_markers.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_the_repository_has_no_conflict_markers() -> None:
    assert list(_checker().marked_lines(ROOT)) == []


def test_a_marker_is_found_and_an_underline_is_not(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text("Title\n=======\n\ntext\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.py").write_text(
        "a = 1\n<<<<<<< HEAD\nb = 2\n=======\nb = 3\n>>>>>>> other\n", encoding="utf-8"
    )
    checker = _checker()
    assert list(checker.marked_lines(tmp_path)) == [
        (Path("sub/x.py"), 2),
        (Path("sub/x.py"), 6),
    ]
    assert checker.main(["x", str(tmp_path)]) == 1
    (tmp_path / "sub" / "x.py").unlink()
    assert checker.main(["x", str(tmp_path)]) == 0
