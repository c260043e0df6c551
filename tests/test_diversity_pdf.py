"""The diversity plan as an annex of the plan document (issue 8): the demo's
dkbuza-2025 carries seed 004's plan; its text, table, statuses and chart labels reach
the PDF in the document's language; a plan without one gets no annex."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from planner_app.domain.enums import PlanKind
from planner_app.exporting.pdf import export_pdf
from planner_app.exporting.pdf_stamp import page_texts
from planner_app.services import diversity, plans
from planner_app.services.diversity_edit import start_diversity_plan
from planner_app.storage import PlanFile
from tests.test_pdf_export import flat, needs, pdftotext


@pytest.fixture(scope="module")
def dkbuza(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    root = tmp_path_factory.mktemp("diversity-pdf")
    path = root / "demo.plan"
    shutil.copy2(demo_source, path)
    with PlanFile.open(path, readonly=True) as store:
        plan = plans.find_plan(store, "dkbuza-2025")
        export_pdf(store, plan.id, root / "nl.pdf", language="nl")
        export_pdf(store, plan.id, root / "fr.pdf", language="fr")
    return SimpleNamespace(nl=root / "nl.pdf", fr=root / "fr.pdf")


@needs("pdftotext")
def test_demo_annex_in_dutch(dkbuza):
    text = flat(pdftotext(dkbuza.nl))
    annex = text[text.rindex("Bijlage: gelijkekansen- en diversiteitsplan 2025") :]
    # table cells as they are drawn, one after the other (poppler reads a wrapped cell's
    # lines across the row)
    cells = " ".join(page_texts(dkbuza.nl))
    cells = cells[cells.rindex("Bijlage: gelijkekansen- en diversiteitsplan 2025") :]
    for expected in (
        "HR-partner",
        "Pijlers",
        "1. Inclusief rekruterings-, selectie- en wervingsbeleid",
        "5. Inzetten op een inclusieve beeldvorming",
        "Knelpunten",
        "Topprioriteit",
        "1. We nemen deel aan het pilootproject rond inclusie",
        "3. We werken toe naar een meer diverse instroom qua gender",
        "Pijlers: 1, 4, 5",
        "Indicatoren",
        "2025: 4,2%",
        "2025: 2,3%",
        "2025: 46",
        "Het departement zegt zelf geen goede cijfers",
        "Nulmetingen 2025 (%)",  # the chart: no targets or actuals yet
    ):
        assert expected in annex, expected
    assert "Medewerkers met een buitenlandse origine (procent)" in cells
    for header in ("Indicator", "Nulmeting", "Streefwaarden", "Realisaties", "Status"):
        assert f" {header} " in cells  # never cut ("Nulmetin g")
    assert cells.count("geen streefwaarde") == 6  # no invented targets
    assert "@" not in annex  # the contact by role only


@needs("pdftotext")
def test_demo_annex_in_french(dkbuza):
    text = flat(pdftotext(dkbuza.fr))
    annex = text[text.rindex("Annexe : plan d'égalité des chances et de diversité 2025") :]
    assert "2025 : 4,2 %" in annex  # poppler reads the narrow no-break spaces as spaces
    from pypdf import PdfReader

    raw = "".join(page.extract_text() for page in PdfReader(dkbuza.fr).pages)
    # French typography: a narrow no-break space before the colon and the percent sign,
    # a no-break space keeps a year with its figure
    assert re.search("2025\u202f:[ \u00a0]4,2\u202f%", raw)
    assert "Rôle\u202f:" in raw and "Statut\u202f:" not in raw.replace("Statut\u202f:", "")
    assert "Lutte contre la discrimination" not in annex  # user text stays as typed
    cells = " ".join(page_texts(dkbuza.fr))
    assert cells.count("pas de valeur cible") == 6


@needs("pdftotext")
def test_progress_chart_and_status(store, tmp_path):
    plan_id = plans.create_plan(
        store, code="s", kind=PlanKind.STRATEGIC, title="S", first_year=2025, last_year=2029
    ).id
    div = start_diversity_plan(store, plan_id, year=2025).id
    ind = diversity.add_indicator(store, div, name="Vrouwen in topfuncties", unit="percent").ids[1]
    diversity.set_indicator_value(store, ind, year=2025, kind="baseline", value="30")
    diversity.set_indicator_value(store, ind, year=2029, kind="target", value="50")
    diversity.set_indicator_value(
        store, ind, year=2027, kind="actual", numerator=21, denominator=50
    )
    export_pdf(store, plan_id, tmp_path / "s.pdf", language="nl")
    text = flat(pdftotext(tmp_path / "s.pdf"))
    assert "2029: 50,0%" in text and "2027: 42,0%" in text
    # judged at the plan's own date, the end of 2027 (its latest actual): 30 % as 2025
    # begins, 50 % as 2029 ends, so 42 % as 2027 ends; 42 % is on the line
    assert "Status op 31/12/2027" in text and "op koers" in text
    assert "Nulmeting en streefwaarden" in text and "Werkelijk" in text  # chart legend
    assert "Vrouwen in topfuncties" in text  # the chart's whole title
    diversity.set_indicator_value(store, ind, year=2027, kind="actual", numerator=2, denominator=5)
    export_pdf(store, plan_id, tmp_path / "s.pdf", language="nl")
    assert "achter" in flat(pdftotext(tmp_path / "s.pdf"))  # 40 % under the line's 42 %


@needs("pdftotext")
def test_no_annex_without_a_diversity_plan(store, plan_id, tmp_path):
    export_pdf(store, plan_id, tmp_path / "p.pdf", language="nl")
    assert "Bijlage" not in pdftotext(tmp_path / "p.pdf")


@needs("pdffonts")
def test_charts_embed_our_fonts_only(dkbuza):
    fonts = subprocess.run(
        ["pdffonts", str(dkbuza.nl)], capture_output=True, text=True, check=True
    ).stdout
    assert "Times" not in fonts and "Helvetica" not in fonts
