"""The installers: the files they name exist; the Linux bundle builds and proves itself.

The slow test builds the one-folder bundle with PyInstaller (as `make dist` does),
runs the built binary's ``--self-test`` with a bare environment, and checks with
``ldd`` that every library in the bundle finds what it links against.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree

ROOT = Path(__file__).resolve().parents[1]
INSTALLERS = ROOT / "installers"
ISS = INSTALLERS / "windows" / "planner-app.iss"


def iss_sources() -> list[str]:
    """The paths the Inno Setup script names, relative to its folder (``..\\..\\…``)."""
    text = ISS.read_text(encoding="utf-8")
    found = re.findall(r'(?:Source|SetupIconFile|LicenseFile)[:=]\s*"?([^";\r\n]+)', text)
    return [p.strip().replace("\\", "/") for p in found]


def test_the_windows_script_installs_per_user_without_an_administrator():
    text = ISS.read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in text
    assert "DefaultDirName={autopf}" in text  # the user's Programs folder when lowest
    assert "HKLM" not in text and "HKCR" not in text  # HKA: the user's hive
    assert '#define AssocExt ".plan"' in text
    assert 'Subkey: "Software\\Classes\\{#AssocExt}\\OpenWithProgids"' in text


def test_the_files_the_installers_name_exist_in_the_checkout():
    for source in iss_sources():
        if "dist/" in source:
            continue  # the build output: checked by the slow test
        assert (ISS.parent / source).resolve().exists(), source
    for name in ("planner-app.ico", "planner-app-256.png", "planner-app.svg"):
        assert (ROOT / "resources" / "icons" / name).exists()
    assert (ROOT / "LICENSE").exists()


def test_the_linux_metadata_is_well_formed():
    for name in ("be.planner_app.Planner.metainfo.xml", "be.planner_app.Planner.mime.xml"):
        ElementTree.parse(INSTALLERS / "linux" / name)
    desktop = (INSTALLERS / "linux" / "be.planner_app.Planner.desktop").read_text()
    assert desktop.startswith("[Desktop Entry]\n")
    assert "MimeType=application/x-planner-plan;" in desktop
    assert "Exec=planner-app %f" in desktop


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle")
def test_the_bundle_builds_passes_its_self_test_and_links(tmp_path):
    pytest.importorskip("PyInstaller")
    dist, work = tmp_path / "dist", tmp_path / "build"
    spec = INSTALLERS / "pyinstaller" / "planner-app.spec"
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work), str(spec)]
    build = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=ROOT,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    bundle = dist / "planner-app"
    binary = bundle / "planner-app"
    assert binary.exists()
    for lang in ("nl", "fr"):  # compiled catalogues travel with the build
        assert next(bundle.rglob(f"locale/{lang}/LC_MESSAGES/planner_app.mo"), None)
    # the Inno Setup script packs dist/planner-app/*: the same layout on Windows
    assert any("dist/planner-app/*" in s for s in iss_sources())

    home = tmp_path / "home"
    home.mkdir()
    bare = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    if "DISPLAY" in os.environ:
        bare["DISPLAY"] = os.environ["DISPLAY"]
    test = subprocess.run(
        ["env", "-i", *(f"{k}={v}" for k, v in bare.items()), str(binary), "--self-test"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert test.returncode == 0, test.stdout + test.stderr[-4000:]
    assert "self-test passed" in test.stdout

    missing = []
    for library in [*bundle.rglob("*.so"), *bundle.rglob("*.so.*")]:
        if library.is_symlink() or not library.is_file():
            continue
        out = subprocess.run(["ldd", str(library)], capture_output=True, text=True).stdout
        missing += [
            f"{library.name}: {line.strip()}" for line in out.splitlines() if "not found" in line
        ]
    assert missing == []
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
    print(f"bundle: {size / 1e6:.0f} MB")
    shutil.rmtree(work, ignore_errors=True)
