"""The plan document and the year review as PDF: valid, embedded fonts, the demo's
content in order, labels in the document's language, user text as data, and a
fingerprint that ``verify --pdf`` checks.

Tests that read a PDF with poppler (pdftotext, pdffonts) or qpdf skip where the tool is
missing; CI installs poppler-utils and qpdf."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from planner_app.cli import main
from planner_app.domain.enums import ObjectiveLevel, SectionKind
from planner_app.errors import DocumentError, ExportError
from planner_app.exporting.pdf import export_pdf
from planner_app.exporting.pdf_doc import Heading
from planner_app.exporting.pdf_stamp import read_fingerprint
from planner_app.exporting.pdf_styles import make_styles
from planner_app.exporting.pdf_text import escape
from planner_app.exporting.report import ExportCancelledError
from planner_app.services import objectives, plan_parts, plans, sections
from planner_app.services.fingerprint import current_fingerprint
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile


def needs(tool: str):
    return pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} is not installed")


def pdftotext(pdf: Path) -> str:
    """The page text (the draft watermark is drawn as outlines, not text)."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def flat(text: str) -> str:
    """Whitespace normalised: line wraps and breaks become single spaces."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """The demo's ibz-2025-2029 document in Dutch and French, exported once."""
    root = tmp_path_factory.mktemp("pdf")
    path = root / "demo.plan"
    shutil.copy2(demo_source, path)
    with PlanFile.open(path, readonly=True) as store:
        plan = plans.find_plan(store, "ibz-2025-2029")
        nl = export_pdf(store, plan.id, root / "ibz.pdf", language="nl")
        fr = export_pdf(store, plan.id, root / "ibz-fr.pdf", language="fr")
        return SimpleNamespace(
            path=path,
            pdf=root / "ibz.pdf",
            pdf_fr=root / "ibz-fr.pdf",
            report=nl,
            report_fr=fr,
            fingerprint=current_fingerprint(store, plan.id),
            tree=load_tree(store, plan.id),
            signatories=plan_parts.load_signatories(store, plan.id),
        )


@needs("qpdf")
def test_qpdf_check_passes(demo):
    result = subprocess.run(["qpdf", "--check", str(demo.pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@needs("pdffonts")
def test_only_embedded_fonts(demo):
    out = subprocess.run(
        ["pdffonts", str(demo.pdf)], capture_output=True, text=True, check=True
    ).stdout
    fonts = out.splitlines()[2:]
    assert fonts, out
    for line in fonts:
        assert "DejaVuSans" in line, line
        assert line.split()[-5] == "yes", f"not embedded: {line}"


@needs("pdftotext")
def test_demo_text_has_objectives_in_order_budget_signatories_fingerprint(demo):
    text = flat(pdftotext(demo.pdf))
    # the seed's chapter 3 holds the objectives (after the contents, which name it too)
    chapter = "3 Strategie voor de legislatuur"
    body = text.index(chapter, text.index(chapter) + 1)
    position = body
    for node in demo.tree:
        title = flat(node.title["nl"])
        found = text.find(title, position)
        assert found >= 0, f"{node.code} {title!r} missing or out of order"
        position = found + 1
    assert "2.514.220" in text
    for person in demo.signatories:
        assert person.name in text
    assert demo.fingerprint in text
    assert re.search(r"Pagina 1 van \d+", text) and "Ontwerp" in text
    assert "ONTWERP" not in text and "O N T" not in text  # the watermark is no text


@needs("pdftotext")
def test_a_plan_that_tracks_no_status_prints_none(demo):
    """IBZ's strategic plan prints no "Status: niet gestart" under its objectives (it
    printed it under every workstream); its codes are its own in either language."""
    text, french = flat(pdftotext(demo.pdf)), flat(pdftotext(demo.pdf_fr))
    assert "Status:" not in text and "niet gestart" not in text
    assert "Statut:" not in french and "Statut\u202f:" not in french
    assert "SD 1 Kaderen" in text and "1.1 Het versterken" in text
    assert "SD 1 Kaderen" in french and "OS 1" not in french  # a Dutch plan's codes


@needs("pdftotext")
def test_french_export_has_french_labels_and_marks_fallbacks(demo):
    text = flat(pdftotext(demo.pdf_fr))
    # the chapters keep the plan's (Dutch) titles; our labels are French
    for label in ("Table des matières", "Fait à Brussel, le", "Page 1 sur"):
        assert label in text
    assert "Inhoud" not in text
    assert "[nl]" in text  # the demo has Dutch text only: shown, and marked
    assert demo.report_fr.fallbacks
    assert not demo.report.fallbacks


def test_metadata_carries_the_fingerprint(demo):
    assert read_fingerprint(demo.pdf) == demo.fingerprint


def test_verify_accepts_the_matching_pdf_and_rejects_one_made_before_a_change(
    demo, tmp_path, capsys
):
    assert main(["verify", str(demo.path), "--plan", "ibz-2025-2029", "--pdf", str(demo.pdf)]) == 0
    assert demo.fingerprint in capsys.readouterr().out
    changed = tmp_path / "changed.plan"
    shutil.copy2(demo.path, changed)
    with PlanFile.open(changed) as store:
        objectives.update_objective(
            store, demo.tree[0].id, title={"nl": demo.tree[0].title["nl"] + "."}
        )
    code = main(["verify", str(changed), "--plan", "ibz-2025-2029", "--pdf", str(demo.pdf)])
    err = capsys.readouterr().err
    assert code == 1
    assert "does not match the plan" in err and "Traceback" not in err


def test_fingerprint_is_the_same_in_another_process(demo):
    result = subprocess.run(
        [sys.executable, "-m", "planner_app", "verify", str(demo.path), "--plan", "ibz-2025-2029"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == demo.fingerprint


def test_read_fingerprint_of_foreign_and_broken_files(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    foreign = tmp_path / "foreign.pdf"
    canvas = Canvas(str(foreign))
    canvas.drawString(100, 700, "a letter")
    canvas.save()
    assert read_fingerprint(foreign) is None
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("hello")
    with pytest.raises(DocumentError, match="not a PDF"):
        read_fingerprint(not_pdf)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(DocumentError):
        read_fingerprint(broken)
    with pytest.raises(DocumentError, match="Cannot read"):
        read_fingerprint(tmp_path / "missing.pdf")


def test_verify_of_a_foreign_pdf_is_one_clear_error(demo, tmp_path, capsys):
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_text("hello")
    assert main(["verify", str(demo.path), "--plan", "ibz-2025-2029", "--pdf", str(not_pdf)]) == 1
    assert "is not a PDF file" in capsys.readouterr().err


def test_escape_keeps_user_text_literal_and_its_line_breaks():
    assert escape("AT&T <b>x</b>\r\nnext") == "AT&amp;T &lt;b&gt;x&lt;/b&gt;<br/>next"


def add_initiative(store, plan_id, parent_id, **texts):
    """An initiative under ``parent_id`` with ``texts`` (title, description, ...)."""
    return objectives.add_objective(
        store, plan_id, level=ObjectiveLevel.INITIATIVE, parent_id=parent_id, **texts
    ).id


HOSTILE = [
    "AT&T R&D",
    "<b>unclosed",
    "<img src='/etc/passwd'/>",
    "<a href='file:///x'>click</a>",
    "Łódź Müller",
    "Ελλάδα",
    "Кириллица",
]
ARABIC = "العربية"
EMOJI = "😀🦄"  # DejaVu Sans has the first, not the second


@pytest.fixture
def hostile_plan(store, plan_id):
    add = objectives.add_objective
    for n, text in enumerate(HOSTILE):
        sd = add(store, plan_id, level=ObjectiveLevel.STRATEGIC, title={"nl": text}).id
        add_initiative(
            store,
            plan_id,
            sd,
            title={"nl": f"init {n} {text}"},
            description={"nl": f"first line {n}\nsecond line {n} {text}"},
        )
    add(store, plan_id, level=ObjectiveLevel.STRATEGIC, title={"nl": f"{ARABIC} {EMOJI}"})
    section = sections.add_section(
        store, plan_id, kind=SectionKind.MISSION, title={"nl": "<i>Missie"}, body={"nl": HOSTILE[3]}
    ).id
    assert section
    plan_parts.add_signatory(
        store, plan_id, function={"nl": "<u>Voorzitter"}, name="O'Brien & Zoon"
    )
    return plan_id


@needs("pdftotext")
def test_hostile_and_multilingual_text_is_printed_as_typed(store, hostile_plan, tmp_path):
    out = tmp_path / "hostile.pdf"
    report = export_pdf(store, hostile_plan, out, language="nl")
    text = pdftotext(out)
    flat_text = flat(text)
    for value in HOSTILE:
        assert value in flat_text
        assert f"init {HOSTILE.index(value)} {value}" in flat_text
    assert "first line 0\nsecond line 0" in text  # the line break is kept
    assert "O'Brien & Zoon" in flat_text and "<u>Voorzitter" in flat_text
    for char in ARABIC + EMOJI:
        assert char in text, f"U+{ord(char):04X} lost"
    missing = " ".join(report.warnings)
    assert "U+0627" in missing and "U+1F984" in missing and "U+1F600" not in missing
    assert "Ελλάδα" not in missing and "U+0141" not in missing  # Ł is in the font
    # each character named, and what is wrong with it said
    boxes = next(w for w in report.warnings if "empty boxes" in w)
    assert "🦄 (U+1F984 UNICORN FACE)" in boxes and "U+0627" not in boxes
    unjoined = next(w for w in report.warnings if "letter by letter" in w)
    assert "ا (U+0627 ARABIC LETTER ALEF)" in unjoined


def test_no_link_launch_or_image_comes_from_user_text(store, hostile_plan, tmp_path):
    out = tmp_path / "hostile.pdf"
    export_pdf(store, hostile_plan, out, language="nl")
    raw = out.read_bytes()
    for token in (b"/URI", b"/Launch", b"/Subtype /Image", b"/JavaScript"):
        assert token not in raw
    from pypdf import PdfReader

    for page in PdfReader(out).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert action.get("/S") in (None, "/GoTo")


def test_cancel_and_failure_leave_no_file(store, plan_id, tmp_path):
    objectives.add_objective(store, plan_id, level=ObjectiveLevel.STRATEGIC, title="SD")
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "plan.pdf"
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 5

    with pytest.raises(ExportCancelledError):
        export_pdf(store, plan_id, out, language="nl", progress=progress)
    assert list(folder.iterdir()) == []
    with pytest.raises(ExportError, match="folder does not exist"):
        export_pdf(store, plan_id, tmp_path / "nowhere" / "plan.pdf", language="nl")
    seen = []
    export_pdf(
        store, plan_id, out, language="nl", progress=lambda d, t: seen.append((d, t)) or True
    )
    assert [p.name for p in folder.iterdir()] == ["plan.pdf"]
    assert seen[-1][0] == seen[-1][1] and all(d <= t for d, t in seen)


@needs("pdftotext")
def test_year_review_groups_initiatives_by_status(demo_path, tmp_path, capsys):
    out = tmp_path / "review.pdf"
    code = main(["export", str(demo_path), "--plan", "dkbuza-2025", "--pdf", str(out), "--review"])
    assert code == 0, capsys.readouterr().err
    with PlanFile.open(demo_path, readonly=True) as store:
        plan = plans.find_plan(store, "dkbuza-2025")
        tree = load_tree(store, plan.id)
    initiatives = [n for n in tree if n.level is ObjectiveLevel.INITIATIVE]
    text = flat(pdftotext(out))
    assert "Terugblik 2025" in text and "Initiatieven per status" in text
    done = sum(1 for n in initiatives if n.status.value == "done")
    assert f"afgewerkt ({done})".lower() in text.lower()
    assert f"Totaal {done}" in text or str(len(initiatives)) in text
    assert read_fingerprint(out) is not None


def test_review_without_pdf_is_a_clear_error(demo_path, tmp_path, capsys):
    code = main(["export", str(demo_path), "--xlsx", str(tmp_path / "x.xlsx"), "--review"])
    assert code == 1
    assert "--pdf" in capsys.readouterr().err


def test_strategic_objectives_with_and_without_policy_field(store, plan_id, tmp_path):
    """The contents' levels stay consistent when only some SDs sit under a policy field
    (a level jump would make reportlab's outline fail)."""
    field = plan_parts.add_policy_field(store, plan_id, title={"nl": "Beleidsveld"}, code="1").id
    add = objectives.add_objective
    add(store, plan_id, level=ObjectiveLevel.STRATEGIC, title="Zonder veld")
    sd = add(
        store, plan_id, level=ObjectiveLevel.STRATEGIC, title="Met veld", policy_field_id=field
    )
    add(store, plan_id, level=ObjectiveLevel.OPERATIONAL, title="OD", parent_id=sd.id)
    add(store, plan_id, level=ObjectiveLevel.STRATEGIC, title="Weer zonder veld")
    out = tmp_path / "fields.pdf"
    export_pdf(store, plan_id, out, language="nl")
    from pypdf import PdfReader

    def flatten(items):
        for item in items:
            yield from flatten(item) if isinstance(item, list) else [item.title]

    titles = list(flatten(PdfReader(out).outline))
    assert titles.index("1. Beleidsveld") < titles.index("SD 2 Met veld")
    assert "SD 3 Weer zonder veld" in titles and "OD 2.1 OD" in titles


@needs("pdftotext")
def test_an_empty_plan_exports_without_a_placeholder(store, plan_id, tmp_path):
    out = tmp_path / "empty.pdf"
    export_pdf(store, plan_id, out, language="fr")
    text = flat(pdftotext(out))
    assert "Plan de test" in text and "Placeholder" not in text
    assert "Table des matières" not in text


def test_fingerprint_is_read_from_the_page_when_the_metadata_was_stripped(demo, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(demo.pdf).pages[:2]:
        writer.add_page(page)
    stripped = tmp_path / "resaved.pdf"
    with stripped.open("wb") as fh:
        writer.write(fh)
    assert "planner-app" not in str(PdfReader(stripped).metadata or {})
    assert read_fingerprint(stripped) == demo.fingerprint


def test_an_export_leaves_the_start_up_heap_frozen(store, plan_id, tree, tmp_path):
    """The export freezes its story and unfreezes at the end; what the process froze
    before (``tune_gc`` at start-up) is frozen again, not left to every collection."""
    import gc

    gc.freeze()
    try:
        export_pdf(store, plan_id, tmp_path / "plan.pdf", language="nl")
        assert gc.get_freeze_count() > 0  # frozen again (garbage collected first), not 0
    finally:
        gc.unfreeze()


def test_a_heading_longer_than_the_room_left_on_a_page_is_split(
    store, plan_id, tmp_path, monkeypatch
):
    """Titles of many lines (up to 1,000 characters) meet a page's foot: reportlab splits
    the heading (it used to fail: the parts were made with Paragraph's arguments)."""
    add = objectives.add_objective
    sd = add(store, plan_id, level=ObjectiveLevel.STRATEGIC, title={"nl": "Eerste"}).id
    for n in range(24):
        add_initiative(
            store,
            plan_id,
            sd,
            title={"nl": f"Titel{n} " + "zeer lang woord " * 60},
            description={"nl": "beschrijving " * (30 + 7 * n)},
        )
    splits = []
    original = Heading.split
    monkeypatch.setattr(Heading, "split", lambda *a: splits.append(original(*a)) or splits[-1])
    out = tmp_path / "long.pdf"
    export_pdf(store, plan_id, out, language="nl")
    assert any(len(parts) == 2 for parts in splits), "no heading was split: longer titles"
    text = flat(pdftotext(out))
    for n in range(24):
        assert f"Titel{n} zeer lang woord" in text


def test_only_the_first_part_of_a_split_heading_goes_into_the_contents():
    styles = make_styles()
    heading = Heading(
        escape("SD 1 " + "zeer lang woord " * 60), styles.h2, plain="SD 1", level=1, key="k1"
    )
    _width, height = heading.wrap(400, 10_000)
    first, rest = heading.split(400, height / 2)
    assert (first.toc_level, first.toc_key, first.toc_plain) == (1, "k1", "SD 1")
    assert isinstance(rest, Heading) and rest.toc_level is None


def test_the_document_is_one_version_of_the_plan(store, plan_id, tree, tmp_path, monkeypatch):
    """The objectives' details are read while the document is laid out, seconds after
    its fingerprint (the app exports from its own read-only connection while the window
    keeps the file open): a commit meanwhile must not show in the document."""
    from planner_app.exporting import pdf_objectives

    before = current_fingerprint(store, plan_id)
    read = pdf_objectives.plan_details

    def details_after_a_commit(*args, **kwargs):
        objectives.update_objective(store, tree["i1"], description={"nl": "LATER"})
        return read(*args, **kwargs)

    monkeypatch.setattr(pdf_objectives, "plan_details", details_after_a_commit)
    out = tmp_path / "plan.pdf"
    with PlanFile.open(store.path, readonly=True) as own:
        export_pdf(own, plan_id, out, language="nl")
    assert current_fingerprint(store, plan_id) != before  # the commit happened
    text = pdftotext(out)
    assert "LATER" not in text and before in flat(text)


def test_the_report_lists_fallbacks_in_the_documents_order(store, plan_id, tmp_path):
    """Headings for the contents are made before the objectives' text (which is made
    during layout); the report still follows the document."""
    add = objectives.add_objective
    sd = add(store, plan_id, level=ObjectiveLevel.STRATEGIC, title={"nl": "SD"}).id
    for n in (1, 2):
        od = add(
            store, plan_id, level=ObjectiveLevel.OPERATIONAL, parent_id=sd, title={"fr": f"OD{n}"}
        ).id
        add_initiative(
            store,
            plan_id,
            od,
            title={"nl": f"Werf {n}"},
            intended_results={"fr": f"résultat {n}"},
        )
    report = export_pdf(store, plan_id, tmp_path / "plan.pdf", language="nl")
    assert [(f.where, f.field) for f in report.fallbacks] == [
        ("OD 1.1", "title"),
        ("1.1.1", "intended results"),
        ("OD 1.2", "title"),
        ("1.2.1", "intended results"),
    ]
