"""The strategy file in and out: reading with clear problems, atomic saving with a `.bak` copy.

Reading uses rtoml (a compiled TOML parser): on a 2,000-post file it parses in about a tenth
of the time of the standard library's `tomllib` with the same data (tests/bench/RESULTS.md).
A file rtoml rejects is parsed again with `tomllib` so that syntax errors carry the standard
library's line and column. Writing uses tomli-w.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.errors import PlannerError, Problem, SaveRefused, StrategyFileError
from planner.fields import build, to_raw
from planner.model import Strategy, check

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
        """Comments a save would drop (tomli-w writes none); a `#:schema` directive is kept."""
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
        return rtoml.loads(text)
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
    multiline = not _has_carriage_return(raw)
    body = "\n".join(_table_chunks("", "", raw, multiline, tomli_w.dumps))
    return f"{directive}\n{body}" if directive else body


def _table_chunks(header: str, name: str, table: dict[str, Any], multiline: bool, toml: Any) -> Iterator[str]:
    """TOML text of a table, one chunk per (sub)table, in a layout that stays the same as lists grow.

    tomli-w alone writes a short list of tables inline (`posts = [{...}]`) and switches to
    `[[posts]]` once one item is long; we always write `[[posts]]`, and checklist entries
    (`[smo]`) always inline, so a diff shows the change and nothing else.
    """
    plain = {k: v for k, v in table.items() if not isinstance(v, (dict, list)) or _is_value_list(v)}
    if plain or header:
        yield (f"{header}\n" if header else "") + _key_values(plain, multiline, toml)
    for key, value in table.items():
        if key in plain:
            continue
        path = f"{name}.{key}" if name else key
        if isinstance(value, list):
            for item in value:
                yield from _table_chunks(f"[[{path}]]", path, item, multiline, toml)
        elif value and all(isinstance(v, dict) for v in value.values()):
            lines = [f"{k} = {_inline_table(v, toml)}" for k, v in value.items()]
            yield f"[{path}]\n" + "\n".join(lines) + "\n"
        else:
            yield from _table_chunks(f"[{path}]", path, value, multiline, toml)


def _key_values(plain: dict[str, Any], multiline: bool, toml: Any) -> str:
    if not any(isinstance(v, list) for v in plain.values()):
        return toml(plain, multiline_strings=multiline)
    # tomli-w puts every array item on its own line; a short list reads better on one.
    lines = []
    for key, value in plain.items():
        text = toml({key: value}, multiline_strings=multiline)
        if isinstance(value, list):
            one_line = f"{key} = [{', '.join(_inline_value(v, toml) for v in value)}]\n"
            if len(one_line) <= 100:
                text = one_line
        lines.append(text)
    return "".join(lines)


def _inline_value(value: Any, toml: Any) -> str:
    return toml({"v": value}, multiline_strings=False)[4:-1]


def _is_value_list(value: object) -> bool:
    return isinstance(value, list) and not any(isinstance(v, dict) for v in value)


def _inline_table(table: dict[str, Any], toml: Any) -> str:
    # One line per entry: strings are written escaped, never as multi-line strings.
    fields = (f"{k} = {_inline_value(v, toml)}" for k, v in table.items())
    return "{ " + ", ".join(fields) + " }" if table else "{}"


def _has_carriage_return(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_carriage_return(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_carriage_return(v) for v in value)
    return False


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
    Returns the new fingerprint.
    """
    p = Path(path)
    text = dumps(strategy, directive=directive)
    data = text.encode("utf-8")
    try:
        previous = p.read_bytes()
    except FileNotFoundError:
        previous = None
    except OSError as e:
        raise PlannerError(f"{p}: cannot be read before saving: {e.strerror or e}") from None
    if check_disk:
        now = hashlib.sha256(previous).hexdigest() if previous is not None else None
        if now != expected:
            raise SaveRefused(
                f"{p}: the file changed on disk since it was opened; nothing was saved "
                "(reload it, or save again to overwrite)"
            )
    try:
        if previous is not None:
            write_atomic(p.with_name(p.name + ".bak"), previous)
        write_atomic(p, data)
    except OSError as e:
        raise PlannerError(f"{p}: could not be saved: {e.strerror or e}; the original is unchanged") from None
    return hashlib.sha256(data).hexdigest()


def write_output(path: Path, data: bytes) -> None:
    """Write a document or export the user named: atomically, or straight into a device or pipe."""
    if path.is_dir():
        raise PlannerError(f"{path}: is a folder; give the file to write")
    try:
        write_atomic(path, data)
    except OSError as e:
        raise PlannerError(f"{path}: could not be written: {e.strerror or e}") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush and fsync it, then rename it over `path`.

    A device or a pipe (`/dev/null`, `/dev/stdout`) is written into directly: renaming a file
    over it would replace the device itself.
    """
    if path.exists() and not path.is_file() and not path.is_dir():
        with open(path, "wb") as f:
            f.write(data)
        return
    import tempfile  # only commands that write pay for it

    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
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
