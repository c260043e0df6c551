"""Run LibreOffice headless on exported workbooks, for the tests that check a real
spreadsheet agrees with the app (skipped where ``soffice`` is not installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")

# CSV of every sheet, values (not as shown), UTF-8, formulas recalculated on load.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
# Open and save again as .xlsx, as a user does who opens the file in Calc and saves.
XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"


def convert(folder: Path, target: str, sources: list[Path], outdir: Path) -> None:
    """Convert ``sources`` into ``outdir`` with a private LibreOffice profile in
    ``folder`` (a shared profile would lock against another running soffice)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *(str(s) for s in sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
