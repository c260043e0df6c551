"""Refresh the template and the nl/fr catalogues from the sources (``make translations``
does the same with pybabel); prints the messages still untranslated."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "resources" / "locale"
BIN = Path(sys.executable).parent


def main() -> int:
    subprocess.run(
        [
            BIN / "pybabel",
            "extract",
            "-F",
            LOCALE / "babel.cfg",
            "-k",
            "_",
            "-k",
            "N_",
            "-k",
            "ngettext:1,2",
            "-o",
            LOCALE / "planner_app.pot",
            "--no-location",
            "--sort-output",
            "--project",
            "planner-app",
            "--version",
            "0.1.0",
            ROOT / "planner_app",
        ],
        check=True,
    )
    subprocess.run(
        [
            BIN / "pybabel",
            "update",
            "-i",
            LOCALE / "planner_app.pot",
            "-d",
            LOCALE,
            "-D",
            "planner_app",
            "--no-fuzzy-matching",
            "--ignore-obsolete",
        ],
        check=True,
    )
    missing = 0
    for lang in ("nl", "fr"):
        with (LOCALE / lang / "LC_MESSAGES" / "planner_app.po").open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if message.id and not message.string:
                missing += 1
                print(f"{lang}: {message.id!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
