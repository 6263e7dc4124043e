"""The strategy file in and out: reading with clear problems, atomic saving with a `.bak` copy.

Reading uses rtoml (a compiled TOML parser): on a 2,000-post file it parses in about a tenth
of the time of the standard library's `tomllib` with the same data (tests/bench/RESULTS.md).
A file rtoml rejects is parsed again with `tomllib` so that syntax errors carry the standard
library's line and column. Writing uses tomli-w.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.errors import PlannerError, Problem, SaveRefused, StrategyFileError
from planner.fields import build, to_raw
from planner.model import Strategy, check
from planner.toml_layout import has_carriage_return, table_chunks

if TYPE_CHECKING:
    import tomllib

SCHEMA_DIRECTIVE = "#:schema"


@dataclass
class Loaded:
    """What reading a strategy file gave: the data (when it parsed) and every problem found."""

    path: Path
    strategy: Strategy | None
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    fingerprint: str | None = None  # sha256 of the bytes read; None: the file did not exist

    @property
    def ok(self) -> bool:
        return self.strategy is not None and not self.problems

    @property
    def has_comments(self) -> bool:
        """The file has comments (other than a `#:schema` directive): saving it keeps its layout."""
        return has_comments(self.text)


def read(path: str | os.PathLike[str]) -> Loaded:
    """Read and check a strategy file; never raises for a bad file, the problems say what is wrong."""
    p = Path(path)
    name = str(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        return Loaded(p, None, [Problem(name, "no such file")])
    except IsADirectoryError:
        return Loaded(p, None, [Problem(name, "is a folder, not a strategy file")])
    except PermissionError:
        return Loaded(p, None, [Problem(name, "cannot be read: permission denied")])
    except OSError as e:
        return Loaded(p, None, [Problem(name, f"cannot be read: {e.strerror or e}")])
    fingerprint = hashlib.sha256(data).hexdigest()
    text, problem = decode(name, data)
    if problem:
        return Loaded(p, None, [problem], fingerprint=fingerprint)
    loaded = parse(text, name)
    loaded.path = p
    loaded.fingerprint = fingerprint
    return loaded


def load(path: str | os.PathLike[str]) -> Loaded:
    """Read a strategy file that must be valid; raises StrategyFileError listing every problem."""
    loaded = read(path)
    if not loaded.ok:
        raise StrategyFileError(loaded.problems)
    return loaded


def decode(name: str, data: bytes) -> tuple[str, Problem | None]:
    """The file's text, or the reason it is not a UTF-8 text file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", Problem(name, "is UTF-16 encoded; save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        return "", Problem(name, "is a binary file, not a TOML strategy")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return "", Problem(name, "is not valid UTF-8 text; save it as UTF-8", line=line, col=col)
    if not text or text.isspace():  # not `strip()`, which copies a big file's text to look
        return "", Problem(
            name, "is empty; a strategy needs at least `schema_version = 1` and [strategy] name"
        )
    return text, None


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: building a big plan allocates tens of thousands of
    objects that all stay alive, and the collector would walk them (and everything imported)
    again and again for nothing. Cycles made inside are collected after, as usual."""
    import gc

    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def parse(text: str, name: str = "<string>") -> Loaded:
    """Parse and check TOML text; problems carry `name` as the file."""
    with gc_paused():
        return _parse(text, name)


def _parse(text: str, name: str) -> Loaded:
    try:
        raw = _loads(text)
    except Exception as e:
        import tomllib  # only for a file that does not parse: every command reads one that does

        if not isinstance(e, tomllib.TOMLDecodeError):
            raise
        line, col, message = _position(e, text)
        return Loaded(Path(name), None, [Problem(name, message, line=line, col=col)], text=text)
    problems: list[Problem] = []

    def report(where: str, message: str) -> None:
        problems.append(Problem(name, message, where=where))

    strategy = build(Strategy, raw, "", report)
    for where, message in check(strategy):
        problems.append(Problem(name, message, where=where))
    return Loaded(Path(name), strategy, problems, text=text)


def _loads(text: str) -> dict[str, Any]:
    import rtoml

    try:
        return _loads_by_posts(text) or rtoml.loads(text)
    except rtoml.TomlParsingError as e:
        first = str(e)
    # rtoml's messages differ from the standard's; let tomllib say where the error is.
    import tomllib

    try:
        data = tomllib.loads(text)
    except RecursionError:
        # Hundreds of nested `[` or inline tables: rtoml stopped at its depth limit and said where.
        raise tomllib.TOMLDecodeError(f"values are nested too deeply{_at(first, text)}") from None
    except ValueError as e:
        if isinstance(e, tomllib.TOMLDecodeError):
            raise
        # An integer past Python's limit on digits (4,300): tomllib raises a bare ValueError.
        digits = _LONG_NUMBER.search(text)
        if digits is None:
            raise
        line = text.count("\n", 0, digits.start()) + 1
        col = digits.start() - (text.rfind("\n", 0, digits.start()) + 1) + 1
        count = sum(ch.isdigit() for ch in digits.group())
        raise tomllib.TOMLDecodeError(
            f"a number of {count:,} digits is far past any count a strategy holds (at line {line}, column {col})"
        ) from None
    return data  # pragma: no cover - both parsers disagree only on exotic input


# A plan's posts, each `[[posts]]` table with its `[posts.results]`, are most of a big file.
_POST_HEADER = "\n[[posts]]\n"
POSTS_A_PIECE = 100


def _loads_by_posts(text: str) -> dict[str, Any] | None:
    """The data of a big plan parsed a hundred posts at a time; None where the file is not one
    that this reads exactly as one parse of the whole text would (the caller then does that).

    The same data, for less memory: rtoml holds about ten times the text's size while it parses
    (20 MB for a 2,000-post file), and a page of memory the process touches for the first time
    costs a few microseconds; pieces reuse the same pages: 18 -> 11 ms on that file
    (tests/bench/RESULTS.md). The pieces are the text cut before each line `[[posts]]`:
    - a piece of posts holds only posts: it must give `{"posts": [...]}` and nothing else, and the
      text before the first post must give no `posts`; otherwise None;
    - a cut that falls inside a multi-line string or array leaves the piece before it unterminated,
      a parse error: None, and the whole text is parsed (with its real error, if it has one).
    """
    import rtoml

    parts = text.split(_POST_HEADER)
    if len(parts) <= POSTS_A_PIECE:
        return None
    try:
        data = rtoml.loads(parts[0])
        if "posts" in data:
            return None
        posts: list[Any] = []
        for start in range(1, len(parts), POSTS_A_PIECE):
            piece = rtoml.loads("[[posts]]\n" + _POST_HEADER.join(parts[start : start + POSTS_A_PIECE]))
            if piece.keys() != {"posts"} or not isinstance(piece["posts"], list):
                return None
            posts += piece["posts"]
    except rtoml.TomlParsingError:
        return None
    data["posts"] = posts
    return data


# A run of digits that starts a value (not inside a word or right after a quote) and is longer
# than Python turns into an int (4,300 digits by default).
_LONG_NUMBER = re.compile(r"(?<![\w\"'.])\d(?:_?\d){" + str(sys.get_int_max_str_digits()) + ",}")
_RTOML_AT = re.compile(r"at line (\d+) column (\d+)")


def _at(message: str, text: str) -> str:
    """The position rtoml named in its message, in tomllib's words (for `_position`)."""
    m = _RTOML_AT.search(message)
    return f" (at line {m.group(1)}, column {m.group(2)})" if m else " (at end of document)"


_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def _position(e: tomllib.TOMLDecodeError, text: str) -> tuple[int, int, str]:
    message = str(e)
    m = _POSITION.search(message)
    if m and m.group(1):
        line, col = int(m.group(1)), int(m.group(2))
    else:  # "at end of document": point at the last character
        lines = text.rstrip("\n").split("\n")
        line, col = len(lines), len(lines[-1]) + 1
    if m:
        message = message[: m.start()]
    return line, col, f"TOML syntax: {message[:1].lower()}{message[1:]}"


# --- writing -------------------------------------------------------------------------------


def dumps(strategy: Strategy, *, directive: str = "") -> str:
    """The canonical TOML text of a strategy: field order of the format, defaults left out."""
    import tomli_w

    raw = to_raw(strategy)
    # Multi-line strings read best in git diffs, but TOML turns a CRLF inside them into LF:
    # a file whose text holds a carriage return is written with escaped strings instead.
    multiline = not has_carriage_return(raw)
    body = "\n".join(table_chunks("", "", raw, multiline, tomli_w.dumps))
    return f"{directive}\n{body}" if directive else body


def schema_directive(text: str) -> str:
    """The file's leading `#:schema …` line (editor completion), kept across saves."""
    first = text.split("\n", 1)[0].strip()
    return first if first.startswith(SCHEMA_DIRECTIVE) else ""


def fingerprint_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def save(
    strategy: Strategy,
    path: str | os.PathLike[str],
    *,
    expected: str | None = None,
    check_disk: bool = True,
    directive: str = "",
) -> str:
    """Write the strategy atomically, keeping the previous file as `PATH.bak`.

    `expected` is the fingerprint the file had when it was read (None: it did not exist);
    with `check_disk`, a file that changed since then is not overwritten (SaveRefused).
    The whole save holds the strategy's lock (planner/locking.py); a command that reads,
    changes and saves holds it from before reading. A read-only file is refused, a symlink is
    written through to its target, and a file with comments keeps them and its layout
    (planner/toml_edit.py). Returns the new fingerprint.
    """
    from planner.locking import locked

    p = Path(path)
    with locked(p):
        return _save_locked(strategy, p, expected, check_disk, directive)


def _save_locked(strategy: Strategy, p: Path, expected: str | None, check_disk: bool, directive: str) -> str:
    target = real_target(p)
    try:
        original = open(target, "rb")  # noqa: SIM115 - kept open: an edit in place while we save shows through it
    except FileNotFoundError:
        original = None
    except OSError as e:
        raise PlannerError(f"{p}: cannot be read before saving: {e.strerror or e}") from None
    with original if original is not None else contextlib.nullcontext():
        previous = original.read() if original is not None else None
        if original is not None and sys.platform == "win32":  # pragma: no cover - the tests run on Linux
            original.close()  # Windows renames nothing over a file that is open
        if check_disk and _fingerprint(previous) != expected:
            raise SaveRefused(
                f"{p}: the file changed on disk since it was opened; nothing was saved "
                "(reload it, or save again to overwrite)"
            )
        if original is not None:
            _refuse_read_only(p, target, os.stat(target))
        data = _text_to_save(strategy, previous, directive).encode("utf-8")
        try:
            tmp = _write_temporary(target, data)
            try:
                if previous is not None:
                    write_atomic(real_target(p.with_name(p.name + ".bak")), previous)
                if not check_disk:
                    _commit(tmp, target)
                elif not _commit_if_unchanged(tmp, target, original, previous):
                    raise SaveRefused(
                        f"{p}: the file changed on disk while it was being saved; the other change "
                        "is kept and nothing was saved (reload it, or save again to overwrite)"
                    )
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
        except OSError as e:
            raise PlannerError(
                f"{p}: could not be saved: {e.strerror or e}; the original is unchanged"
            ) from None
    return hashlib.sha256(data).hexdigest()


def _fingerprint(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _text_to_save(strategy: Strategy, previous: bytes | None, directive: str) -> str:
    """Canonical text, or the person's own file with only the changes made (when it has comments)."""
    if previous is not None:
        old_text, problem = decode("", previous)
        if problem is None and has_comments(old_text):
            kept = keep_layout(old_text, strategy)
            if kept is not None:
                return kept
    return dumps(strategy, directive=directive)


def unreadable_values(loaded: Loaded) -> list[Problem]:
    """The problems of values the model could not hold (wrong types, unknown keys): a save leaves
    them out. The checks that span tables are about values it holds, which a save keeps."""
    if loaded.strategy is None or not loaded.problems:
        return []
    spanning = set(check(loaded.strategy))
    return [p for p in loaded.problems if p.where and (p.where, p.message) not in spanning]


def keep_layout(text: str, strategy: Strategy) -> str | None:
    """`text`, the file as the person wrote it, edited to hold `strategy`: comments, key order and
    layout kept, only what changed rewritten (planner/toml_edit.py). None when it cannot be done
    (the caller writes the canonical text)."""
    from planner.toml_edit import TomlEditError, update

    before = parse(text)
    if before.strategy is None or unreadable_values(before):
        # Values the model could not hold are not in `strategy`: editing the person's text would
        # keep them, so the save that leaves them out writes the canonical text.
        return None
    raw = to_raw(strategy)

    def loads_back(result: str) -> bool:
        after = parse(result)
        return after.strategy == strategy and not unreadable_values(after)

    try:
        return update(
            text,
            to_raw(before.strategy),
            raw,
            multiline=not has_carriage_return(raw),
            loads_back=loads_back,
        )
    except TomlEditError:
        return None


def _refuse_read_only(p: Path, target: Path, st: os.stat_result) -> None:
    # Root may write anything (os.access says yes): the mode bits say what the person meant.
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise PlannerError(
            f"{p}: is read-only; nothing was saved (make it writable to save it, e.g. chmod u+w {p})"
        )


def _read_from_start(f: Any) -> bytes:
    f.seek(0)
    data: bytes = f.read()
    return data


def _commit_if_unchanged(tmp: Path, target: Path, original: Any, previous: bytes | None) -> bool:
    """Put `tmp` in place of `target` only if `target` is still the file we read (False if not).

    Another program (an editor) that writes the file between our checks and our rename must
    not lose its edit. On Linux the rename is an exchange (renameat2 RENAME_EXCHANGE), so the
    file we replaced can be looked at afterwards and swapped back if it is not the one we read;
    a new file is created with a link, which fails if one appeared. Elsewhere the check comes
    immediately before a plain rename.
    """
    if original is None:
        try:
            os.link(tmp, target)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            if target.exists():
                return False
            _commit(tmp, target)
            return True
        _sync_folder(target)
        return True
    if not _is_what_we_read(target, original, previous):
        return False
    if not _exchange(tmp, target):
        _commit(tmp, target)
        return True
    if _is_what_we_read(tmp, original, previous):  # `tmp` now names the file that was in place
        _sync_folder(target)
        return True
    _exchange(tmp, target)  # someone else's file was there: theirs goes back
    return False


def _is_what_we_read(path: Path, original: Any, previous: bytes | None) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    if original.closed:  # pragma: no cover - Windows: compare what is there now
        return path.read_bytes() == previous
    mine = os.fstat(original.fileno())
    if (now.st_dev, now.st_ino) != (mine.st_dev, mine.st_ino):
        return False  # replaced by another file
    return _read_from_start(original) == previous  # or written into in place


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    import ctypes

    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # the file system cannot exchange
        return False
    raise OSError(err, os.strerror(err), str(b))


@functools.cache
def _renameat2() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # a C library older than glibc 2.28
        return None


def real_target(path: Path) -> Path:
    """Where writing `path` must land: a symlink is followed to its target, which is replaced
    beside itself, so the link stays a link (as editors do)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_output(path: Path, data: bytes) -> None:
    """Write a document or export the user named: atomically, or straight into a device or pipe."""
    if path.is_dir():
        raise PlannerError(f"{path}: is a folder; give the file to write")
    try:
        write_atomic(path, data)
    except OSError as e:
        raise PlannerError(f"{path}: could not be written: {e.strerror or e}") from None


def write_all(files: Mapping[Path, bytes]) -> list[Path]:
    """Write several files all or nothing: every one to a temporary file first, renamed over the
    old ones only when all are written (a full disk leaves every old file as it was)."""
    for path in files:
        if path.is_dir():
            raise PlannerError(f"{path}: is a folder, so {path.name} cannot be written there")
    pending: list[Path] = []

    def discard() -> None:
        for tmp in pending:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)

    targets = {path: real_target(path) for path in files}
    current = None
    try:
        for path, data in files.items():
            current = path
            if _is_device(targets[path]):
                raise PlannerError(f"{path}: is not a regular file, so it cannot be written with the others")
            pending.append(_write_temporary(targets[path], data))
    except OSError as e:
        discard()
        raise PlannerError(
            f"{current}: could not be written: {e.strerror or e}; no file was changed"
        ) from None
    except BaseException:
        discard()
        raise
    for tmp, target in zip(pending, targets.values(), strict=True):
        _commit(tmp, target)
    return list(files)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush and fsync it, then rename it over `path`.

    A device or a pipe (`/dev/null`, `/dev/stdout`) is written into directly: renaming a file
    over it would replace the device itself. A symlink is written through to its target.
    """
    path = real_target(path)
    if _is_device(path):
        with open(path, "wb") as f:
            f.write(data)
        return
    tmp = _write_temporary(path, data)
    try:
        _commit(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _is_device(path: Path) -> bool:
    return path.exists() and not path.is_file() and not path.is_dir()


# Temporary files are named `.NAME.PID.tmp` (or `.NAME.PID-N.tmp`) beside NAME, so the next write
# of NAME recognises a leftover of a killed writer and removes it: its process is gone, or it is
# older than any write takes. The random names of earlier versions (`.NAME.x1y2z3ab.tmp`) go
# by age only.
STALE_SECONDS = 10 * 60
_LEFTOVER = re.compile(r"\.(?:(\d+)(?:-\d+)?|[a-z0-9_]{8})\.tmp")


def temporary_name(target: Path, n: int = 0) -> Path:
    suffix = f"{os.getpid()}-{n}" if n else str(os.getpid())
    return target.with_name(f".{target.name}.{suffix}.tmp")


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the temporary files that killed writes of `target` left beside it."""
    import time

    folder = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}"
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _LEFTOVER.fullmatch(entry.name[len(prefix) :])
        if not m:
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
        except OSError:
            continue
        pid = int(m.group(1)) if m.group(1) else None
        if old or (pid is not None and pid != os.getpid() and not _alive(pid)):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OverflowError:
        return False
    return True


def _write_temporary(target: Path, data: bytes) -> Path:
    """`data` in a fsynced temporary file beside `target`, with the mode (and owner) of `target`."""
    remove_leftovers(target)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    for n in range(100):
        tmp = temporary_name(target, n)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if st else 0o666)
        except FileExistsError:  # another thread of this process writes the same file
            continue
        break
    else:  # pragma: no cover - a hundred writes of one file at once in one process
        raise FileExistsError(f"{target}: too many temporary files")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if st is not None:
            _copy_mode_and_owner(st, tmp)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def _copy_mode_and_owner(st: os.stat_result, tmp: Path) -> None:
    os.chmod(tmp, st.st_mode & 0o777)
    if hasattr(os, "geteuid") and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):  # only root may give a file away
            os.chown(tmp, st.st_uid, st.st_gid)


def _commit(tmp: Path, target: Path) -> None:
    """Rename the written temporary file over `target`, and make the rename itself durable."""
    os.replace(tmp, target)
    _sync_folder(target)


def _sync_folder(target: Path) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


_TOKENS = re.compile(
    r'"""(?:\\.|[^\\])*?"""|\'\'\'.*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*',
    re.S,
)


def has_comments(text: str) -> bool:
    """True when the TOML text has a comment (outside strings) other than a leading `#:schema`."""
    if "#" not in text:
        return False
    for m in _TOKENS.finditer(text):
        token = m.group()
        if token.startswith("#") and not (m.start() == 0 and token.startswith(SCHEMA_DIRECTIVE)):
            return True
    return False
