"""The app's side of the AT-SPI test: runs under the project's venv inside Xvfb and a
private D-Bus session with the accessibility bus, with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1.

It opens the demo in the main window, then brings each view and dialog forward in turn
(the Objectives tree with its editor, Plan, Budget grid, Staffing, Diversity, Review,
Preferences, an objective's History, Keyboard shortcuts, a chart's figures) and asks the
checker (/usr/bin/python3 tests/atspi/checker.py, a QProcess so the event loop keeps
answering AT-SPI) to read the app as a screen reader does. Prints one JSON line per
step and exits 0 when every step shows named, focusable elements; 1 when one does not;
2 on a timeout. Usage: driver.py OUT_DIR TIMEOUT_SECONDS
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QTimer
from PySide6.QtWidgets import QApplication

CHECKER = Path(__file__).with_name("checker.py")
SETTLE_MS = 400


def main() -> int:
    out, timeout = Path(sys.argv[1]), float(sys.argv[2])
    os.environ["PLANNER_APP_DATA_DIR"] = str(out / "data")
    os.environ["PLANNER_APP_DOCUMENTS_DIR"] = str(out / "documents")
    os.environ.setdefault("PLANNER_LANG", "en")
    from planner_app.app import _application
    from planner_app.services.demo import build_demo
    from planner_app.services.plans import find_plan
    from planner_app.storage import PlanFile
    from planner_app.ui.main_window import MainWindow

    app: QApplication = _application()
    path = build_demo(out / "demo.plan")
    window = MainWindow()
    window.set_plan_file(PlanFile.open(path))
    window.resize(1280, 800)
    window.show()
    dialogs: list = []

    def close_dialogs() -> None:
        while dialogs:
            dialogs.pop().close()

    def tab(index: int, plan: str = "dkbuza-2025"):
        def go() -> None:
            close_dialogs()
            wanted = find_plan(window.store, plan).id
            if window.plan_id != wanted:
                window.show_plan(wanted)
            window.views.setCurrentIndex(index)

        return go

    def open_dialog(make):
        def go() -> None:
            close_dialogs()
            dialog = make()
            if dialog is not None:
                dialogs.append(dialog)

        return go

    def preferences():
        from planner_app.ui.core.settings import WindowSettings
        from planner_app.ui.files.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(WindowSettings(), window)
        dialog.open()
        return dialog

    def history():
        window.views.setCurrentIndex(0)
        return window.detail.show_history()

    def shortcuts():
        window.shortcuts_action.trigger()
        from planner_app.ui.core.shortcuts_dialog import ShortcutsDialog

        return window.findChild(ShortcutsDialog, "shortcuts_dialog")

    def figures():
        window.views.setCurrentIndex(window.views.indexOf(window.budget_editor))
        return window.budget_editor.chart.show_figures()

    # (step, what to do, a (role, name) the screen reader must find)
    steps = [
        ("objectives", tab(0), ("tree", "Objectives")),
        ("plan", tab(1), ("filler", "Parts of the plan")),
        ("diversity", tab(4), ("filler", "Parts of the diversity plan")),
        ("review", tab(5), ("table", "Number of initiatives per strategic objective and status")),
        ("budget", tab(2, "ibz-2025-2029"), ("tree", "Budget lines and amounts (kEUR)")),
        ("staffing", tab(3, "ibz-2025-2029"), ("tree", "Staffing per unit and statute")),
        ("preferences", open_dialog(preferences), ("dialog", "Preferences")),
        ("history", open_dialog(history), ("dialog", "History of SD 1")),
        ("shortcuts", open_dialog(shortcuts), ("dialog", "Keyboard shortcuts")),
        ("chart figures", open_dialog(figures), ("dialog", "Budget per group, 2025")),
    ]
    expected: dict[str, tuple[str, str]] = {}
    results: list[dict] = []
    state = {"code": 0, "buffer": b""}
    checker = QProcess()
    checker.setProgram("/usr/bin/python3")
    checker.setArguments([str(CHECKER), str(os.getpid()), "30"])
    checker.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)

    def finish(code: int) -> None:
        state["code"] = code
        if checker.state() != QProcess.ProcessState.NotRunning:
            checker.write(b"quit\n")
            checker.waitForFinished(3000)
            checker.kill()
        close_dialogs()
        window.close()
        app.quit()

    def next_step() -> None:
        if not steps:
            finish(0 if all(r.get("ok") for r in results) else 1)
            return
        name, go, wanted = steps.pop(0)
        expected[name] = wanted
        go()
        QTimer.singleShot(SETTLE_MS, lambda: checker.write(f"check {name}\n".encode()))

    def answered() -> None:
        state["buffer"] += bytes(checker.readAllStandardOutput().data())
        while b"\n" in state["buffer"]:
            line, state["buffer"] = state["buffer"].split(b"\n", 1)
            reply = json.loads(line)
            if reply["step"] == "found":
                if not reply["ok"]:
                    print(json.dumps({"error": "the app is not on the accessibility bus"}))
                    finish(1)
                    return
                next_step()
                continue
            role, prefix = expected[reply["step"]]
            reply["found"] = any(
                r == role and n.startswith(prefix) for r, n in reply.get("named", [])
            )
            reply["ok"] = reply["focusable"] > 0 and not reply["unnamed"] and reply["found"]
            if not reply["found"]:
                print(json.dumps({"named": reply["named"][:40]}), flush=True)
            reply.pop("named", None)
            results.append(reply)
            print(json.dumps(reply), flush=True)
            next_step()

    checker.readyReadStandardOutput.connect(answered)
    checker.errorOccurred.connect(lambda _e: finish(1))

    def timed_out() -> None:
        print(json.dumps({"error": f"no answer within {timeout:.0f} s"}), flush=True)
        finish(2)

    QTimer.singleShot(int(timeout * 1000), timed_out)
    QTimer.singleShot(SETTLE_MS, checker.start)
    app.exec()
    return state["code"]


if __name__ == "__main__":
    sys.exit(main())
