"""How a plan presents itself as a document (issue 24, items 2 and 3): its kind or own
document type, its version label, its logo, who signs (a body without a person's name)
and the place and date printed above the signatures, fixed with the plan, carried by
the workbook and the exchange."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from planner_app.domain.enums import PlanKind
from planner_app.errors import PlanFrozenError, ValidationError
from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_import import import_xlsx
from planner_app.exporting.pdf import export_pdf
from planner_app.services import fingerprint, images, plan_document, plan_parts, plans
from planner_app.services.fingerprint import canonical_content
from planner_app.storage import PlanFile


def png(width: int = 40, height: int = 20, colour: str = "navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 30, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(out, "JPEG")
    return out.getvalue()


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture
def contract(store: PlanFile):
    """A French administration contract 2016-2018 signed by a committee and a minister."""
    plan = plans.create_plan(
        store,
        code="ca-2016",
        kind=PlanKind.ADMINISTRATION_CONTRACT,
        title={"fr": "Contrat d'administration", "nl": "Bestuursovereenkomst"},
        first_year=2016,
        last_year=2018,
        languages=["fr", "nl"],
    ).id
    plan_document.update_document(
        store,
        plan,
        version_label={"fr": "Version de mai 2016", "nl": "Versie van mei 2016"},
        signing_place={"fr": "Bruxelles", "nl": "Brussel"},
        signing_date=dt.date(2016, 5, 17),
    )
    plan_parts.add_signatory(store, plan, function={"fr": "Le Comité de direction"}, body=True)
    plan_parts.add_signatory(
        store, plan, function={"fr": "Le Ministre de l'Intérieur"}, name="Jan JANSSENS"
    )
    return plan


def test_kinds_titles_and_periods(store: PlanFile):
    for kind in PlanKind:
        code = kind.value.replace("_", "-")
        one = plans.create_plan(store, code=code, kind=kind, title="T", first_year=2025).id
        assert plans.plan_info(store, one).kind is kind
    # the new kinds cover one year or a range; a yearly plan exactly one
    plans.create_plan(
        store, code="mp", kind="management_plan", title="T", first_year=2025, last_year=2030
    )
    with pytest.raises(ValidationError, match="one year"):
        plans.create_plan(
            store, code="bp", kind="business", title="T", first_year=2025, last_year=2026
        )
    t = lambda m: m  # noqa: E731 - the English names
    assert plan_document.document_title(PlanKind.GESTION_PLAN, {}, "fr", t) == "Plan de gestion"
    own = {"nl": "Bestuursovereenkomst", "fr": "Contrat d'administration"}
    assert plan_document.document_title(PlanKind.OTHER, own, "fr", t) == "Contrat d'administration"
    assert plan_document.document_title(PlanKind.OTHER, own, "de", t) == "Plan"


def test_document_fields_merge_per_language_and_give_old_values(store, contract):
    changed = plan_document.update_document(
        store, contract, document_type={"nl": "Bestuursovereenkomst"}, signing_date=None
    )
    assert changed.old == {"document_type": {}, "signing_date": dt.date(2016, 5, 17)}
    assert changed.new["signing_date"] is None
    info = plan_document.document_info(store, contract)
    assert info.version_label == {"fr": "Version de mai 2016", "nl": "Versie van mei 2016"}
    assert info.document_type == {"nl": "Bestuursovereenkomst"} and info.signing_date is None
    with pytest.raises(ValidationError, match="language de"):
        plan_document.update_document(store, contract, signing_place={"de": "Brüssel"})
    with pytest.raises(ValidationError, match="not a date"):
        plan_document.update_document(store, contract, signing_date="2016-05-17")  # type: ignore[arg-type]


def test_a_body_signs_without_a_name_and_a_person_needs_one(store, contract):
    body, person = plan_parts.load_signatories(store, contract)
    assert body.body and body.name == "" and not person.body
    with pytest.raises(ValidationError, match="Name"):
        plan_parts.add_signatory(store, contract, function="Ministre", name="")
    with pytest.raises(ValidationError, match="as a whole"):
        plan_parts.add_signatory(store, contract, function="Comité", name="X", body=True)
    changed = plan_parts.update_signatory(store, person.id, body=True)  # the name goes
    assert changed.old["name"] == "Jan JANSSENS"
    assert plan_parts.load_signatories(store, contract)[1].name == ""
    with pytest.raises(ValidationError, match="Name"):  # a person again needs a name
        plan_parts.update_signatory(store, person.id, body=False)
    plan_parts.update_signatory(store, person.id, body=False, name="Jan JANSSENS")


def test_images_are_checked_by_content(store, plan_id):
    assert images.check_image(png()).mime == "image/png"
    assert images.check_image(jpeg(), "logo.jpg").mime == "image/jpeg"
    for bad, reason in (
        (b"", "empty"),
        (b"GIF89a" + b"\0" * 40, "not a PNG or JPEG"),
        (png()[:60], "cannot be read"),  # truncated
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a PNG or JPEG"),
    ):
        with pytest.raises(ValidationError, match=reason):
            images.check_image(bad, "x.png")
    big = io.BytesIO()
    Image.new("1", (8000, 6000)).save(big, "PNG")  # 48 megapixels, a small file
    with pytest.raises(ValidationError, match="40 million"):
        images.check_image(big.getvalue(), "huge.png")
    with pytest.raises(ValidationError, match="at most 5 MB"):
        images.check_image(b"\x89PNG" + b"\0" * (images.MAX_IMAGE_BYTES + 1), "big.png")


def test_a_new_logo_replaces_the_old_one_and_swapping_undoes_it(store, plan_id):
    first = images.set_image(store, plan_id, data=png(), name="C:\\logos\\first.png")
    assert first.extra["previous"] is None
    logo = images.slot_image(store, plan_id)
    assert logo.name == "first.png" and (logo.width, logo.height) == (40, 20)
    second = images.set_image(store, plan_id, data=jpeg(), name="second.jpg")
    assert second.extra["previous"] == first.id
    assert images.slot_image(store, plan_id).id == second.id
    images.swap_image(store, plan_id, image_id=first.id)  # undo
    assert images.slot_image(store, plan_id).id == first.id
    assert images.image_data(store, first.id) == png()
    images.swap_image(store, plan_id, image_id=None)  # no logo at all
    assert images.slot_image(store, plan_id) is None


def test_the_fingerprint_covers_the_document_fields_and_the_logo(store, contract):
    images.set_image(store, contract, data=png(), name="logo.png")
    with store.read() as s:
        before = json.loads(canonical_content(s, contract))
    assert before["plan"]["signing_date"] == "2016-05-17"
    assert before["plan"]["signing_place"] == {"fr": "Bruxelles", "nl": "Brussel"}
    (logo,) = before["plan_images"]
    assert logo["data"] == {"sha256": images.check_image(png()).sha256, "size": len(png())}
    assert [s["body"] for s in sorted(before["signatories"], key=lambda r: r["position"])] == [
        True,
        False,
    ]
    plans.make_final(store, contract)
    with pytest.raises(PlanFrozenError):
        plan_document.update_document(store, contract, signing_date=dt.date(2016, 6, 1))
    with pytest.raises(PlanFrozenError):
        images.set_image(store, contract, data=jpeg())
    assert fingerprint.check_fixed(store, contract).holds
    # the signing record is added after signing, outside the fingerprint
    plans.record_signing(store, contract, signed_on=dt.date(2016, 5, 20), place="Bruxelles")
    assert fingerprint.check_fixed(store, contract).holds


def test_pdf_prints_the_document_type_version_label_place_date_and_body(store, contract, tmp_path):
    out = tmp_path / "ca.pdf"
    export_pdf(store, contract, out, language="fr")
    text = pdf_text(out)
    assert "Administration contract 2016–2018" not in text  # the fr catalogue names it
    assert "Version de mai 2016" in text
    assert "Bruxelles" in text and "17 mai 2016" in text
    assert "Le Comité de direction" in text and "Jan JANSSENS" in text
    plan_document.update_document(store, contract, document_type={"fr": "Contrat de gestion"})
    export_pdf(store, contract, out, language="fr")
    assert "Contrat de gestion 2016–2018" in pdf_text(out)
    nl = tmp_path / "ca-nl.pdf"
    export_pdf(store, contract, nl, language="nl")
    assert "Brussel" in pdf_text(nl) and "17 mei 2016" in pdf_text(nl)


def test_no_place_or_date_leaves_lines_to_fill_in(store, plan_id, tmp_path):
    plan_parts.add_signatory(store, plan_id, function="De voorzitter", name="X")
    out = tmp_path / "p.pdf"
    export_pdf(store, plan_id, out, language="nl")
    assert "____" in pdf_text(out)


def test_workbook_round_trip_keeps_the_document_fields_images_and_bodies(store, contract, tmp_path):
    images.set_image(store, contract, data=png(400, 300), name="logo.png")
    out = tmp_path / "ca.xlsx"
    export_xlsx(store, contract, out, language="fr")
    target = tmp_path / "copy.plan"
    result = import_xlsx(target, out)
    with store.read() as s:
        want = json.loads(canonical_content(s, contract))
    with PlanFile.open(target, readonly=True) as copy, copy.read() as s:
        got = json.loads(canonical_content(s, result.plan_id))
        assert images.image_data(copy, want["plan_images"][0]["id"]) == png(400, 300)
    assert got == want


def test_an_old_workbook_without_the_new_sheets_and_columns_still_imports(
    store, contract, tmp_path
):
    from openpyxl import load_workbook

    out = tmp_path / "ca.xlsx"
    export_xlsx(store, contract, out, language="fr")
    wb = load_workbook(out)
    meta = wb["_planner"]
    names = {row[0].value: row[1].value for row in meta.iter_rows()}
    for key in ("images", "image_data"):
        del wb[names[f"sheet:{key}"]]
    wb.save(out)
    result = import_xlsx(tmp_path / "old.plan", out)
    with PlanFile.open(tmp_path / "old.plan", readonly=True) as copy:
        assert images.slot_image(copy, result.plan_id) is None
        assert plan_document.document_info(copy, result.plan_id).signing_date == dt.date(
            2016, 5, 17
        )


def test_a_damaged_image_in_a_workbook_is_refused_by_name(store, contract, tmp_path):
    from openpyxl import load_workbook

    images.set_image(store, contract, data=png(), name="logo.png")
    out = tmp_path / "ca.xlsx"
    export_xlsx(store, contract, out, language="fr")
    wb = load_workbook(out)
    names = {row[0].value: row[1].value for row in wb["_planner"].iter_rows()}
    data = wb[names["sheet:image_data"]]
    data.cell(row=3, column=3).value = "aGVsbG8="  # "hello": not an image
    wb.save(out)
    with pytest.raises(ValidationError, match="not a PNG or JPEG"):
        import_xlsx(tmp_path / "bad.plan", out)


# --- the exchange: every new field travels, images with their bytes -------------------

from tests import exchange_support  # noqa: E402

enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template


def test_document_fields_logo_and_body_signatories_travel_to_a_post(enrolled):
    ex = enrolled
    plan = ex.ids["plan"]
    plan_document.update_document(
        ex.hq.store,
        plan,
        document_type={"nl": "Ondernemingsplan"},
        version_label={"nl": "Versie van januari"},
        signing_place={"nl": "Brussel", "fr": "Bruxelles"},
        signing_date=dt.date(2025, 1, 31),
    )
    first = images.set_image(ex.hq.store, plan, data=png(), name="logo.png")
    images.set_image(ex.hq.store, plan, data=jpeg(), name="logo.jpg")  # replaces it
    plan_parts.add_signatory(ex.hq.store, plan, function="Het Directiecomité", body=True)
    report = ex.to_post()
    assert report.refused == [] and report.conflicts == []
    got = plan_document.document_info(ex.post.store, plan)
    assert got == plan_document.document_info(ex.hq.store, plan)
    assert got.logo is not None and got.logo.name == "logo.jpg"
    assert images.image_data(ex.post.store, got.logo.id) == jpeg()
    assert images.image_data(ex.post.store, first.id) == png()  # the undo still works there
    (body,) = [p for p in plan_parts.load_signatories(ex.post.store, plan) if p.body]
    assert body.function == {"nl": "Het Directiecomité"}
    assert ex.post.problems() == []


def test_a_package_whose_image_bytes_do_not_match_is_refused(enrolled, monkeypatch):
    from planner_app.errors import ExchangeError
    from planner_app.exchange import blobs

    ex = enrolled
    images.set_image(ex.hq.store, ex.ids["plan"], data=png(), name="logo.png")
    real = blobs.collect
    monkeypatch.setattr(
        "planner_app.exchange.changes.blob_bytes",
        lambda s, records: {k: "aGVsbG8=" for k in real(s, records)},
    )
    package = ex.hq.send(ex.folder, unit="PA")
    with pytest.raises(ExchangeError, match="checksum"):
        ex.post.merge(package)
    assert images.slot_image(ex.post.store, ex.ids["plan"]) is None


def test_a_file_of_the_release_before_opens_with_its_signatories_as_persons(tmp_path):
    import uuid

    from sqlalchemy import create_engine, text

    from planner_app.storage import migrate

    path = tmp_path / "old.plan"
    engine = create_engine(f"sqlite:///{path}")
    plan_id = uuid.uuid4()
    with engine.begin() as conn:
        migrate.upgrade(conn, "0004_fingerprint_rules")
        conn.execute(
            text("INSERT INTO local_state (key, value) VALUES ('site_id', 'abc'), ('hlc', '0')")
        )
        conn.execute(
            text(
                "INSERT INTO plans (id, code, kind, organisation, title, first_year, last_year,"
                " languages, state, version_no, row_version, hlc, site_id, deleted)"
                " VALUES (:id, 'old', 'strategic', '{}', '{\"nl\": \"Oud\"}', 2025, 2029,"
                " 'nl', 'draft', 1, 1, 1, 'abc', 0)"
            ),
            {"id": plan_id.hex},
        )
        conn.execute(
            text(
                "INSERT INTO signatories (id, plan_id, position, function, name, row_version,"
                ' hlc, site_id, deleted) VALUES (:id, :plan, 0, \'{"nl": "Minister"}\','
                " 'A. Janssens', 1, 1, 'abc', 0)"
            ),
            {"id": uuid.uuid4().hex, "plan": plan_id.hex},
        )
    engine.dispose()
    with PlanFile.open(path) as store:
        (person,) = plan_parts.load_signatories(store, plan_id)
        assert (person.name, person.body) == ("A. Janssens", False)
        info = plan_document.document_info(store, plan_id)
        assert (info.document_type, info.signing_place, info.signing_date) == ({}, {}, None)
        plan_document.update_document(store, plan_id, signing_place="Brussel")
