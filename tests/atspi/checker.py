"""The screen reader's side of the AT-SPI test: runs under the system's /usr/bin/python3
(pyatspi is Debian's python3-pyatspi, not on PyPI) and reads the app as Orca would.

Protocol (lines on stdin/stdout): the driver writes ``check NAME``; the checker walks
the accessible tree of the application whose process id it was given, and answers one
JSON line: ``{"step": NAME, "elements": n, "focusable": n, "unnamed": [...], "roles":
[...]}``. ``quit`` ends it. Every wait has a deadline, so it never hangs.
"""

import json
import sys
import time

import pyatspi

MAX_NODES = 6000  # a walk stops here: the demo's tree alone has hundreds of rows
MAX_CHILDREN = 60  # of one table or tree: enough to see its rows are named
NAMED_ROLES = ("tree", "tree table", "table", "page tab list", "chart", "filler")


def find_app(pid, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:  # an application going away while asked
                continue
        time.sleep(0.2)
    return None


def walk(app):
    seen = 0
    focusable = 0
    unnamed = []
    named = []
    roles = set()
    stack = [(app, "")]
    while stack and seen < MAX_NODES:
        node, path = stack.pop()
        if node is None:
            continue
        seen += 1
        try:
            role = node.getRoleName()
            name = node.name or ""
            states = node.getState()
            count = node.childCount
        except Exception:
            continue
        roles.add(role)
        showing = states.contains(pyatspi.STATE_SHOWING)
        if states.contains(pyatspi.STATE_FOCUSABLE) and showing:
            focusable += 1
            if not name.strip() and role not in ("table cell", "tree item", "list item"):
                unnamed.append(f"{role} in {path}")
            elif role in NAMED_ROLES:
                named.append([role, name])
        if not showing and role != "application":
            continue
        here = f"{path}/{role}:{name[:30]}" if path else f"{role}:{name[:30]}"
        limit = MAX_CHILDREN if role in ("table", "tree table", "tree", "list") else count
        for i in range(min(count, limit)):
            try:
                stack.append((node.getChildAtIndex(i), here))
            except Exception:
                continue
    for dialog in _dialogs(app):
        named.append(["dialog", dialog])
    return {
        "elements": seen,
        "focusable": focusable,
        "unnamed": unnamed,
        "named": named,
        "roles": sorted(roles),
    }


def _dialogs(app):
    names = []
    for i in range(app.childCount):
        try:
            child = app.getChildAtIndex(i)
            if child is not None and child.getRoleName() == "dialog":
                names.append(child.name)
        except Exception:
            continue
    return names


def main():
    pid = int(sys.argv[1])
    app = find_app(pid, float(sys.argv[2]) if len(sys.argv) > 2 else 30)
    print(json.dumps({"step": "found", "ok": app is not None}), flush=True)
    if app is None:
        return 3
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            break
        if command.startswith("check "):
            result = walk(app)
            result["step"] = command[6:]
            print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
