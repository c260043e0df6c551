"""Where the app keeps its own files, and whether a plan file sits somewhere risky.

``PLANNER_APP_DATA_DIR`` and ``PLANNER_APP_DOCUMENTS_DIR`` override the platform folders
(tests and portable installs use them).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "planner-app"

# Folder names of sync clients that replay SQLite's -wal/-shm files out of order.
_CLOUD_MARKERS = (
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "icloud",
    "icloud drive",
    "mobile documents",
    "nextcloud",
    "owncloud",
    "box sync",
    "sharepoint",
    "seafile",
    "pcloud",
    "mega",
    "sync.com",
)
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "9p", "afs", "davfs"}


def user_data_dir() -> Path:
    override = os.environ.get("PLANNER_APP_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def documents_dir() -> Path:
    override = os.environ.get("PLANNER_APP_DOCUMENTS_DIR")
    path = Path(override) if override else Path(platformdirs.user_documents_dir())
    path.mkdir(parents=True, exist_ok=True)
    return path


def _mount_fstype(path: Path) -> str | None:
    """The file-system type of the mount holding ``path`` (Linux only)."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, fstype = "", None
    target = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        if (target == mount or target.startswith(mount.rstrip("/") + "/")) and len(mount) > len(
            best
        ):
            best, fstype = mount, parts[2]
    return fstype


def location_warnings(path: Path) -> list[str]:
    """Reasons (untranslated keys) why SQLite's WAL may not be safe at ``path``."""
    warnings: list[str] = []
    resolved = path.resolve()
    lowered = [part.lower() for part in resolved.parts]
    if any(marker in part for part in lowered for marker in _CLOUD_MARKERS):
        warnings.append("cloud")
    unc = sys.platform == "win32" and str(resolved).startswith("\\\\")
    if unc or (_mount_fstype(resolved.parent) or "") in _NETWORK_FS:
        warnings.append("network")
    return warnings
