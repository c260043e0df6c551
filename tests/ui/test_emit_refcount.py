"""PySide6 6.12.0's ``emit()`` returned ``True`` without its own reference: a thousand
emits (one PDF export's progress) then freed ``True`` at exit ("bool_dealloc")."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import planner_app.ui  # noqa: F401 (installs the work-around)
from planner_app.ui.emit_refcount import emit_steals_a_reference, install


class Emitter(QObject):
    moved = Signal(int, int)


def test_emitting_leaves_true_with_its_references():
    emitter = Emitter()
    seen = []
    emitter.moved.connect(lambda done, total: seen.append(done))
    before = sys.getrefcount(True)
    for number in range(1000):
        assert emitter.moved.emit(number, 1000) is True
    assert sys.getrefcount(True) >= before
    assert len(seen) == 1000
    assert not emit_steals_a_reference()  # measured through the installed wrapper
    assert not install()  # installing twice wraps once
