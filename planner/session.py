"""A strategy file being worked on, by a command or by the TUI: reading it with its problems, saving it back safely.

One `Session` per file: it remembers what loading found (the problems, the values that could
not be read and that a save would leave out, the file's fingerprint, its `#:schema` directive,
whether it has comments, which a save keeps) and saves through `storage.save` (atomic, `.bak` kept), refusing when
the file changed on disk since it was read or when the save would silently drop values.

Every read-modify-write of a file happens inside `with session.editing():`, which holds the
file's exclusive lock (`planner.locking`) from the read to the save (SPEC, "Concurrency"): a
second writer waits a moment, then is refused. The TUI holds no lock while idle: its saves take
the lock through `storage.save`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from planner import storage
from planner.errors import PlannerError, Problem, SaveRefused
from planner.model import Strategy, check


class ChangedOnDisk(SaveRefused):
    """Another program changed the file since it was read: saving would lose its work."""

    title = "The file changed on disk"


class UnreadableValues(SaveRefused):
    """The file had values the planner could not read; saving leaves them out, so it must be asked for."""

    title = "Values would be left out"


@dataclass
class Saved:
    """What a save did, for the command line and the TUI to tell."""

    path: Path
    backup: Path | None  # the previous version, kept as PATH.bak; None: the file is new
    # Values the planner could not read when it loaded the file, now left out of it.
    dropped: list[Problem] = field(default_factory=list)


class Session:
    """One strategy file: `Session(path).load()`, change `session.strategy`, then `session.save()`.

    A path that does not exist is a new strategy (`is_new`): an empty one, saved to that path.
    A file that is not even TOML is `broken`: there is nothing to edit, and saving is refused
    (it would replace the person's file with an empty strategy).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.strategy = Strategy()
        self.problems: list[Problem] = []
        """What `validate` said of the file when it was loaded, saved or rechecked; a new strategy has none."""
        self.lossy: list[Problem] = []
        """Values of the file that could not be read (wrong types, unknown keys): a save leaves them out."""
        self.fingerprint: str | None = None
        self.directive = ""
        self._text = ""
        self._has_comments: bool | None = None
        self.is_new = not self.path.exists()
        self.loaded = False
        self._parsed = False
        self._editing = 0

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Session:
        """A session on `path`, with the file read."""
        return cls(path).load()

    def load(self) -> Session:
        """Read the file (never raises for a bad file: `problems` says what is wrong)."""
        read = storage.read(self.path)
        self.is_new = read.fingerprint is None and not self.path.exists()
        self._parsed = read.strategy is not None
        self.strategy = read.strategy or Strategy()
        self.fingerprint = read.fingerprint
        self.directive = storage.schema_directive(read.text)
        # Whether it has comments is asked at the first save: finding out scans the whole text
        # (~30 ms on 2,000 posts), which the TUI's first screen must not wait for.
        self._text, self._has_comments = read.text, None
        self.problems = [] if self.is_new else list(read.problems)
        self.lossy = [] if self.is_new else storage.unreadable_values(read)
        self.loaded = True
        return self

    @property
    def has_comments(self) -> bool:
        """The file as read has comments (other than a `#:schema` directive); a save keeps them and its layout."""
        if self._has_comments is None:
            self._has_comments = storage.has_comments(self._text)
        return self._has_comments

    @property
    def broken(self) -> bool:
        """The file exists but is not a TOML file the planner can read: nothing to edit or save."""
        return self.loaded and not self._parsed and not self.is_new

    @property
    def ok(self) -> bool:
        """Read, and valid: what a command needs before it changes or renders anything (a new strategy is not)."""
        return self._parsed and not self.problems

    def recheck(self) -> list[Problem]:
        """Update `problems` to what `validate` would say of the strategy if it were saved now."""
        self.problems = self.current_problems()
        return self.problems

    def current_problems(self) -> list[Problem]:
        """What `validate` would say of the strategy if it were saved now.

        Values of the right type are all the model can hold, so only the checks that span tables
        can fail, plus what the file had that could not be read (until a save leaves it out).
        That takes ~60 ms on 20,000 posts, where writing and re-reading the text takes a second.
        """
        name = str(self.path)
        spanning = [Problem(name, message, where=where) for where, message in check(self.strategy)]
        return [*self.lossy, *spanning]

    def lossy_summary(self, shown: int = 3) -> str:
        """The values a save would leave out, as a person reads them: "a.b: message; … and 2 more"."""
        names = "; ".join(f"{p.where}: {p.message}" for p in self.lossy[:shown])
        more = f" and {len(self.lossy) - shown} more" if len(self.lossy) > shown else ""
        return names + more

    @contextmanager
    def editing(self) -> Iterator[Session]:
        """A read-modify-write of the file: load, change and save inside this block.

        Blocks nest (a save inside opens one too); the outermost takes the file's exclusive lock
        and releases it when it ends.
        """
        from planner.locking import locked

        # The lock file lives beside the strategy: a path whose folder is missing has nothing to
        # lock, and reading it says what is wrong.
        lock = locked(self.path) if self._editing == 0 and self.path.parent.is_dir() else nullcontext()
        with lock:
            self._editing += 1
            try:
                yield self
            finally:
                self._editing -= 1

    def save(self, *, overwrite: bool = False, drop_unreadable: bool = False) -> Saved:
        """Write `strategy` to the file atomically, keeping the previous version as `PATH.bak`.

        Refused (ChangedOnDisk) when the file changed on disk since it was read or last saved,
        unless `overwrite`; refused (UnreadableValues) while the file had values the planner
        could not read, unless `drop_unreadable` says the person agreed to leave them out.
        """
        if self.broken:
            raise PlannerError(
                f"{self.path}: cannot be saved from the planner: it is not valid TOML; fix it in a text editor"
            )
        if self.lossy and not drop_unreadable:
            raise UnreadableValues(
                f"{self.path}: has values the planner could not read ({self.lossy_summary()}); "
                "saving would leave them out"
            )
        existed = self.path.exists()  # storage.save keeps what is there as PATH.bak
        with self.editing():
            try:
                self.fingerprint = storage.save(
                    self.strategy,
                    self.path,
                    expected=self.fingerprint,
                    check_disk=not overwrite,
                    directive=self.directive,
                )
            except SaveRefused as e:
                raise ChangedOnDisk(e.message) from None
        saved = Saved(self.path, self.path.with_name(self.path.name + ".bak") if existed else None)
        saved.dropped, self.lossy = self.lossy, []
        self.is_new = False
        self.recheck()
        return saved

    def rescue(self) -> Path:
        """Write the strategy beside the file as `PATH.recovered` (after a crash), never over the file."""
        rescue = self.path.with_name(self.path.name + ".recovered")
        storage.write_atomic(rescue, storage.dumps(self.strategy, directive=self.directive).encode("utf-8"))
        return rescue
