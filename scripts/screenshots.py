"""Screenshots of every tab of the demo, in Dutch and French, at 100 % and 200 %.

Issue 32 asks that the window be looked at in both languages and at double scale
before an accessibility or layout change is called done. This script makes the
pictures to look at: ``scripts/screenshots.py OUT_DIR [--lang nl,fr] [--scale 1,2]``
writes ``OUT_DIR/<lang>-<scale>x-<tab>.png`` (and the Preferences dialog) for both
demo plans. Each language and scale runs in its own process, since Qt reads its scale
factor once per process. Offscreen unless a display is chosen (QT_QPA_PLATFORM).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

TABS = ("tree", "plan", "budget", "staffing", "diversity", "review")


def _one(out: Path, lang: str, scale: str) -> int:
    """Runs in the child process: one language at one scale."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    QStandardPaths.setTestModeEnabled(True)
    from planner_app.i18n import set_language
    from planner_app.services.demo import build_demo
    from planner_app.services.plans import list_plans
    from planner_app.storage import PlanFile
    from planner_app.ui.core.settings import WindowSettings
    from planner_app.ui.files.preferences_dialog import PreferencesDialog
    from planner_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    set_language(lang)
    folder = Path(tempfile.mkdtemp(prefix="planner-shots-"))
    path = build_demo(folder / "demo.plan")
    store = PlanFile.open(path, readonly=True)
    plans = list_plans(store)
    store.close()
    for plan in plans:
        window = MainWindow()
        window.set_plan_file(PlanFile.open(path), plan.id)
        window.resize(1280, 800)
        window.show()
        for index, tab in enumerate(TABS):
            window.views.setCurrentIndex(index)
            for _ in range(5):
                app.processEvents()
            name = f"{lang}-{scale}x-{plan.code}-{index + 1}-{tab}.png"
            window.grab().save(str(out / name))
            if tab == "diversity" and window.diversity_pane.stack.currentIndex():
                pane = window.diversity_pane  # its indicators and their chart too
                pane.tabs.setCurrentIndex(pane.INDICATORS)
                for _ in range(5):
                    app.processEvents()
                window.grab().save(str(out / name.replace(".png", "-indicators.png")))
        window.close()
    dialog = PreferencesDialog(WindowSettings())
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / f"{lang}-{scale}x-preferences.png"))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="nl,fr")
    parser.add_argument("--scale", default="1,2")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        return _one(args.out, args.lang, args.scale)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed = 0
    for lang in args.lang.split(","):
        for scale in args.scale.split(","):
            env["QT_SCALE_FACTOR"] = scale
            command = [sys.executable, __file__, str(args.out), "--child"]
            command += ["--lang", lang, "--scale", scale]
            failed |= subprocess.run(command, env=env, timeout=600).returncode
    print(f"screenshots in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
