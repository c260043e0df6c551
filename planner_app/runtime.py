"""Process-wide tuning done once at start-up (CLI and GUI alike)."""

from __future__ import annotations

import gc


def tune_gc() -> None:
    """Keep the garbage collector off the start-up heap and out of bulk reads.

    Loading a large plan allocates tens of thousands of small objects; with the default
    thresholds the collector walks the whole import-time heap (SQLAlchemy, Qt) again
    and again, about half the time of a tree or totals load. Objects alive after the
    imports are frozen into the permanent generation, and young collections run less
    often. Reference cycles are still collected.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
