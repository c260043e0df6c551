"""Word documents of each shape a plan comes in, built with python-docx for the tests.

Each builder writes a .docx and returns its path; ``numbered_list`` adds a real Word
outline numbering (one abstract list with levels "%1.", "%1.%2.", "%1.%2.%3.") so
the numbers exist only as Word list numbering, as in an outline-numbered document.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

_ABSTRACT = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    + "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{".".join(f"%{k + 1}" for k in range(i + 1))}."/></w:lvl>'
        for i in range(3)
    )
    + "</w:abstractNum>"
)


def _outline_list(document) -> str:
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_ABSTRACT))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    return "90"


def numbered_item(document, text: str, level: int, num_id: str) -> None:
    p = document.add_paragraph(text, style="List Paragraph")
    ppr = p._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            "</w:numPr>"
        )
    )


def numbered_headings(path: Path) -> Path:
    """Chapters as Heading 1/2 with typed numbers, SD/OD with Trekker and quarters."""
    d = docx.Document()
    d.add_heading("1 Inleiding", level=1)
    d.add_paragraph("Dit plan loopt van 2025 tot 2029.")
    d.add_heading("1.1 Missie", level=2)
    d.add_paragraph("Wij zorgen voor een veilige samenleving.")
    d.add_heading("1.2 SWOT-analyse", level=2)
    d.add_paragraph("Sterktes")
    d.add_paragraph("Een sterk netwerk.")
    d.add_paragraph("Zwaktes")
    d.add_paragraph("Verouderde systemen.")
    d.add_heading("2 Strategische doelstellingen", level=1)
    d.add_paragraph("SD 1 Een veilige samenleving")
    d.add_paragraph("We werken aan veiligheid voor iedereen.")
    d.add_paragraph("OD 1.1 Betere alarmering")
    d.add_paragraph("Trekker: Nationaal Crisiscentrum")
    d.add_paragraph("1.1.1 Nieuw alarmsysteem")
    d.add_paragraph("Trekker: AD Digitale Innovatie")
    d.add_paragraph("Q2: aanbesteding gegund")
    d.add_paragraph("Q4 2025: systeem in gebruik")
    d.add_paragraph("Indicator: aantal bereikte burgers")
    d.add_paragraph("Streefwaarde 2026: 80 %")
    d.add_paragraph("Een tekst die geen veld is.")
    d.add_paragraph("1.1.2 Opleiding van de operatoren")
    d.add_paragraph("OD 1.2 Sterkere hulpverlening")
    d.add_paragraph("SD 2 Een wendbare organisatie")
    d.add_paragraph("OD 2.1 Digitale werkplek")
    d.add_heading("3 Communicatieplan", level=1)
    d.add_paragraph("Het plan wordt voorgesteld aan alle medewerkers.")
    d.save(path)
    return path


def outline_list(path: Path) -> Path:
    """The objectives as an outline-numbered Word list under a chapter heading."""
    d = docx.Document()
    d.add_heading("Inleiding", level=1)
    d.add_paragraph("Een korte inleiding.")
    d.add_heading("Doelstellingen", level=1)
    num = _outline_list(d)
    for text, level in (
        ("Kaderen", 0),
        ("Wetgeving moderniseren", 1),
        ("Kieswet herzien", 2),
        ("Identiteitskaart digitaal", 2),
        ("Samenwerken", 1),
        ("Inrichten", 0),
        ("Rollen verduidelijken", 1),
    ):
        numbered_item(d, text, level, num)
    d.add_paragraph("Een toelichting bij de laatste doelstelling.")
    d.add_heading("Ondertekening", level=1)
    d.save(path)
    return path


def french_tree(path: Path) -> Path:
    """A three-level OS/OO/PRJ tree in French with Pilote, Indicateur, Cible."""
    d = docx.Document()
    d.add_heading("Objectifs stratégiques et opérationnels", level=1)
    d.add_paragraph("OS 1 – Renforcer la sécurité")
    d.add_paragraph("OO 1.1 – Moderniser l'alerte")
    d.add_paragraph("Pilote : Centre de crise")
    d.add_paragraph("PRJ 1.1.1 – Nouveau système d'alerte")
    d.add_paragraph("Pilote : DG Innovation numérique")
    d.add_paragraph("Indicateur : part de la population atteinte")
    d.add_paragraph("Cible 2026 : 80,5 %")
    d.add_paragraph("T2 : marché attribué")
    d.add_paragraph("PRJ 1.1.2 – Formation des opérateurs")
    d.add_paragraph("OO 1.2 – Renforcer les secours")
    d.add_paragraph("OS 2 – Une organisation agile")
    d.add_paragraph("OO 2.1 – Poste de travail numérique")
    d.add_paragraph("PRJ 2.1.1 – Migration vers le nuage")
    d.save(path)
    return path


def budget_table(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("5 Middelen", level=1)
    d.add_paragraph("De begroting in kEUR.")
    table = d.add_table(rows=4, cols=3)
    for r, row in enumerate(
        (("FOD in kEUR", "INI 2025 VL", "INI 2025 VE"), ("Personeel", "323.381", "327.421"),
         ("Werking", "70.158", "67.488"), ("Totaal", "393.539", "394.909"))
    ):  # fmt: skip
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    other = d.add_table(rows=2, cols=2)
    other.cell(0, 0).text = "Doelgroep"
    other.cell(0, 1).text = "Kanaal"
    other.cell(1, 0).text = "Medewerkers"
    other.cell(1, 1).text = "Intranet"
    d.add_heading("6 Handtekening", level=1)
    d.save(path)
    return path


# --- hostile documents --------------------------------------------------------------


def rewrite(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
    return target


def with_entity_bomb(source: Path, target: Path) -> Path:
    laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
            for i in range(1, 10)
        )
        + "]>"
    )

    def change(name: str, data: bytes) -> bytes:
        if name == "word/document.xml":
            head, rest = data.decode().split("?>", 1)
            return (head + "?>" + laughs + rest.replace("Inleiding", "&lol9;", 1)).encode()
        return data

    return rewrite(source, target, change)


def zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return path


def many_paragraphs(path: Path, n: int = 100_001) -> Path:
    bits = random.Random(30).getrandbits  # too random for the compression-ratio check
    body = "".join(f"<w:p><w:r><w:t>{bits(64):x}</w:t></w:r></w:p>" for _i in range(n))
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml)
    return path


def macro_enabled(source: Path, target: Path) -> Path:
    """A .docm saved under a .docx name: its content type says macros, and it has a
    vbaProject.bin."""

    def change(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(
                b"wordprocessingml.document.main+xml",
                b"ms-word.document.macroEnabled.main+xml",
            )
        return data

    rewrite(source, target, change)
    with zipfile.ZipFile(target, "a") as zf:
        zf.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 512)
    return target
