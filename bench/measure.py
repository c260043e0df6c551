"""What every benchmark here reports the same way: percentiles and this process's peak RSS.

Imported by the scripts as ``measure`` (they run as ``python bench/NAME.py``, so this
folder is on ``sys.path``).
"""

from __future__ import annotations

import math
import resource
import sys
from pathlib import Path


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile (p50 of an even count is the lower middle)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def peak_rss_mb() -> float:
    """This process's own peak RSS in MB.

    Linux ``VmHWM``: ``ru_maxrss`` carries the parent's peak over fork and exec, so a
    child spawned by a big benchmark process would report its parent's memory.
    """
    try:
        with Path("/proc/self/status").open() as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes / KiB
