"""Make ``mid_exchange_0003.zip``: headquarters and a post in the middle of an
exchange, as the release before causal history (schema 0003) left them.

Run with that release's ``planner_app`` first on the path (the tree of commit
0c9a873, e.g. ``git archive 0c9a873 | tar -x -C /tmp/old``):

    PYTHONPATH=/tmp/old python tests/data/make_mid_exchange.py OUT.zip

The post has sent a first package (enrolled) and received an update; then both
sides edited the title of the post's initiative (a real conflict), headquarters
changed its own initiative and the post its budget cell, and the post wrote a
second package that headquarters has not merged yet. ``ids.json`` names the rows.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path


def main(out: Path) -> None:
    import planner_app

    assert "/tmp/" in planner_app.__file__, "run with the old release on PYTHONPATH"
    from planner_app.exchange.changes import write_changes
    from planner_app.exchange.keys import load_or_create
    from planner_app.exchange.merge import merge_package
    from planner_app.exchange.starter import write_starter
    from planner_app.services import budget, objectives
    from planner_app.storage import PlanFile

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.exchange_support import build_hq

    root = Path(tempfile.mkdtemp())
    hq_data, post_data = root / "hq-data", root / "post-data"

    def at(folder: Path) -> None:
        os.environ["PLANNER_APP_DATA_DIR"] = str(folder)

    at(hq_data)
    hq = PlanFile.create(root / "hq.plan")
    ids = build_hq(hq)
    write_starter(hq, root / "post.plan", unit_code="PA")
    at(post_data)
    post = PlanFile.open(root / "post.plan")
    objectives.update_objective(post, ids["mine"], title="Eerste versie van de post")
    write_changes(post, root / "p1.plnpkg")
    key = load_or_create().fingerprint
    at(hq_data)
    merge_package(hq, root / "p1.plnpkg", accept_key=key)
    objectives.update_objective(hq, ids["theirs"], title="Door het hoofdbestuur")
    write_changes(hq, root / "u1.plnpkg", unit_code="PA")
    at(post_data)
    merge_package(post, root / "u1.plnpkg")
    # both sides edit after the last exchange
    objectives.update_objective(post, ids["mine"], title="Titel van de post")
    budget.set_amount(
        post, ids["line"], year=2025, stage="INI", credit_type="VL", amount=Decimal(175)
    )
    write_changes(post, root / "p2.plnpkg")  # in the mail
    at(hq_data)
    objectives.update_objective(hq, ids["mine"], title="Titel van het hoofdbestuur")
    objectives.update_objective(hq, ids["theirs"], status="on_schedule")
    hq.close()
    post.close()
    (root / "ids.json").write_text(json.dumps({k: str(v) for k, v in ids.items()}))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "backups" not in path.parts and "logs" not in path.parts:
                zf.write(path, path.relative_to(root).as_posix())
    shutil.rmtree(root)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
