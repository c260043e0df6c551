"""What the command line's modules share: the plan a command works on and its content
language, and a plan file open for writing (``cli`` and ``cli_sign`` both use them; kept
apart so that neither imports the other inside a function)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from planner_app.i18n import _

if TYPE_CHECKING:
    from planner_app.storage import PlanFile


def plan_and_language(store, code: str | None, lang: str | None):
    """The plan ``--plan`` names (or the only one) and the content language to write."""
    from planner_app.errors import ValidationError
    from planner_app.services.common import resolve_plan

    with store.read() as s:
        plan = resolve_plan(s, code)
        plan_id, languages = plan.id, plan.language_list
    if lang is None:
        return plan_id, languages[0]
    if lang not in languages:
        raise ValidationError(
            "--lang",
            _(
                "The plan has no content language {lang}; it has {languages}. Add {lang} to "
                "the plan's languages first (Plan tab, Properties) and translate its texts."
            ).format(lang=lang, languages=", ".join(languages)),
        )
    return plan_id, lang


@contextlib.contextmanager
def open_for_writing(path: Path) -> Iterator[PlanFile]:
    """The file open for writing; closed at the end, and a backup that could not be
    made on closing is said as a warning (what was committed stays committed)."""
    from planner_app.storage import PlanFile

    store = PlanFile.open(path)
    try:
        yield store
    finally:
        store.close()
    if store.backup_problem:
        print(
            _("The changes are saved, but a backup on closing could not be made: {problem}").format(
                problem=store.backup_problem
            ),
            file=sys.stderr,
        )


def open_readonly(path: Path) -> PlanFile:
    """A plan file opened for reading only (a command that changes nothing)."""
    from planner_app.storage import PlanFile

    return PlanFile.open(path, readonly=True)
