"""A work-around for PySide6 6.12.0 on Python 3.11: calls into Qt drop references to
``None``, ``True`` and ``False``.

Every call to a Qt method that returns nothing (``widget.setEnabled(True)``) gives back
``None`` without a reference of its own, and ``SignalInstance.emit()`` does the same
with ``True``. Each call then costs those objects one reference; after a few thousand
calls the count reaches zero and Python aborts ("Fatal Python error: none_dealloc" or
"bool_dealloc"), at exit or in the middle of a long editing session. Python 3.12 made
these objects immortal, so there the fault is harmless; on 3.11 it is not.

``install()`` measures once whether this PySide6 drops references and, only then,
gives the three objects a count no session can use up (2**40, what immortality
amounts to). Nothing else is touched: a PySide6 without the fault, or Python 3.12 and
later, is left as it is.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_PROBES = 8
_PLENTY = 2**40  # references: a billion calls a day for three years
SINGLETONS = (None, True, False)


class _Probe(QObject):
    fired = Signal()


def qt_calls_drop_references() -> bool:
    """True when void Qt calls or ``emit()`` leave ``None`` or ``True`` with fewer
    references than before (the probe's own loss is given back)."""
    probe = _Probe()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
        probe.fired.emit()
    lost = before[0] - sys.getrefcount(None), before[1] - sys.getrefcount(True)
    for obj, count in zip((None, True), lost, strict=True):
        for _ in range(max(0, count)):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))
    return max(lost) >= _PROBES


def install() -> bool:
    """Make ``None``, ``True`` and ``False`` immortal in effect if Qt calls drop their
    references on this Python; True when it did."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > _PLENTY // 2:
        return False  # immortal already, or done before
    if not qt_calls_drop_references():
        return False
    for obj in SINGLETONS:
        # CPython 3.11 keeps ``ob_refcnt`` first in every object: one store, under the
        # GIL, as Py_INCREF would make it a trillion times.
        ctypes.c_ssize_t.from_address(id(obj)).value += _PLENTY
    return True
