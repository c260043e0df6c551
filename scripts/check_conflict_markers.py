"""Fail when a file in the repository still holds a merge-conflict marker.

A conflict resolved by hand once left ``<<<<<<< HEAD`` … ``>>>>>>> print-fix`` in
bench/README.md, and nothing noticed. Only the opening and closing markers count: a
line of ``=======`` is also a Markdown heading underline. Run by ``make lint`` (so by
CI); walks the tree itself, so it needs no git.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

MARKERS = (b"<<<<<<< ", b">>>>>>> ")
SKIP_DIRS = {
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "node_modules",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    "__pycache__",
}


def marked_lines(root: Path) -> Iterator[tuple[Path, int]]:
    """(file, line number) of every line that starts with a conflict marker."""
    for path in sorted(root.rglob("*")):
        if any(part in SKIP_DIRS for part in path.relative_to(root).parts):
            continue
        if not path.is_file() or path.is_symlink():
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if b"\0" in data[:4096]:  # a binary file
            continue
        for number, line in enumerate(data.splitlines(), start=1):
            if line.startswith(MARKERS):
                yield path.relative_to(root), number


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    found = list(marked_lines(root))
    for path, number in found:
        print(f"{path}:{number}: merge-conflict marker", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
