"""No input reaches the "unexpected error" exit (70): a fuzz of the whole command line
over its commands, options and small hostile files (issue 20).

Hypothesis draws a command, its positional arguments and options from pools of good
and bad files (a small plan, its workbook, a truncated plan, text, a folder, a symlink
loop, a garbage package, names with URI characters) and of odd values, and runs
``main`` in this process on a fresh copy of the files. Whatever the outcome, it must
be a documented exit code (argparse's own 2 included), with no traceback. Derandomized,
so CI runs the same examples every time; about a minute.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner_app.cli import COMMANDS, main
from planner_app.domain.enums import ObjectiveLevel
from planner_app.services import objectives, plans
from planner_app.storage import PlanFile

FILES = (
    "good.plan",
    "good.xlsx",
    "truncated.plan",
    "text.plan",
    "empty.plan",
    "folder",
    "loop.plan",
    "package.planpkg",
    "Plan #2 ?%&.plan",
    "missing.plan",
    "out.xlsx",
    "out.pdf",
    "out.plan",
)


@pytest.fixture(scope="module")
def pool(tmp_path_factory, empty_plan_file) -> Path:
    folder = tmp_path_factory.mktemp("pool")
    good = folder / "good.plan"
    shutil.copy2(empty_plan_file, good)
    with PlanFile.open(good) as store:
        plan = plans.create_plan(store, code="p", kind="business", title="P", first_year=2025)
        objectives.add_objective(store, plan.id, level=ObjectiveLevel.STRATEGIC, title="SD")
    assert main(["export", str(good), "--xlsx", str(folder / "good.xlsx")]) == 0
    data = good.read_bytes()
    (folder / "truncated.plan").write_bytes(data[: len(data) // 3])
    (folder / "text.plan").write_text("not a plan\n")
    (folder / "empty.plan").write_bytes(b"")
    (folder / "folder").mkdir()
    (folder / "loop.plan").symlink_to("loop.plan")
    (folder / "package.planpkg").write_bytes(b"PK\x03\x04 not really a package")
    shutil.copy2(good, folder / "Plan #2 ?%&.plan")
    return folder


values = st.one_of(
    st.sampled_from(FILES),
    st.sampled_from(["p", "nope", "nl", "fr", "zz", "1", "-1", "ours", "theirs", "combine", ""]),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=12,
    ),
)
OPTIONS = {
    "--plan": 1,
    "--json": 0,
    "--xlsx": 1,
    "--pdf": 1,
    "--lang": 1,
    "--review": 0,
    "--dry-run": 0,
    "--from": 1,
    "--decide": 2,
    "-o": 1,
    "--for-unit": 1,
    "--accept-key": 1,
    "--fingerprint-only": 0,
    "--scan-out": 1,
    "--include-hr": 0,
    "--all-staffing": 0,
    "--force": 0,
}


@st.composite
def command_lines(draw) -> list[str]:
    command = draw(st.sampled_from(COMMANDS))
    positional = draw(st.lists(st.sampled_from(FILES), min_size=0, max_size=2))
    argv = [command, *positional]
    for name in draw(st.lists(st.sampled_from(sorted(OPTIONS)), max_size=3, unique=True)):
        if command == "demo" and name == "--force":
            continue  # building the demo takes seconds; its refusals are what is fuzzed
        argv += [name, *(draw(values) for _ in range(OPTIONS[name]))]
    return argv


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=command_lines())
def test_no_command_line_reaches_the_unexpected_error_exit(pool, capsys, argv):
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / "w"
        shutil.copytree(pool, work, symlinks=True)
        resolved = [str(work / a) if a in FILES else a for a in argv]
        capsys.readouterr()
        try:
            code = main(resolved)
        except SystemExit as stop:  # argparse: a command line that does not parse
            code = stop.code
        err = capsys.readouterr().err
    assert code in (0, 1, 2, 3, 4, 5, 6), (argv, code, err)
    assert "Traceback" not in err and "Unexpected error" not in err, (argv, err)
