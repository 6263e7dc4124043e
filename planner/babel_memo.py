"""Babel's answers kept across runs in the user's cache, so that a document asks Babel only what is new.

Importing Babel and loading a locale's data costs ~25 ms a process (two large pickles merged, and
the global data), more than formatting every number and date of a year's content plan; the same
file rendered again asks the same few hundred questions. A function marked `@remembered` answers
from an in-process cache first, then from the memo file, and only then calls Babel (which it
imports on that first miss). New answers are added to the file when the process ends.

The file is keyed by the versions of Babel and smm-planner and by `MEMO_FORMAT` (bump it when a
remembered function changes what it answers); files of other keys are removed when a new one is
written. The file keeps at most `MAX_ANSWERS` answers: when it is rewritten, those this process
used or learned go last and the oldest beyond the bound are dropped, so what a user renders stays.
Without a cache folder, or with Babel installed where its version cannot be read, answers are kept
for the process only.
"""

from __future__ import annotations

import atexit
import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from planner import __version__
from planner.user_cache import cache_folder, installed_version, load_json, prune, store_json

MEMO_FORMAT = 1
# A year's plan and its report in both languages need ~1,500; 5,000 load in ~1 ms (20,000: ~12 ms).
MAX_ANSWERS = 5_000
PREFIX = "babel-"

T = TypeVar("T")
_MISSING = object()


class _Memo:
    """The answers read from the memo file, and those learned since, to be added at exit."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        raw = load_json(path) if path is not None else None
        self.existed = isinstance(raw, dict)
        self.answers: dict[str, Any] = raw if isinstance(raw, dict) else {}
        self.learned: dict[str, Any] = {}
        self.used: set[str] = set()  # answered from the file: kept ahead of the others when it is trimmed
        self._lock = threading.Lock()  # the TUI renders its preview in a worker thread

    def learn(self, key: str, answer: Any) -> None:
        with self._lock:
            first = not self.learned
            self.answers[key] = self.learned[key] = answer
        if first and self.path is not None:
            atexit.register(self.save)

    def save(self) -> None:
        """Add what this process learned to the file (re-read: another process may have added too)."""
        if self.path is None or not self.learned:
            return
        current = load_json(self.path)
        answers = current if isinstance(current, dict) else {}
        for key in self.used & answers.keys():  # used again: as new as what was learned
            answers[key] = answers.pop(key)
        answers.update(self.learned)
        if len(answers) > MAX_ANSWERS:
            answers = dict(list(answers.items())[-MAX_ANSWERS:])
        store_json(self.path, answers)
        self.learned = {}
        if not self.existed:  # a new key: the files of the old ones will never be read again
            prune(self.path.parent, PREFIX, self.path.name)
            prune(self.path.parent, "cldr", "")  # what smm-planner 0.1 kept before this memo
            self.existed = True


@functools.cache
def _memo() -> _Memo:
    return _Memo(memo_path())


def memo_path() -> Path | None:
    """The memo file for the installed Babel and smm-planner; None when there is none to keep."""
    folder = cache_folder()
    babel = installed_version("babel")
    if folder is None or babel is None:
        return None
    return folder / f"{PREFIX}{babel}-smm-planner-{__version__}-{MEMO_FORMAT}.json"


def remembered(function: Callable[..., T]) -> Callable[..., T]:
    """`function` (which asks Babel) answering from memory when it was asked the same before.

    Its arguments must have a stable `repr` (numbers, strings, dates) and its answers must survive
    JSON (strings, None).
    """
    name = function.__name__

    @functools.wraps(function)
    def answer(*args: Any) -> T:
        key = f"{name}{args!r}"
        memo = _memo()
        value = memo.answers.get(key, _MISSING)
        if value is _MISSING:
            value = function(*args)
            memo.learn(key, value)
        else:
            memo.used.add(key)
        return value

    return functools.lru_cache(maxsize=8192)(answer)
