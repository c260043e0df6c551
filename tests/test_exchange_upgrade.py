"""Files in the middle of an exchange, made by the release before causal history
(``data/mid_exchange_0003.zip``, see ``data/make_mid_exchange.py``), keep working
after the upgrade: the package in the mail is merged, the edits both sides made since
the last exchange meet as a conflict, the rest is taken, and the copies end equal."""

from __future__ import annotations

import json
import uuid
import zipfile
from decimal import Decimal
from pathlib import Path

from planner_app.exchange.merge import open_conflicts
from planner_app.storage import PlanFile, migrate
from tests.exchange_support import Exchange, Site

DATA = Path(__file__).parent / "data" / "mid_exchange_0003.zip"


def _unpack(root: Path) -> tuple[Exchange, dict[str, uuid.UUID]]:
    with zipfile.ZipFile(DATA) as zf:
        zf.extractall(root)
    ids = {k: uuid.UUID(v) for k, v in json.loads((root / "ids.json").read_text()).items()}
    folder = root / "mail"
    folder.mkdir()
    hq = Site("hq", root / "hq-data", PlanFile.open(root / "hq.plan"))
    post = Site("post", root / "post-data", PlanFile.open(root / "post.plan"))
    return Exchange(hq, post, folder, ids), ids


def test_a_file_mid_exchange_keeps_working_after_the_upgrade(tmp_path):
    ex, ids = _unpack(tmp_path)
    try:
        assert ex.hq.store.schema_revision == migrate.head_revision()
        assert ex.hq.problems() == [] and ex.post.problems() == []
        report = ex.hq.merge(tmp_path / "p2.plnpkg")  # written by the old release
        assert report.refused == []
        assert ex.hq.amount(ids["cell"]) == Decimal(175)
        (conflict,) = [c for c in open_conflicts(ex.hq.store) if c.field == "title"]
        assert "Titel van de post" in conflict.remote
        assert "Titel van het hoofdbestuur" in conflict.local
        for _round in range(2):
            ex.to_post()
            ex.to_hq()
        for site in (ex.hq, ex.post):
            assert site.problems() == []
            assert site.amount(ids["cell"]) == Decimal(175)
            assert site.objective(ids["theirs"]).status.value == "on_schedule"
        assert ex.hq.objective(ids["mine"]).title == ex.post.objective(ids["mine"]).title
        titles = {c.field for c in open_conflicts(ex.post.store)}
        assert titles == {"title"}  # the post is asked too
    finally:
        ex.hq.store.close()
        ex.post.store.close()
