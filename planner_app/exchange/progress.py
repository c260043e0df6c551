"""Progress and cancel for the exchange's long steps: a merge, a package, a starter file.

The same contract as the exports (``exporting.report.Progress``): the step calls
``progress(done, total)`` as it goes and stops when that returns False, by raising
``ExchangeCancelledError`` at a point where nothing has been committed or kept: a merge
rolls its transaction back, a package or starter file removes its half-written file.
The GUI runs these steps on a worker thread behind a cancellable progress dialog.
"""

from __future__ import annotations

from planner_app.exporting.report import Progress


class ExchangeCancelledError(Exception):
    """The user cancelled; the file and the folder are as they were before the step."""


def tick(progress: Progress | None, done: int, total: int) -> None:
    """Report ``done`` of ``total``; raise ``ExchangeCancelledError`` if told to stop."""
    if progress is not None and progress(done, total) is False:
        raise ExchangeCancelledError()


__all__ = ["ExchangeCancelledError", "Progress", "tick"]
