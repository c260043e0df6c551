"""An installed wheel finds its resources without the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_installed_wheel_finds_migrations_demo_data_and_catalogues(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("planner_app-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(site)
    assert "planner_app/_data/database/migrations/env.py" in names
    assert "planner_app/_data/resources/locale/nl/LC_MESSAGES/planner_app.po" in names
    assert "planner_app/_data/resources/fonts/DejaVuSans.ttf" in names
    code = (
        "import planner_app.resources as r, sys\n"
        "root = r.data_root('database')\n"
        "assert '_data' in str(root), root\n"
        "from planner_app.cli import main\n"
        "sys.exit(main(['demo', sys.argv[1]]))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(site))
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "demo.plan")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "demo.plan").exists()
