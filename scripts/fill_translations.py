"""Fill msgstr in a catalogue from a JSON file ``{"English source": "translation"}``.

``python scripts/fill_translations.py nl nl.json`` after ``scripts/update_catalogues.py``
listed what is missing. Existing translations are replaced only when the JSON names them;
fuzzy marks on filled messages are cleared. Also used to merge two branches' catalogues:
``--from OTHER.po`` takes every translation OTHER has and this catalogue lacks.
"""

import argparse
import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "resources" / "locale"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("lang")
    parser.add_argument("json", nargs="?", type=Path)
    parser.add_argument("--from", dest="other", type=Path, help="another .po to take from")
    args = parser.parse_args()
    path = LOCALE / args.lang / "LC_MESSAGES" / "planner_app.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=args.lang)
    wanted: dict[str, str] = {}
    if args.other:
        with args.other.open("rb") as fh:
            other = read_po(fh, locale=args.lang)
        for message in other:
            if message.id and message.string and not message.fuzzy:
                key = message.id if isinstance(message.id, str) else message.id[0]
                current = catalog.get(message.id)
                if current is not None and not (current.string and not current.fuzzy):
                    wanted[key] = message.string
    if args.json:
        wanted.update(json.loads(args.json.read_text(encoding="utf-8")))
    filled = 0
    for message in catalog:
        key = message.id if isinstance(message.id, str) else (message.id[0] if message.id else "")
        if key in wanted:
            message.string = wanted[key]
            message.flags.discard("fuzzy")
            filled += 1
    with path.open("wb") as fh:
        write_po(fh, catalog, ignore_obsolete=True)
    print(f"{args.lang}: filled {filled} message(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
