"""A work-around for PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True`` without
a reference of its own.

Every ``signal.emit(...)`` from Python then drops one reference to ``True``. A PDF
export reports its progress hundreds of times from its worker thread, so after an
export (and so after every Print… or Print preview) ``True``'s count reached zero
while Python tore down its modules at exit: "Fatal Python error: bool_dealloc", an
abort instead of a clean exit, and in a long session the same abort mid-work.

``install()`` measures once whether this PySide6 has the fault and, only then, wraps
``SignalInstance.emit`` so that the reference the result lacks is given back. A
PySide6 without the fault is left untouched.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 8


class _Probe(QObject):
    fired = Signal()


def emit_steals_a_reference() -> bool:
    """True when ``emit()`` leaves ``True`` with fewer references than before; the
    probe's own loss is given back."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(0, lost)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= _PROBES


def install() -> bool:
    """Wrap ``SignalInstance.emit`` if (and only if) it steals; True when wrapped."""
    original = SignalInstance.emit
    if getattr(original, "_gives_back", False) or not emit_steals_a_reference():
        return False

    def emit(self: SignalInstance, *args: object) -> object:
        result = original(self, *args)
        if isinstance(result, bool):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    emit._gives_back = True  # type: ignore[attr-defined]
    SignalInstance.emit = emit  # type: ignore[method-assign]
    return True
