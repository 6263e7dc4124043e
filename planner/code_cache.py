"""Generated code compiled once per machine: what `planner.fields` writes from the field
declarations, and the methods `dataclasses` writes for each class (`keep_dataclass_code`).

`planner.fields` writes each value's checks and the quick builder of each shape of row from the
declarations and `RULES` when a process first needs them. Compiling those few dozen small
functions cost ~7 ms a process, a sixth of reading a 2,000-post file, for the same source every
time. `define(source, namespace)` is `exec(source, namespace)` whose compiled code is kept in the
user's cache (`planner.user_cache`): looked up by the hash of the source, so that a changed
declaration compiles new code and never runs the old. The file is keyed by the Python build
(bytecode differs between versions), keeps at most `MAX_ENTRIES` entries, and gets what a process
compiled when the process ends, as Babel's memo does. Jinja's compiled templates are kept the
same way (`marshal`), in the same folder. Without a cache folder, code is compiled every time.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import importlib.util
import marshal
import sys
import threading
from pathlib import Path
from types import CodeType
from typing import Any

from planner.user_cache import add_entries, cache_folder, read_entries

PREFIX = "code-"
MAX_ENTRIES = 1_000  # a strategy needs ~40; rows of other shapes add a few each
FILENAME = "<planner.fields>"


def define(source: str, namespace: dict[str, Any]) -> None:
    """Run `source` (a function definition written by planner.fields) in `namespace`."""
    exec(_codes().code(source, FILENAME), namespace)


def keep_dataclass_code() -> None:
    """Have `dataclasses` run the methods it writes from this cache.

    `dataclasses` writes each class's `__init__`, `__repr__`, `__eq__` (and more when frozen) as
    source and compiles it when the class is defined: ~100 small compiles in a `render` (~8 ms),
    ~210 when the TUI starts, with Textual's (~16 ms), the same source every time. It compiles and
    runs them with `exec`, found among its module's names before the builtins: naming our `exec`
    there runs the same source, compiled once per machine. Nothing else changes: a class is what
    the builtin would make of the same text. Called by the console script (planner.entry) and the
    TUI package (screens/__init__.py), before the modules that define dataclasses are imported.
    """
    import dataclasses

    dataclasses.exec = _exec_cached  # type: ignore[attr-defined]


def _exec_cached(source: Any, globals: dict[str, Any] | None = None, locals: Any = None) -> None:
    exec(_codes().code(source, "<string>") if isinstance(source, str) else source, globals, locals)


class _Codes:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        # Each entry is kept marshalled until it is asked for: a render uses about half of them.
        self.known: dict[bytes, bytes] = read_entries(path) if path is not None else {}
        self.learned: dict[bytes, bytes] = {}
        self._lock = threading.Lock()  # the TUI checks in worker threads too

    def code(self, source: str, filename: str) -> CodeType:
        key = hashlib.blake2b(f"{filename}\0{source}".encode(), digest_size=16).digest()
        kept = self.known.get(key)
        if kept is not None:
            try:
                code = marshal.loads(kept)
            except (EOFError, ValueError, TypeError):
                code = None
            if isinstance(code, CodeType):
                return code
        code = compile(source, filename, "exec")
        with self._lock:
            first = not self.learned
            self.known[key] = self.learned[key] = marshal.dumps(code)
        if first and self.path is not None:
            atexit.register(self.save)
        return code

    def save(self) -> None:
        """Add what this process compiled to the file."""
        if self.path is None or not self.learned:
            return
        add_entries(self.path, self.learned, limit=MAX_ENTRIES, prefix=PREFIX)
        self.learned = {}


def cache_path() -> Path | None:
    """The file for this Python build; None when there is no cache folder."""
    folder = cache_folder()
    if folder is None:
        return None
    return folder / f"{PREFIX}{sys.implementation.cache_tag}-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


def _codes() -> _Codes:
    return _codes_in(cache_path())


@functools.cache
def _codes_in(path: Path | None) -> _Codes:
    return _Codes(path)
