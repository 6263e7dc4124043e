"""Jinja's immutable sandbox for the documents, and the bounds on what a user's template may cost.

The built-in templates are ours and their data is bounded by the model, so they run in the plain
sandbox (`sandbox_class(guarded=False)`) at full speed. Templates from a user's folder
(`render --templates DIR`) run in the guarded sandbox, which also bounds a render's time and memory:
a template that loops without end, or makes a string or number of gigabytes, is refused with its
file and line instead of running for minutes. Every bound is far past what a real document needs
(the built-in templates, copied into a folder, render a 50,000-post plan well inside them):

- `STEPS` loop iterations in one render, a call counting as `CALL_STEPS` (what it costs in time),
  and `SECONDS` of wall-clock time: nested `range(99999)` loops, a macro calling itself twice, a
  recursive loop (the built-ins take ~24,000 steps for a plan of 7,000 posts);
- `VALUE` characters (or items) in one value an operator, method or filter makes: `'x' * 10**10`,
  `'x'.ljust(10**9)`, `s|replace('', s)`, `'{:999999999}'.format(1)`, `[0] * 10**9`, `lipsum(10**6)`;
- `INT_BITS` bits in an integer: `n ** (n ** 8)` and squaring in a loop;
- `OUTPUT` characters written by one render, a macro or a `{% set %}` block;
- `COUNT` items a filter argument may ask for (`batch`, `slice`): Jinja's own bound on `range`.

How (Jinja's documented hooks, https://jinja.palletsprojects.com/en/stable/sandbox/#operator-intercepting):
`intercepted_binops` sends `*`, `**`, `+` and `%` to `call_binop`; every call a template makes goes
through `call`; `concat` joins every buffer; `code_generator_class` counts loop iterations and checks
`~`, which has no hook of its own. The counters of one render live in a context variable, so renders
in several threads (the TUI's preview) never share them.

The loader (`FolderLoader`) reads only files whose real path is inside its folder: a symlink in a
user's template folder (`leak.j2 -> /etc/passwd`, `root -> /`) is refused, not followed.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import os
import posixpath
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateNotFound
from jinja2.filters import make_attrgetter
from jinja2.loaders import BaseLoader, split_template_path
from jinja2.runtime import LoopContext, Macro, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

STEPS = 2_000_000
SECONDS = 10.0
# A call (a macro, a method, a recursive loop's `loop()`) takes 2-5 µs, a loop step 0.1-0.2 µs.
CALL_STEPS = 10
VALUE = 1_000_000
INT_BITS = 65_536
OUTPUT = 50_000_000
COUNT = 100_000
# A template file larger than this is not a template (a link to /dev/zero, a video renamed .j2).
TEMPLATE_BYTES = 10_000_000

# Changes with the guarded code generator, so that code compiled by an older one is never loaded.
GUARD_VERSION = 1


class LimitError(SecurityError):
    """A user's template went past one of the bounds: shown as `FILE:LINE: refused by the sandbox: …`."""


class TemplateOutsideFolder(SecurityError):
    """A template file that is a link to a file outside the templates folder."""


# --- the plain sandbox ---------------------------------------------------------------------------


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, remembering its verdict per (type, attribute).

    The sandbox checks every attribute a template reads; its verdict depends only on the object's
    type and the attribute's name (underscores, internals of functions and frames, methods that
    mutate), so it is computed once per pair: a 2,000-post plan reads ~25,000.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._verdicts: dict[tuple[type, str], bool] = {}
        self._plain: set[tuple[type, str]] = set()  # safe pairs whose value was data, not a method

    def getattr(self, obj: Any, attribute: str) -> Any:
        # A data attribute already judged safe on this type is read directly; anything else
        # (methods, str.format, dict keys, unknown pairs) takes the sandbox's full path.
        key = (type(obj), attribute)
        if key in self._plain:
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        value = super().getattr(obj, attribute)
        if self._verdicts.get(key) and not callable(value):
            self._plain.add(key)
        return value

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = super().is_safe_attribute(obj, attr, value)
        return verdict


def sandbox_class(guarded: bool) -> type[Sandbox]:
    return GuardedSandbox if guarded else Sandbox


# --- one render's counters -----------------------------------------------------------------------


class _Budget:
    __slots__ = ("deadline", "steps")

    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + SECONDS

    def call(self) -> None:  # slow enough that reading the clock each time costs nothing
        self.steps += CALL_STEPS
        self.check()

    def check(self) -> None:
        if self.steps > STEPS:
            raise LimitError(
                f"the template takes more than {STEPS:,} loop steps and calls "
                "(a loop inside a loop, or a macro calling itself?)"
            )
        if time.monotonic() > self.deadline:
            raise LimitError(f"the template runs for more than {SECONDS:g} seconds")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("render_budget", default=None)


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """The block is one render: its steps and time are counted from here."""
    token = _BUDGET.set(_Budget())
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _count_call() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.call()


def _too_big(what: str, size: int, limit: int = VALUE, unit: str = "characters") -> LimitError:
    return LimitError(f"{what} would make {size:,} {unit}; a template may make at most {limit:,} at once")


def _check_size(what: str, size: int, limit: int = VALUE, unit: str = "characters") -> None:
    if size > limit:
        raise _too_big(what, size, limit, unit)


def _unit(value: Any) -> str:
    return "characters" if isinstance(value, str) else "bytes" if isinstance(value, bytes) else "items"


def _too_long(what: str, size: int) -> LimitError:
    return LimitError(f"{what} would be {size:,} characters long; a template may write at most {OUTPUT:,}")


def _sized(value: Any) -> int:
    """The length of a value a template made, 0 for values without one."""
    return len(value) if isinstance(value, str | bytes | list | tuple | dict | set | frozenset) else 0


# --- the guarded sandbox -------------------------------------------------------------------------


class _GuardedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every loop counted and every `~` checked before it joins."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        # `environment.guarded_loop(iterable)` yields the same items and counts each one.
        node.iter = nodes.Call(
            nodes.EnvironmentAttribute("guarded_loop"), [node.iter], [], None, None, lineno=node.lineno
        )
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.guarded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("), context.eval_ctx.autoescape)")


class GuardedSandbox(Sandbox):
    """The sandbox for users' templates: `Sandbox` with bounds on a render's time and memory."""

    code_generator_class = _GuardedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        for name, guard in _FILTER_GUARDS.items():
            self.filters[name] = _guarded_filter(self.filters[name], guard)
        self.filters["join"] = _guarded_join(self.filters["join"])
        self.globals["lipsum"] = _lipsum

    # Loops and `~` (compiled by _GuardedCodeGenerator).

    def guarded_loop(self, iterable: Iterable[Any]) -> Iterable[Any]:
        budget = _BUDGET.get()
        iterator = iter(iterable)  # an undefined or non-iterable value fails here, as without us
        return iterator if budget is None else _counted(iterator, budget)

    def guarded_join(self, parts: tuple[Any, ...], autoescape: bool) -> str:
        size = sum(len(p) if isinstance(p, str) else len(str(p)) for p in parts)
        _check_size("joining with ~", size)
        return markup_join(parts) if autoescape else str_join(parts)

    # Every call a template makes: counted, and checked before it runs when it could grow a value.

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _count_call()
        _check_call(__obj, args, kwargs)
        if _is_join(__obj) and args:  # the parts are counted here, so a generator is read once
            args = (list(args[0]), *args[1:])
            _check_join(__obj, args[0])
        result = super().call(__context, __obj, *args, **kwargs)
        # A macro's or a recursive loop's output is a buffer, bounded by `concat` (OUTPUT).
        size = 0 if isinstance(__obj, Macro | LoopContext) else _sized(result)
        if size > VALUE:
            raise _too_big(f"{_callable_name(__obj)}()", size, unit=_unit(result))
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    # Every buffer of a render (the document, a macro's output, a {% set %} block) is joined here.

    def concat(self, parts: Iterable[str]) -> str:
        if isinstance(parts, list):
            size = sum(map(len, parts))
            if size > OUTPUT:
                raise _too_long("this block", size)
            return "".join(parts)
        return _joined_output(parts)


def _counted(iterator: Iterator[Any], budget: _Budget) -> Iterator[Any]:
    for item in iterator:
        budget.steps += 1
        if not budget.steps & 63:  # the clock once every 64 iterations: a tenth of an empty loop's cost
            budget.check()
        yield item


def _joined_output(chunks: Iterable[str]) -> str:
    """A whole render's output, refused at `OUTPUT` characters where the template wrote the last one."""
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        out.append(chunk)
        if size > OUTPUT:
            error = _too_long("the document", size)
            throw = getattr(chunks, "throw", None)
            if throw is None:
                raise error
            throw(error)  # raised at the template's line that wrote the chunk, then rewritten by Jinja
    return "".join(out)


# --- the checks ----------------------------------------------------------------------------------


def _text_size(value: Any) -> int:
    """How long `value` is as text (what `~`, join and formatting make of it)."""
    return len(value) if isinstance(value, str | bytes) else len(str(value))


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(times, int) and (size := _sized(seq)):
                _check_size(f"repeating a value {times:,} times", size * max(times, 0), unit=_unit(seq))
        if isinstance(left, int) and isinstance(right, int):
            _check_bits("multiplying", left.bit_length() + right.bit_length())
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            _check_bits(f"{left:,} ** {right:,}", math.ceil(right * math.log2(abs(left))))
    elif operator == "+":
        if (size := _sized(left)) and _sized(right):
            _check_size("adding two values", size + _sized(right), unit=_unit(left))
    elif operator == "%" and isinstance(left, str):
        values = (
            right.values() if isinstance(right, dict) else right if isinstance(right, tuple) else (right,)
        )
        _check_size("formatting with %", _pattern_size(left, _percent_fields(left), values))


def _check_bits(what: str, bits: int) -> None:
    if bits > INT_BITS:
        most = int(INT_BITS * math.log10(2))
        raise LimitError(
            f"{what} would make a number of about {int(bits * math.log10(2)):,} digits; "
            f"a template may make at most {most:,}"
        )


def _pattern_size(pattern: str, fields: list[int], values: Iterable[Any]) -> int:
    """At most how long a format pattern makes its text: each field is as wide as its width or the
    longest value, whichever is more (a field may repeat a value: '{0}{0}{0}')."""
    longest = max(map(_text_size, values), default=0)
    return len(pattern) + sum(max(width, longest) for width in fields)


# `%` conversions: the width and precision, and `*` (taken from the arguments, so unknown here).
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])")


def _percent_fields(pattern: str) -> list[int]:
    """The width of each field of a % pattern ('%-40s' is 40, '%s' 0)."""
    fields = []
    for width, precision, kind in _PERCENT.findall(pattern):
        if "*" in (width, precision):
            raise LimitError("a % format that takes its width from the arguments (*) is not allowed")
        if kind != "%":
            fields.append(int(width or 0) + int(precision or 0))
    return fields


def _format_fields(pattern: str) -> list[int]:
    """The width of each field of a str.format pattern ('{:>40}' is 40, '{}' 0)."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        return []  # a malformed pattern fails when it is used, with Python's own message
    fields = []
    for _, name, spec, _ in parsed:
        if name is None:
            continue
        if spec and "{" in spec:
            raise LimitError("a format width taken from the arguments ('{:{}}') is not allowed")
        fields.append(sum(int(n) for n in re.findall(r"\d+", spec or "")))
    return fields


def _callable_name(obj: Any) -> str:
    name = getattr(obj, "__name__", None)
    return name if isinstance(name, str) else type(obj).__name__


def _is_join(obj: Any) -> bool:
    return isinstance(getattr(obj, "__self__", None), str | bytes) and _callable_name(obj) == "join"


def _check_join(obj: Any, items: list[Any]) -> None:
    sep = obj.__self__
    _check_size("join", len(sep) * max(len(items) - 1, 0) + sum(_sized(i) for i in items))


def _check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Calls that can make a huge value from small arguments, checked before they run."""
    target = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format in a function of its own
    owner = getattr(target, "__self__", None)
    name = _callable_name(target)
    if isinstance(owner, str | bytes):
        _check_string_method(owner, name, args, kwargs)
    elif isinstance(owner, int) and name == "to_bytes":
        length = args[0] if args else kwargs.get("length", 1)
        if isinstance(length, int):
            _check_size("int.to_bytes", length, unit="bytes")


def _check_string_method(s: str | bytes, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    def arg(i: int, key: str, default: Any) -> Any:
        return args[i] if len(args) > i else kwargs.get(key, default)

    if name in ("ljust", "rjust", "center", "zfill"):
        width = arg(0, "width", 0)
        if isinstance(width, int):
            _check_size(f"{name}({width:,})", width)
    elif name == "expandtabs":
        tabsize = arg(0, "tabsize", 8)
        tabs = s.count("\t") if isinstance(s, str) else s.count(b"\t")
        if isinstance(tabsize, int):
            _check_size("expandtabs", len(s) + tabs * tabsize)
    elif name == "replace":
        _check_size("replace", _replaced_size(s, arg(0, "old", ""), arg(1, "new", ""), arg(2, "count", -1)))
    elif name == "format" and isinstance(s, str):
        _check_size("format", _pattern_size(s, _format_fields(s), [*args, *kwargs.values()]))
    elif name == "format_map" and isinstance(s, str) and args and isinstance(args[0], dict):
        _check_size("format_map", _pattern_size(s, _format_fields(s), args[0].values()))
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((_sized(v) for v in args[0].values()), default=1)
        _check_size("translate", len(s) * max(longest, 1))


def _replaced_size(s: Any, old: Any, new: Any, count: Any) -> int:
    if not isinstance(s, str | bytes) or type(old) is not type(s) or type(new) is not type(s):
        return 0  # a wrong argument fails in str.replace itself
    found = len(s) + 1 if not old else s.count(old)  # type: ignore[arg-type]  # same type: checked above
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(s) + found * max(len(new) - len(old), 0)


# --- filters and globals that can grow a value -----------------------------------------------------


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _replace_guard(*args: Any, **kwargs: Any) -> None:  # (eval_ctx, s, old, new, count=None)
    s, old, new = (_text(a) for a in args[1:4]) if len(args) >= 4 else ("", "", "")
    count = args[4] if len(args) > 4 else kwargs.get("count")
    _check_size("replace", _replaced_size(s, old, new, -1 if count is None else count))


def _center_guard(value: Any, width: Any = 80, *_: Any) -> None:
    if isinstance(width, int):
        _check_size(f"center({width:,})", width)


def _indent_guard(s: Any, width: Any = 4, *_: Any, **__: Any) -> None:
    text = _text(s)
    per_line = width if isinstance(width, int) else len(_text(width))
    _check_size("indent", len(text) + (text.count("\n") + 1) * max(per_line, 0))


def _format_guard(value: Any, *args: Any, **kwargs: Any) -> None:
    text = _text(value)
    values = [*args, *kwargs.values()] if not kwargs else kwargs.values()
    _check_size("format", _pattern_size(text, _percent_fields(text), values))


def _wordwrap_guard(env: Any, s: Any, width: Any = 79, *args: Any, **kwargs: Any) -> None:
    text = _text(s)
    wrapstring = args[1] if len(args) > 1 else kwargs.get("wrapstring")
    if isinstance(width, int) and width > 0:
        lines = len(text) // width + text.count("\n") + 1
        _check_size("wordwrap", len(text) + lines * len(_text(wrapstring or "\n")))


def _batch_guard(value: Any, linecount: Any = 1, *_: Any, **__: Any) -> None:
    if isinstance(linecount, int):
        _check_size("batch", linecount, COUNT, "items")


def _slice_guard(value: Any, slices: Any = 1, *_: Any, **__: Any) -> None:
    if isinstance(slices, int):
        _check_size("slice", slices, COUNT, "items")


def _tojson_guard(eval_ctx: Any, value: Any, indent: Any = None) -> None:
    if isinstance(indent, int) and indent > 16:
        raise LimitError(f"tojson(indent={indent:,}): an indent of at most 16 is allowed")


_FILTER_GUARDS: dict[str, Callable[..., None]] = {
    "replace": _replace_guard,
    "center": _center_guard,
    "indent": _indent_guard,
    "format": _format_guard,
    "wordwrap": _wordwrap_guard,
    "batch": _batch_guard,
    "slice": _slice_guard,
    "tojson": _tojson_guard,
}


def _guarded_filter(original: Callable[..., Any], guard: Callable[..., None]) -> Callable[..., Any]:
    # functools.wraps copies Jinja's pass_context / pass_eval_context mark, so the filter gets
    # the same first argument as before.
    @functools.wraps(original)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        guard(*args, **kwargs)
        result = original(*args, **kwargs)
        _check_size(original.__name__.removeprefix("do_"), _sized(result), unit=_unit(result))
        return result

    return guarded


def _guarded_join(original: Callable[..., Any]) -> Callable[..., Any]:
    """`join`, with its items read first (a generator, or the attribute of each) to know the size."""

    @functools.wraps(original)
    def join(eval_ctx: Any, value: Any, d: Any = "", attribute: Any = None) -> Any:
        items = list(value)
        if attribute is not None:
            items = list(map(make_attrgetter(eval_ctx.environment, attribute), items))
        sep = d if isinstance(d, str) else str(d)
        _check_size("join", len(sep) * max(len(items) - 1, 0) + sum(map(_text_size, items)))
        return original(eval_ctx, items, d)

    return join


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    if not all(isinstance(v, int) for v in (n, min, max)):
        raise LimitError("lipsum takes whole numbers")
    _check_size("lipsum", n * max * 10)  # ~10 characters a word
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


# --- the loader ----------------------------------------------------------------------------------


class FolderLoader(BaseLoader):
    """Templates from one folder, like Jinja's FileSystemLoader, but never through a link out of it."""

    def __init__(self, folder: str | os.PathLike[str], encoding: str = "utf-8") -> None:
        self.folder = os.path.realpath(folder)
        self.encoding = encoding

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses '..'
        # posixpath, as Jinja does: a "C:" or UNC segment cannot lead out of the folder on Windows.
        filename = posixpath.join(self.folder, *pieces)
        if not os.path.isfile(filename):
            raise TemplateNotFound(template)
        real = os.path.realpath(filename)
        if os.path.commonpath([real, self.folder]) != self.folder:
            raise TemplateOutsideFolder(
                f"{template} is a link to {real}, outside the templates folder {self.folder}; "
                "copy the file into the folder instead"
            )
        size = os.path.getsize(real)
        if size > TEMPLATE_BYTES:
            raise LimitError(f"{template} has {size:,} bytes; a template may have at most {TEMPLATE_BYTES:,}")
        with open(real, encoding=self.encoding) as f:
            contents = f.read(TEMPLATE_BYTES + 1)
        mtime = os.path.getmtime(real)

        def uptodate() -> bool:
            try:
                return os.path.realpath(filename) == real and os.path.getmtime(real) == mtime
            except OSError:
                return False

        return contents, os.path.normpath(filename), uptodate

    def list_templates(self) -> list[str]:
        found = []
        for folder, _, files in os.walk(self.folder):
            for name in files:
                found.append(os.path.relpath(os.path.join(folder, name), self.folder).replace(os.sep, "/"))
        return sorted(found)
