"""What Typer made of a command line, remembered, so that the same command line runs again without Typer.

A marketer runs the same few command lines week after week (`smm-planner render strategy.toml`):
each time Typer (~25 ms to import) turns the same words into the same values. When `planner.cli`
has Typer parse a command line, the values its command received are kept here, in the user's
cache (`planner.user_cache`), under a key made of the words, the command line's declarations (the
source of `planner.cli` and `planner.commands`), the versions of Python, Typer and Click; next
time the command is called with them directly.

Only what the words alone decide is kept: a command is remembered only when none of its
parameters reads the environment (`envvar`), asks (`prompt`), computes a default, runs a callback,
or checks the disk (a path parameter with `exists`, `readable`, `writable`, `executable`, `file_okay`
or `dir_okay` off, or `resolve_path`). Nothing that ends in help, a usage error or `--version` is
kept: Typer exits before the command runs. With Click's completion variable set, Typer always parses.
Every use is best-effort, as for the other caches: an unreadable or foreign file is read as empty,
and a failure to remember never stops the command. The values are pickled: like the compiled
code of `planner.code_cache`, the file is as trusted as the user's own cache folder. A command
line used daily is not moved up when it is run, only when it is learned: after 200 others it is
parsed (and learned) once more.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from planner.user_cache import add_entries, cache_folder, installed_version, read_entries

PREFIX = "parse-"
MAX_ENTRIES = 200  # command lines; each a few hundred bytes
_VERSION = b"1"  # of what an entry holds


def key(args: list[str]) -> bytes | None:
    """The memo's key for `args` (sys.argv[1:]); None when Typer must parse them (completion asked)."""
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return None
    if os.name == "nt" and any(char in arg for arg in args for char in "*?[~$%"):
        return None  # on Windows Typer expands globs, `~` and variables itself: the words are not the values
    digest = hashlib.blake2b(_VERSION, digest_size=16)
    # Click's version too: older Typers parse with the installed Click, not a copy of their own.
    for part in (sys.version, installed_version("typer"), installed_version("click")):
        digest.update(f"{part}\0".encode())
    here = Path(__file__).parent
    for module in ("cli.py", "commands.py", "parse_memo.py"):
        try:
            digest.update((here / module).read_bytes())
        except OSError:
            return None
    for arg in args:
        digest.update(b"\0" + os.fsencode(arg))
    return digest.digest()


def recall(memo_key: bytes) -> tuple[str, dict[str, Any]] | None:
    """The command and the values remembered under `memo_key`, or None."""
    path = _path()
    kept = read_entries(path).get(memo_key) if path is not None else None
    if kept is None:
        return None
    try:
        name, values = pickle.loads(kept)
    except Exception:  # an entry another version wrote, or damaged: Typer parses again
        return None
    if not isinstance(name, str) or not isinstance(values, dict):
        return None
    return name, values


def learn(memo_key: bytes, name: str, values: dict[str, Any]) -> None:
    """Keep what Typer parsed for the command line of `memo_key` (added to what the file holds)."""
    path = _path()
    if path is None:
        return
    try:
        entry = pickle.dumps((name, values), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a value that cannot be kept: parsed each time
        return
    add_entries(path, {memo_key: entry}, limit=MAX_ENTRIES, prefix=PREFIX)


# The kinds of value Typer makes of the words alone: text, flags, numbers, dates, choices (enums)
# and paths (without the checks below). Anything else (a `parser=`, a `click_type=`) is parsed each time.
PURE_TYPES = frozenset(
    {
        "StringParamType",
        "BoolParamType",
        "IntParamType",
        "FloatParamType",
        "DateTime",
        "Choice",
        "TyperChoice",
        "Path",
        "TyperPath",
    }
)
PATH_CHECKS = ("exists", "readable", "writable", "executable", "resolve_path")


def pure(context: Any) -> bool:
    """Whether the words alone decide the values of the command of a Click context (see above)."""
    if context.auto_envvar_prefix:
        return False
    for param in context.command.params:
        if param.envvar or param.callback is not None or callable(param.default):
            return False
        if getattr(param, "prompt", None):
            return False
        kind = param.type
        if type(kind).__name__ not in PURE_TYPES:
            return False
        if any(getattr(kind, check, False) for check in PATH_CHECKS):
            return False
        if not getattr(kind, "file_okay", True) or not getattr(kind, "dir_okay", True):
            return False
    return True


def _path() -> Path | None:
    folder = cache_folder()
    return None if folder is None else folder / f"{PREFIX}{sys.implementation.cache_tag}.marshal"
