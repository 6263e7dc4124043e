"""The user's cache folder: answers that are slow to compute and never change for given package versions.

The folder is the platform's (`platformdirs.user_cache_dir`: ~/.cache/smm-planner on Linux, under
~/Library/Caches on macOS, %LOCALAPPDATA% on Windows); `SMM_PLANNER_CACHE_DIR` names another one
(the tests point it at a temporary folder, so they never write the real user's cache). What it
holds, each keyed by the versions it depends on in its file name: Babel's answers
(`planner.babel_memo`), public holidays (`planner.public_holidays`), compiled templates
(`planner.templating`), the compiled checks and row builders of the model (`planner.code_cache`),
and what Typer parsed of the command lines run before (`planner.parse_memo`). When a key changes (an upgrade), the files of the old keys are removed.

Every use is best-effort: a read-only or missing home only costs speed, never a failure.
"""

from __future__ import annotations

import json
import marshal
import os
import sys
from contextlib import suppress
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Literal

ENVIRONMENT_VARIABLE = "SMM_PLANNER_CACHE_DIR"


@cache
def cache_folder() -> Path | None:
    """The user's cache folder for smm-planner (created), or None when it cannot be made."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    folder = Path(chosen) if chosen else user_folder("cache")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def user_folder(kind: Literal["cache", "config"]) -> Path:
    """smm-planner's folder of this kind in the user's home, as `platformdirs` names it (not created).

    On Linux it is the XDG rule, which platformdirs follows, written out here: importing
    platformdirs costs ~5 ms, a fifth of a small render. Elsewhere platformdirs answers.
    """
    if sys.platform.startswith("linux"):
        variable, default = (
            ("XDG_CACHE_HOME", "~/.cache") if kind == "cache" else ("XDG_CONFIG_HOME", "~/.config")
        )
        return Path(os.environ.get(variable, "").strip() or os.path.expanduser(default)) / "smm-planner"
    import platformdirs

    folder = platformdirs.user_cache_dir if kind == "cache" else platformdirs.user_config_dir
    return Path(folder("smm-planner", appauthor=False))


def load_json(path: Path) -> Any | None:
    """What a cache file holds, or None when it is missing or unreadable."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def store_json(path: Path, data: Any) -> None:
    """Keep `data` in a cache file as JSON; a failure is ignored."""
    store_bytes(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def store_bytes(path: Path, data: bytes) -> None:
    """Keep `data` in a cache file; a failure is ignored.

    Written to a temporary file and renamed over the old one, so that a reader in another process
    sees the old file or the new one, never half of one. No fsync: a cache lost in a crash is rebuilt.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        with suppress(OSError):  # a read-only folder: nothing was written
            temporary.unlink(missing_ok=True)


def read_entries(path: Path) -> dict[bytes, bytes]:
    """The entries of a cache file that `add_entries` wrote; nothing when it is missing, unreadable
    or not such a file."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, bytes) and isinstance(v, bytes)}


def add_entries(path: Path, entries: dict[bytes, bytes], *, limit: int, prefix: str) -> None:
    """Add `entries` to the cache file `path` (re-read: another process may have added too), the
    newest last, keeping the last `limit`; a new file removes the other `prefix…` files, which
    older keys named (another Python, another version): they will never be read again."""
    existed = os.path.exists(path)  # False, not an error, in a folder that cannot be read
    kept = read_entries(path)
    for key in entries:
        kept.pop(key, None)
    kept.update(entries)
    if len(kept) > limit:
        kept = dict(list(kept.items())[-limit:])
    store_bytes(path, marshal.dumps(kept))
    if not existed:
        prune(path.parent, prefix, path.name)


def prune(folder: Path, prefix: str, keep: str) -> None:
    """Remove the entries of `folder` named `prefix…` except `keep`: the files of the old keys."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name != keep:
            try:
                if entry.is_dir(follow_symlinks=False):
                    import shutil  # only an upgrade gets here

                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
            except OSError:
                pass  # another process removed it first, or it is not ours to remove


@cache
def installed_version(package: str) -> str | None:
    """The installed version of `package`, from its `.dist-info` folder; None when not found.

    `importlib.metadata.version` gives the same answer but costs ~30 ms a process here (it reads
    every installed distribution), more than some of the caches it would key save.
    """
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    site = Path(next(iter(spec.submodule_search_locations))).parent
    wanted = package.lower().replace("-", "_") + "-"
    try:
        for entry in os.scandir(site):
            name = entry.name.lower()
            if name.startswith(wanted) and name.endswith(".dist-info"):
                return entry.name[len(wanted) : -len(".dist-info")]
    except OSError:
        return None
    return None
