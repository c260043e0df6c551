"""``planner-app import FILE (--docx | --text | --pdf-text) IN``: a document into a plan.

The document is read and recognised first (a hostile or unreadable file is refused
here, before the plan file is opened). Then, in one transaction: the plan ``--plan``
names is written into, or a new draft plan is made (its kind, years and language
guessed from the document), and the outline is written. A backup of an existing plan
file is made before, and checked, as for a workbook import. ``--dry-run`` writes
nothing and only says what would be imported. Qt-free.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from planner_app.domain.enums import PlanKind
from planner_app.errors import PlanChoiceError, ValidationError
from planner_app.i18n import _
from planner_app.importing.model import Outline
from planner_app.importing.plan_words import plan_vocabulary
from planner_app.importing.reader import guess_plan, read_outline
from planner_app.importing.render import outline_lines, recognition_lines
from planner_app.importing.vocabulary import Vocabulary
from planner_app.services import plans
from planner_app.services.outline_import import Progress, Written, check_tree, write_outline
from planner_app.storage import PlanFile


@dataclass
class DocumentImport:
    file: Path
    code: str
    created_plan: bool
    dry_run: bool
    outline: Outline
    written: Written | None = None
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out: list[str] = []
        if self.dry_run:
            out += outline_lines(self.outline.tree())
            out.append("")
            head = (
                _("Would import {source} as the new draft plan {code} into {file}.")
                if self.created_plan
                else _("Would import {source} into plan {code} of {file}.")
            )
        else:
            head = (
                _("Imported {source} as the new draft plan {code} into {file}.")
                if self.created_plan
                else _("Imported {source} into plan {code} of {file}.")
            )
        out.append(head.format(source=self.outline.source, code=self.code, file=self.file))
        out += recognition_lines(self.outline)
        if self.written is not None and self.written.new_units:
            out.append(_("Units created: {names}.").format(names=", ".join(self.written.new_units)))
        if self.written is not None:
            out.extend(self.written.info)
            out.extend(self.written.notes)
        out.extend(self.notes)
        return out


def _free_code(store: PlanFile | None, wanted: str) -> str:
    base = re.sub(r"[^a-z0-9._-]+", "-", wanted.lower()).strip("-._")[:56] or "imported"
    if store is None:
        return base
    taken = {p.code for p in plans.list_plans(store)}
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


def import_document(
    file: Path,
    source: Path,
    fmt: str,
    *,
    plan_code: str | None = None,
    language: str | None = None,
    dry_run: bool = False,
) -> DocumentImport:
    """Import ``source`` (read as ``fmt``) into plan file ``file`` (created if missing,
    unless ``dry_run``)."""
    file, source = Path(file), Path(source)
    outline = read_outline(source, fmt, vocabulary=_vocabulary_of(file, plan_code))
    guess = guess_plan(outline, dt.date.today().year)
    lang = language or guess.language
    problems = check_tree(outline.tree())
    if problems:
        raise ValidationError(source.name, " ".join(problems))
    created = not file.exists()
    if created and dry_run:
        code = _free_code(None, plan_code or source.stem)
        return DocumentImport(file, code, True, True, outline)
    store = PlanFile.create(file) if created else PlanFile.open(file)
    try:
        result = _into(store, outline, plan_code, lang, dry_run, backup=not created)
        result.file = file
    except BaseException:
        store.close()
        if created:
            real = store.real_path
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    real.with_name(real.name + suffix).unlink()
        raise
    store.close()
    if store.backup_problem:
        result.notes.append(
            _("The import is saved, but a backup on closing could not be made: {problem}").format(
                problem=store.backup_problem
            )
        )
    return result


def _vocabulary_of(file: Path, plan_code: str | None) -> Vocabulary | None:
    """The level words of plan ``plan_code`` of ``file`` when it exists (its own level
    names are recognised in the document), else None (the built-in words)."""
    if plan_code is None or not file.exists():
        return None
    with PlanFile.open(file, readonly=True) as store:
        target = _existing(store, plan_code)
        return plan_vocabulary(store, target.id) if target is not None else None


def new_plan(store: PlanFile, outline: Outline, code: str, language: str) -> uuid.UUID:
    """A new draft plan for ``outline``: its kind, years and title guessed from it."""
    guess = guess_plan(outline, dt.date.today().year)
    kind = PlanKind(guess.kind)
    changed = plans.create_plan(
        store,
        code=_free_code(store, code),
        kind=kind,
        title=guess.title,
        first_year=guess.first_year,
        last_year=guess.first_year if kind.is_yearly else guess.last_year,
        languages=(language,),
    )
    return changed.id


def write_document(
    store: PlanFile,
    outline: Outline,
    *,
    plan_id: uuid.UUID | None = None,
    under: uuid.UUID | None = None,
    language: str | None = None,
    progress: Progress | None = None,
) -> Written:
    """The window's import: ``outline`` written into plan ``plan_id`` (under objective
    ``under``), or into a new draft plan made for it (``plan_id`` None; its language
    ``language`` or the document's), in one transaction: a refusal or a cancel
    (``ImportCancelledError`` from ``progress``) leaves the file as it was."""
    with store.transaction():
        if plan_id is None:
            lang = language or guess_plan(outline, dt.date.today().year).language
            plan_id = new_plan(store, outline, outline.source.rsplit(".", 1)[0], lang)
            language = lang
        return write_outline(
            store, plan_id, outline, language=language, under=under, progress=progress
        )


def _existing(store: PlanFile, code: str | None) -> plans.PlanInfo | None:
    if code is None:
        return None
    try:
        return plans.find_plan(store, code)
    except PlanChoiceError:
        return None


def _into(store, outline, plan_code, lang, dry_run, *, backup) -> DocumentImport:
    target = _existing(store, plan_code)
    if target is not None and lang not in target.languages:
        raise ValidationError(
            "--lang",
            _("plan {code} has no content language {lang} (it has {langs}).").format(
                code=target.code, lang=lang, langs=", ".join(target.languages)
            ),
        )
    code = (
        target.code
        if target is not None
        else _free_code(store, plan_code or outline.source.rsplit(".", 1)[0])
    )
    if dry_run:
        return DocumentImport(store.path, code, target is None, True, outline)
    pending = store.start_backup("before-import") if backup else None
    try:
        with store.transaction():
            plan_id = new_plan(store, outline, code, lang) if target is None else target.id
            written = write_outline(store, plan_id, outline, language=lang)
            if pending is not None:
                pending.finish()
    finally:
        if pending is not None:
            pending.close()
    return DocumentImport(store.path, code, target is None, False, outline, written)
