"""The document the minister signs reads like the original (issue 28): one cover, the
chapters numbered, bullets as bullets, figures as stored, French typography, four-digit
years, the real creation date. Checked on the PDF's text in Dutch and French."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from planner_app.domain.enums import Scenario, Statute
from planner_app.exporting.pdf import export_pdf
from planner_app.exporting.pdf_stamp import page_texts
from planner_app.services import details, plans, staffing, units
from planner_app.storage import PlanFile


def raw_pages(pdf: Path) -> list[str]:
    """Each page's text as drawn, special spaces kept (U+202F, U+00A0)."""
    return [page.extract_text() for page in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def final(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """The demo's ibz-2025-2029, made final, in Dutch and French."""
    root = tmp_path_factory.mktemp("document")
    path = root / "demo.plan"
    shutil.copy2(demo_source, path)
    with PlanFile.open(path) as store:
        plan = plans.find_plan(store, "ibz-2025-2029")
        # a strategic plan tracks no status by default; here it does, so that the
        # status label shows its French colon
        plans.update_plan(store, plan.id, track_status=True)
        plans.make_final(store, plan.id)
        for lang in ("nl", "fr"):
            export_pdf(store, plan.id, root / f"{lang}.pdf", language=lang)
    return SimpleNamespace(
        nl=page_texts(root / "nl.pdf"),
        fr=page_texts(root / "fr.pdf"),
        raw_nl=raw_pages(root / "nl.pdf"),
        raw_fr=raw_pages(root / "fr.pdf"),
        pdf=root / "nl.pdf",
    )


def test_the_cover_says_the_title_once(final):
    cover = final.nl[0]
    assert cover.count("Strategisch plan 2025-2029") == 2  # the title, and the footer's
    assert "2025–2029" not in cover  # no second "Strategisch plan 2025–2029" under it
    assert "FOD Binnenlandse Zaken" in cover and "Versie 1" in cover
    assert "Definitief, ter ondertekening" in cover
    # in French the document type is news to the reader: said once, in French
    assert final.fr[0].count("Plan stratégique") == 1 and "2025–2029" not in final.fr[0]


@pytest.mark.parametrize(
    ("lang", "chapters"),
    [
        (
            "nl",
            [  # seed 003's own chapter tree (issue 24)
                "1.1 Draagwijdte van het strategisch plan",
                "1.2 Uitvoering",
                "2 Langetermijnstrategie",
                "2.1 Missie: waar we voor staan",
                "2.5 Visie: waar we voor gaan",
                "3 Strategie voor de legislatuur",
                "4 Communicatieplan",
                "5.1 Organogram",
                "5.2 Meerjarig middelenschema",
                "5.3 Personeel",
                "6 Handtekening van de partijen",
                "7 Waarden",
            ],
        ),
        (
            "fr",
            [
                "1.1 Draagwijdte van het strategisch plan",
                "3 Strategie voor de legislatuur",
                "6 Handtekening van de partijen",
            ],
        ),
    ],
)
def test_chapters_are_numbered_in_the_contents_and_the_text(final, lang, chapters):
    contents, body = getattr(final, lang)[1], " ".join(getattr(final, lang)[2:])
    for chapter in chapters:
        assert chapter in contents, chapter
        assert chapter in body, chapter
    order = [body.index(chapter) for chapter in chapters]
    assert order == sorted(order)


def test_user_lists_print_as_bullets(final):
    text = " ".join(final.nl)
    assert "• het versterken van democratische processen" in text
    assert "• Wij investeren in en zijn betrokken bij de uitoefening" in text
    assert not re.search(r"(^| )- het versterken van democratische", text)


def test_french_labels_have_a_narrow_no_break_space_before_the_colon(final):
    french = " ".join(final.raw_fr)
    assert "Statut\u202f: pas commencé" in french
    assert "Statut:" not in french and "Statut :" not in french
    dutch = " ".join(final.raw_nl)
    assert "Status: niet gestart" in dutch and "\u202f" not in dutch


def test_the_pdf_carries_its_real_creation_date(final):
    created = PdfReader(final.pdf).metadata.creation_date
    assert created is not None
    assert abs((created.date() - dt.date.today()).days) <= 1


@pytest.fixture
def small(store: PlanFile, plan_id, tree, tmp_path: Path) -> SimpleNamespace:
    """A plan with a dated milestone and FTE in hundredths, in nl and fr."""
    details.add_milestone(store, tree["i1"], text="Ontwerp klaar", due_date=dt.date(2023, 5, 15))
    unit = units.add_unit(store, plan_id, name="AD Dienst Vreemdelingenzaken", code="DVZ").id
    for statute, fte in ((Statute.MANDATE, "1.0"), (Statute.STATUTORY, "1951.7")):
        staffing.set_staffing(
            store, unit, statute=statute, year=2025, scenario=Scenario.AS_IS, fte=Decimal(fte)
        )
    staffing.set_staffing(
        store,
        unit,
        statute=Statute.CONTRACTUAL,
        year=2025,
        scenario=Scenario.AS_IS,
        fte=Decimal("265.25"),
    )
    out = {}
    for lang in ("nl", "fr"):
        export_pdf(store, plan_id, tmp_path / f"{lang}.pdf", language=lang)
        out[lang] = " ".join(raw_pages(tmp_path / f"{lang}.pdf"))
    return SimpleNamespace(**out)


def test_dates_print_with_four_digit_years(small):
    for text in (small.nl, small.fr):
        assert "15/05/2023" in text
        assert "15/05/23 " not in text and "15/05/23:" not in text


def test_fte_print_as_stored_so_rows_add_up_to_the_total(small):
    assert "265,25" in small.nl and "265,2 " not in small.nl
    assert "2.217,95" in small.nl  # 1,0 + 1.951,7 + 265,25
    assert "2\u202f217,95" in small.fr


# --- the signature page ----------------------------------------------------------------


def _text_positions(pdf: Path, page_number: int) -> dict[str, float]:
    """Each text run of a page with the y of its baseline (PDF points)."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.setdefault(text.strip(), cm[5] + tm[5] * cm[3])

    PdfReader(pdf).pages[page_number].extract_text(visitor_text=visit)
    return found


@pytest.fixture
def signed_out(store: PlanFile, plan_id, tmp_path: Path):
    """A final plan with nine signatories (the page breaks between blocks), a place."""
    from planner_app.services import plan_document, plan_parts

    plan_document.update_document(
        store, plan_id, signing_place={"nl": "Brussel", "fr": "Bruxelles"}
    )
    for n in range(1, 10):
        plan_parts.add_signatory(
            store,
            plan_id,
            function={"nl": f"De minister van dienst {n}, belast met een lange opdracht"},
            name=f"Persoon {n}",
        )
    plans.make_final(store, plan_id)
    for lang in ("nl", "fr"):
        export_pdf(store, plan_id, tmp_path / f"{lang}.pdf", language=lang)
    return tmp_path


def test_the_place_and_date_line_is_printed_once_above_the_blocks(signed_out):
    nl = " ".join(page_texts(signed_out / "nl.pdf"))
    assert nl.count("Gedaan te Brussel op ________________") == 1
    assert nl.index("Gedaan te Brussel op") < nl.index("Persoon 1")
    fr = " ".join(page_texts(signed_out / "fr.pdf"))
    assert fr.count("Fait à Bruxelles, le ________________") == 1


def test_a_block_never_splits_and_each_line_is_level_with_its_name(signed_out):
    from planner_app.signing.sign import signature_fields

    pdf = signed_out / "nl.pdf"
    reader = PdfReader(pdf)
    boxes = {}
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            if widget.get("/FT") == "/Sig":
                boxes[str(widget["/T"])] = (number, [float(v) for v in widget["/Rect"]])
    assert len(signature_fields(pdf)) == 9
    pages = set()
    for n in range(1, 10):
        page, (_x1, y1, _x2, _y2) = boxes[f"Signatory{n}"]
        pages.add(page)
        text = _text_positions(pdf, page)
        title = next(k for k in text if k.startswith(f"De minister van dienst {n},"))
        name_y = text[f"Persoon {n}"]  # title and name on the field's own page
        line_y = y1 - 8  # the line is drawn under the room to sign (its bottom padding)
        assert abs(name_y - line_y) < 2, (n, name_y, line_y)  # level with its name
        assert text[title] > name_y + 40  # the title above, across the room to sign
        following = [k for k in text if k.startswith(f"De minister van dienst {n + 1},")]
        if following:  # the next title starts clearly below this block's line
            assert text[following[0]] < line_y - 10
    assert len(pages) > 1  # nine blocks run over a page break, none cut by it
