"""The user's cache folder (~/.cache/smm-planner): data that is slow to compute and never changes for a given install.

Every use is best-effort: a read-only or missing home only costs speed, never a failure.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any


@cache
def cache_folder() -> Path | None:
    """The user's cache folder for smm-planner (created), or None when it cannot be made."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "smm-planner"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def load_json(path: Path) -> Any | None:
    """What a cache file holds, or None when it is missing or unreadable."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def store_json(path: Path, data: Any) -> None:
    """Keep `data` in a cache file (atomically); a failure is ignored."""
    from planner.storage import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass
