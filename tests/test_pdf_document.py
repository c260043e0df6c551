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
            [
                "1 Draagwijdte van het strategisch plan",
                "2 Uitvoering",
                "5 Missie: waar we voor staan",
                "14 Doelstellingen",
                "15 Budget (kEUR)",
                "16 Personeel (VTE en effectieven)",
                "17 Handtekening van de partijen",
            ],
        ),
        ("fr", ["1 Draagwijdte van het strategisch plan", "14 Objectifs", "17 Signature"]),
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
