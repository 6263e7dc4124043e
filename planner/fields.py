"""Typed fields for the strategy dataclasses: one declaration per field, everything else derived.

`field(...)` in planner.model says all there is about a field: its type (the annotation), whether
it is required, its choices, the rule its text or list items follow, its bounds, what it refers
to (`ref="channels"`) and what deleting the referred item does to it, its explanation in English
and Russian, and how a form shows it. From that one declaration come loading with its messages,
the fast row builder for big tables, saving, the reference checks and the edits that follow a
deleted or renamed item (model, editing), the forms' choices and hints, and the JSON Schema.

Every check is written once, as data, in RULES: a Python expression and its message. The slow
path (`build`, which reports every problem with a marketer-readable path such as
`channels[vk-main].days`) and the fast path (`_quick_builder`, for the rows of a big table)
are both compiled from those expressions at first use, as attrs and dataclasses write their
`__init__`: no hand-written second copy of a rule exists.

We convert and check the raw TOML ourselves instead of using pydantic or msgspec: it reports
every problem in one pass, suggests the key a typo meant, and costs no import time (see
tests/bench/RESULTS.md for the measurements).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import string
import sys
import types
import typing
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from planner.code_cache import define
from planner.errors import did_you_mean

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]\Z")
COUNTRY = re.compile(r"[A-Z]{2}\Z")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Bounds a field has when its declaration names none, so that no value a file can hold is
# unbounded (issue 12: a 65,537-character currency made `render` write 500 MB; a 4,299-digit
# reach made `report` fail). Declarations in planner.model tighten them where it makes sense.
DEFAULT_MAXIMUM = 10**12
DEFAULT_MAX_LENGTH = 20_000  # free text: a few pages
DEFAULT_ITEM_LENGTH = 1_000  # one item of a list of text
DEFAULT_MAX_ITEMS = 1_000
FIRST_DAY = dt.date(2000, 1, 1)  # dates outside these years are typos (0001, 9999) and crash
LAST_DAY = dt.date(2100, 12, 31)  # calendar arithmetic in planning, documents and exports

ITEM_RULES = ("slug", "time", "day", "country", "timezone")
ON_DELETE = ("remove", "empty", "delete")  # from a list / empty the field / delete the referring item
WIDGETS = ("long", "inline", "lines")  # multi-line text / comma-separated list / one item a line


# --- the rules --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Rule:
    """One check: `test` is a Python expression over `{v}` and the field's parameters (`{enum}`,
    `{maximum}`…); `message` says what is wrong (placeholders: see `_MessageParts`); `schema` the
    JSON Schema keywords it stands for, a value "{name}" taking the field's parameter `name`."""

    test: str
    message: str
    schema: tuple[tuple[str, Any], ...] = ()

    @property
    def params(self) -> tuple[str, ...]:
        names = (name for _, name, _, _ in string.Formatter().parse(self.test) if name)
        return tuple(dict.fromkeys(n for n in names if n != "v"))


RULES: dict[str, Rule] = {
    # kinds
    "text": Rule("type({v}) is str", "expected text, got {got}", (("type", "string"),)),
    "whole": Rule("type({v}) is int", "expected a whole number, got {got}", (("type", "integer"),)),
    "number": Rule(
        "type({v}) is int or type({v}) is float", "expected a number, got {got}", (("type", "number"),)
    ),
    "finite": Rule("type({v}) is int or -inf < {v} < inf", "expected a finite number"),
    "bool": Rule("type({v}) is bool", "expected true or false, got {got}", (("type", "boolean"),)),
    "date": Rule(
        "type({v}) is date", "expected a date, got {got}{date_hint}", (("type", "string"), ("format", "date"))
    ),
    "list": Rule("type({v}) is list", "expected a list, got {got}", (("type", "array"),)),
    "tables": Rule(
        "type({v}) is list", "expected a list of tables ([[{path}]]), got {got}", (("type", "array"),)
    ),
    "table": Rule("type({v}) is dict", "expected a table, got {got}", (("type", "object"),)),
    # sizes and bounds
    "max_items": Rule(
        "len({v}) <= {max_items}",
        "lists {count:,} items; at most {max_items:,} are allowed",
        (("maxItems", "{max_items}"),),
    ),
    "max_length": Rule(
        "len({v}) <= {max_length}",
        "is {length:,} characters long; at most {max_length:,} are allowed",
        (("maxLength", "{max_length}"),),
    ),
    "not_negative": Rule("not {v} < 0", "must not be negative, got {shown}", (("minimum", 0),)),
    "minimum": Rule(
        "not {v} < {minimum}", "must be at least {minimum:,}, got {shown}", (("minimum", "{minimum}"),)
    ),
    "maximum": Rule(
        "not {v} > {maximum}", "must be at most {maximum:,}, got {shown}", (("maximum", "{maximum}"),)
    ),
    "earliest": Rule("not {v} < {minimum}", "must be on or after {minimum}, got {shown}"),
    "latest": Rule("not {v} > {maximum}", "must be on or before {maximum}, got {shown}"),
    # choices and shapes
    "enum": Rule("{v} in {enum}", "'{shown}' is not one of {choices}{suggest}", (("enum", "{enum}"),)),
    "slug": Rule(
        "slug({v}) is not None",
        "'{shown}' is not a valid id: use lowercase letters, digits and hyphens",
        (("pattern", "^[a-z0-9][a-z0-9-]*$"),),
    ),
    "time": Rule(
        "time({v}) is not None",
        "'{shown}' is not a time: use HH:MM, 24-hour, like \"09:30\"",
        (("pattern", "^([01][0-9]|2[0-3]):[0-5][0-9]$"),),
    ),
    "day": Rule(
        "{v} in weekdays",
        "'{shown}' is not a weekday: use {weekdays}{suggest}",
        (("enum", "{weekdays}"),),
    ),
    "country": Rule(
        "not {v} or country({v}) is not None",
        "'{shown}' is not a two-letter ISO 3166 code such as RU or US",
        (("pattern", "^([A-Z]{2})?$"),),
    ),
    "timezone": Rule(
        "not {v} or known_timezone({v})",
        "'{shown}' is not an IANA time zone such as Europe/Moscow",
        (("enum", "{timezones}"),),
    ),
}


def known_timezone(name: str) -> bool:
    """True for a name in `zoneinfo.available_timezones()`: checked against the list, never by
    opening a file ("Europe" is a folder, a 300-character name overflows the file system).

    The whole list costs ~25 ms to gather (it walks the system's zoneinfo folder), more than
    reading a 2,000-post file: a name the tzdata package lists (a subset of that list, read in
    a millisecond) answers at once, and only another name pays for the walk.
    """
    return name in _tzdata_zones() or name in _available_timezones()


@cache
def _tzdata_zones() -> frozenset[str]:
    try:
        import tzdata  # type: ignore[import-untyped]  # installed beside Babel and icalendar here
    except ImportError:
        return frozenset()
    try:
        return frozenset((Path(tzdata.__file__).parent / "zones").read_text("utf-8").split())
    except OSError:
        return frozenset()


@cache
def _available_timezones() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


# Names the tests of RULES use, bound into every function compiled from them.
_ENV: dict[str, Any] = {
    "date": dt.date,
    "inf": float("inf"),
    "slug": SLUG.match,
    "time": TIME.match,
    "country": COUNTRY.match,
    "weekdays": WEEKDAYS,
    "known_timezone": known_timezone,
}


def _expr(rule: str, var: str, prefix: str) -> str:
    """The test of a rule as code over `var`, its parameters named `prefix + name`."""
    r = RULES[rule]
    return "(" + r.test.format(v=var, **{p: f"{prefix}{p}" for p in r.params}) + ")"


# --- declarations -----------------------------------------------------------------------------


def field(
    default: Any = dataclasses.MISSING,
    *,
    required: bool = False,
    enum: tuple[str, ...] | None = None,
    item: str = "",
    minimum: Any = None,
    maximum: Any = None,
    max_length: int | None = None,
    max_items: int | None = None,
    ref: str = "",
    on_delete: str = "",
    choices_from: str = "",
    suggest: str = "",
    doc: str = "",
    doc_ru: str = "",
    widget: str = "",
    blank: str = "",
    default_factory: Callable[[], Any] | None = None,
) -> Any:
    """A dataclass field with everything the planner knows about it.

    - `item`: the rule of the text or of each list item: "slug", "time", "day", "country", "timezone".
    - `minimum`, `maximum`: bounds of a number or a date; `max_length`: characters of a text (of
      each item for a list of text); `max_items`: items of a list. Unset, a kind's default applies.
    - `ref`: what the value names: a table of the file ("channels", "audience", "pillars", "goals",
      "campaigns") or a built-in catalog ("platforms", and "smo"/"tactics" for the keys of a
      checklist); `on_delete`: what deleting the referred item does: "remove" it from the list
      (the default for lists), "empty" the field (the default otherwise), "delete" the referring item.
    - `choices_from="platform"`: the value is one of the formats of the item's platform;
      `suggest="content_formats"`: a form suggests the post formats of the strategy's platforms.
    - `doc`, `doc_ru`: what it means, for the JSON Schema and the forms; labels live in
      planner/locales/fields.{en,ru}.toml.
    - `widget`: "long" (sentences), "inline" (a short list on one line), "lines" (one item a line);
      `blank`: what an empty value means ("all channels"), said where the choice is made.

    Every field has a Python default so that a partly invalid file still loads for the TUI;
    `required` is what `validate` insists on.
    """
    if item and item not in ITEM_RULES:
        raise ValueError(f"unknown item rule {item!r}")
    if on_delete and on_delete not in ON_DELETE:
        raise ValueError(f"unknown on_delete {on_delete!r}")
    if widget and widget not in WIDGETS:
        raise ValueError(f"unknown widget {widget!r}")
    meta = {
        "required": required,
        "enum": enum,
        "item": item,
        "minimum": minimum,
        "maximum": maximum,
        "max_length": max_length,
        "max_items": max_items,
        "ref": ref,
        "on_delete": on_delete,
        "choices_from": choices_from,
        "suggest": suggest,
        "doc": doc,
        "doc_ru": doc_ru,
        "widget": widget,
        "blank": blank,
    }
    if default_factory is not None:
        return dataclasses.field(default_factory=default_factory, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def id_field(max_length: int = 100) -> Any:
    return field(
        "",
        required=True,
        item="slug",
        max_length=max_length,
        doc="Unique id within its table: lowercase letters, digits and hyphens.",
        doc_ru="Уникальный идентификатор в своей таблице: строчные латинские буквы, цифры и дефисы.",
    )


def list_field(**kwargs: Any) -> Any:
    return field(default_factory=list, **kwargs)


@dataclasses.dataclass(frozen=True, eq=False)
class FieldInfo:
    """A field's declaration resolved: its kind, its bounds (defaults filled in) and its rules."""

    name: str
    kind: str  # str | int | number | bool | date | list | table | tables | mapping
    inner: Any  # dataclass for table/tables/mapping; item kind for list
    optional: bool
    required: bool
    enum: tuple[str, ...] | None
    item: str
    doc: str
    doc_ru: str
    minimum: Any
    maximum: Any
    max_length: int | None
    max_items: int | None
    ref: str
    on_delete: str
    choices_from: str
    suggest: str
    widget: str
    blank: str
    default: Any
    rules: tuple[str, ...]  # the value's checks, in the order `validate` reports the first failing one
    item_rules: tuple[str, ...]  # each list item's checks

    def doc_in(self, lang: str) -> str:
        return self.doc_ru if lang == "ru" and self.doc_ru else self.doc


SCALARS = ("str", "int", "number", "bool", "date")


_RESOLVED: dict[tuple[str, str], Any] = {}


def _field_types(cls: type) -> dict[str, Any]:
    """`typing.get_type_hints(cls)` for a strategy dataclass, each annotation's text evaluated once.

    The model's annotations are text (`from __future__ import annotations`), and `get_type_hints`
    compiles each of them apart: 141 fields, 23 different texts. A class with bases other than
    `object` takes `get_type_hints` itself (their annotations may come from another module).
    """
    if cls.__mro__[1:] != (object,):
        return typing.get_type_hints(cls)
    namespace = vars(sys.modules[cls.__module__])
    hints: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if isinstance(f.type, str):
            key = (cls.__module__, f.type)
            if key not in _RESOLVED:
                _RESOLVED[key] = eval(f.type, namespace)  # the model's own annotation text
            hints[f.name] = _RESOLVED[key]
        else:
            hints[f.name] = f.type
    return hints


@cache
def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of a strategy dataclass with their kinds, bounds and rules, resolved once per class."""
    hints = _field_types(cls)
    out = []
    for f in dataclasses.fields(cls):
        kind, inner, optional = _kind(hints[f.name])
        m = dict(f.metadata)
        factory = f.default_factory
        default = (
            f.default if f.default is not dataclasses.MISSING else factory() if callable(factory) else None
        )
        value_kind = inner if kind == "list" else kind
        minimum, maximum, max_length = m.get("minimum"), m.get("maximum"), m.get("max_length")
        if value_kind in ("int", "number") and maximum is None:
            maximum = DEFAULT_MAXIMUM
        if value_kind == "date":
            minimum = FIRST_DAY if minimum is None else minimum
            maximum = LAST_DAY if maximum is None else maximum
        if value_kind == "str" and max_length is None and m.get("enum") is None:
            max_length = DEFAULT_ITEM_LENGTH if kind == "list" else DEFAULT_MAX_LENGTH
        max_items = m.get("max_items")
        if kind in ("list", "tables") and max_items is None:
            max_items = DEFAULT_MAX_ITEMS
        rules: tuple[str, ...]
        item_rules: tuple[str, ...]
        value_rules = _value_rules(value_kind, m.get("enum"), m.get("item", ""), minimum, maximum, max_length)
        if kind == "list":
            rules, item_rules = ("list", "max_items"), value_rules
        elif kind == "tables":
            rules, item_rules = ("tables", "max_items"), ()
        elif kind in ("table", "mapping"):
            rules, item_rules = ("table",), ()
        else:
            rules, item_rules = value_rules, ()
        ref = m.get("ref", "")
        on_delete = m.get("on_delete") or (("remove" if kind == "list" else "empty") if ref else "")
        out.append(
            FieldInfo(
                name=f.name,
                kind=kind,
                inner=inner,
                optional=optional,
                required=m.get("required", False),
                enum=m.get("enum"),
                item=m.get("item", ""),
                doc=m.get("doc", ""),
                doc_ru=m.get("doc_ru", ""),
                minimum=minimum,
                maximum=maximum,
                max_length=max_length,
                max_items=max_items,
                ref=ref,
                on_delete=on_delete,
                choices_from=m.get("choices_from", ""),
                suggest=m.get("suggest", ""),
                widget=m.get("widget", ""),
                blank=m.get("blank", ""),
                default=default,
                rules=rules,
                item_rules=item_rules,
            )
        )
    return tuple(out)


def _value_rules(
    kind: str, enum: Any, item: str, minimum: Any, maximum: Any, max_length: int | None
) -> tuple[str, ...]:
    if kind == "str":
        rules = ["text"]
        if max_length is not None:
            rules.append("max_length")  # first: a value of 100,000 characters is never echoed whole
        if enum is not None:
            rules.append("enum")
        if item:
            rules.append(item)
        return tuple(rules)
    if kind == "date":
        return ("date", "earliest", "latest")
    if kind in ("int", "number"):
        rules = ["whole"] if kind == "int" else ["number", "finite"]
        if minimum is not None:
            rules.append("not_negative" if minimum == 0 else "minimum")
        if maximum is not None:
            rules.append("maximum")
        return tuple(rules)
    if kind == "bool":
        return ("bool",)
    return ()


def _kind(tp: Any) -> tuple[str, Any, bool]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 2 and set(args) == {int, float}:
            return "number", None, True
        kind, inner, _ = _kind(args[0])
        return kind, inner, True
    if origin is list:
        (arg,) = typing.get_args(tp)
        if dataclasses.is_dataclass(arg):
            return "tables", arg, False
        return "list", _kind(arg)[0], False
    if origin is dict:
        return "mapping", typing.get_args(tp)[1], False
    if dataclasses.is_dataclass(tp):
        return "table", tp, False
    return {str: "str", int: "int", float: "number", bool: "bool", dt.date: "date"}[tp], None, False


def field_info(cls: type, name: str) -> FieldInfo:
    return next(f for f in fields_of(cls) if f.name == name)


# --- compiled checks --------------------------------------------------------------------------

Check = Callable[[Any], "str | None"]  # the name of the first rule a value fails, or None


def _params(info: FieldInfo, rules: tuple[str, ...]) -> dict[str, Any]:
    return {p: getattr(info, p) for r in rules for p in RULES[r].params}


@cache
def _compiled(rules: tuple[str, ...], params: tuple[tuple[str, Any], ...]) -> Check:
    env = {**_ENV, **{f"p_{name}": value for name, value in params}}
    lines = ["def check(v):"]
    lines += [f"    if not ({_expr(r, 'v', 'p_')}): return {r!r}" for r in rules]
    lines.append("    return None")
    define("\n".join(lines), env)  # the slow path's checks, from the same expressions as the fast path's
    return env["check"]


def _check(info: FieldInfo, rules: tuple[str, ...]) -> Check:
    params = _params(info, rules)
    return _compiled(rules, tuple(sorted(params.items(), key=lambda kv: kv[0])))


class _MessageParts(dict[str, Any]):
    """What a rule's message may say, computed only when it is asked for."""

    def __init__(self, rule: str, info: FieldInfo | None, value: Any, path: str) -> None:
        super().__init__()
        self.rule, self.info, self.value, self.path = rule, info, value, path

    def __missing__(self, key: str) -> Any:
        v, info = self.value, self.info
        if key == "shown":
            return _shown(v)
        if key == "got":
            return _describe(v)
        if key == "date_hint":
            return " (write dates without quotes, like 2026-12-01)" if isinstance(v, str) else ""
        if key in ("length", "count"):
            return len(v)
        if key == "path":
            return self.path
        if key == "weekdays":
            return ", ".join(WEEKDAYS)
        if key == "choices":
            return ", ".join(info.enum or ()) if info else ""
        if key == "suggest":
            options = WEEKDAYS if self.rule == "day" else (info.enum or ()) if info else ()
            return did_you_mean(v, options)
        return getattr(info, key)


def message(rule: str, info: FieldInfo | None, value: Any, path: str = "") -> str:
    """What `validate` says when `value` fails `rule` (a key of RULES)."""
    return RULES[rule].message.format_map(_MessageParts(rule, info, value, path))


# --- loading -------------------------------------------------------------------------------

Report = Callable[[str, str], None]  # (where, message)


def item_label(raw: Any, index: int) -> str:
    """How a list item is named in messages: by its id when it has a valid one, else by index."""
    if isinstance(raw, dict):
        ident = raw.get("id")
        if isinstance(ident, str) and SLUG.match(ident):
            return ident
    return str(index)


@cache
def _is_table() -> Check:
    return _compiled(("table",), ())  # on first use, not at import: the cache folder is known by then


def build(cls: type, raw: Any, where: str, report: Report) -> Any:
    """Turn a raw TOML table into `cls`, reporting every problem and keeping what is valid."""
    if _is_table()(raw) is not None:
        report(where, message("table", None, raw, where))
        return cls()
    infos, names, checks = _layout(cls)
    if not names.issuperset(raw):
        for key in raw:
            if key not in names:
                report(_join(where, key), f"unknown key '{key}'{did_you_mean(key, [f.name for f in infos])}")
    values = {}
    for info, check in zip(infos, checks, strict=True):
        name = info.name
        if name in raw:
            value = raw[name]
            failed = check(value)
            if failed is not None:
                path = _join(where, name)
                report(path, message(failed, info, value, path))
                continue
            if info.kind not in SCALARS:
                value = _convert(info, value, _join(where, name), report)
            values[name] = value
        elif info.required:
            report(_join(where, name), "is required")
    return cls(**values)


@cache
def _layout(cls: type) -> tuple[tuple[FieldInfo, ...], frozenset[str], tuple[Check, ...]]:
    infos = fields_of(cls)
    return infos, frozenset(f.name for f in infos), tuple(_check(f, f.rules) for f in infos)


def _convert(info: FieldInfo, value: Any, path: str, report: Report) -> Any:
    """A list, table or mapping whose own rules passed: its items, each checked."""
    kind = info.kind
    if kind == "tables":
        cls, shapes = info.inner, _shapes(info.inner)
        items = []
        for i, v in enumerate(value):
            item = None
            if shapes is not None and type(v) is dict:  # the quick builder's dispatch, inline for a big table
                built = shapes.get(tuple(v), _INVALID)
                if built is _INVALID:
                    built = _new_shape(cls, v)
                if built is not None:
                    item = built(v)  # type: ignore[operator]
            items.append(item if item is not None else build(cls, v, f"{path}[{item_label(v, i)}]", report))
        return items
    if kind == "table":
        return build(info.inner, value, path, report)
    if kind == "mapping":
        return {k: build(info.inner, v, _join(path, k), report) for k, v in value.items()}
    # a list of values: a wrong item is reported and left out, the others kept
    check = _check(info, info.item_rules)
    items = []
    for i, v in enumerate(value):
        failed = check(v)
        if failed is None:
            items.append(v)
        else:
            report(f"{path}[{i}]", message(failed, info, v, f"{path}[{i}]"))
    return items


_MAX_SHAPES = 64  # key sets a table's rows come in; rows of further shapes take `build`


@cache
def _quick_builder(cls: type) -> Callable[[Any], Any] | None:
    """For the rows of a big table (posts): a function giving the row as `cls` when every key of
    the raw row is a field and every value passes its rules as it is, else None, and `build`
    then takes the full path and reports. It is what `build` does for a valid row, written out
    field by field from the same RULES (as `dataclasses` writes `__init__`), once per set of keys
    the rows come in (`_shape_builder`): a plan's posts come in a handful, and a row of a known
    shape reads no absent key. ~2 µs a post with its results, instead of ~10 µs through `build`.

    None when a field is of a kind it does not cover (lists of tables, mappings): those rows take `build`.
    """
    shapes = _shapes(cls)
    if shapes is None:
        return None

    def quick(raw: Any) -> Any:
        if type(raw) is not dict:
            return None
        built = shapes.get(tuple(raw), _INVALID)
        if built is _INVALID:
            built = _new_shape(cls, raw)
        return built(raw) if built is not None else None  # type: ignore[operator]

    return quick


Shape = Callable[[dict[str, Any]], Any]


@cache
def _shapes(cls: type) -> dict[tuple[str, ...], Shape | None] | None:
    """The builders of `cls` by the keys of the rows, filled as rows come; None: not covered."""
    infos = fields_of(cls)
    if any(f.kind in ("tables", "mapping") for f in infos):
        return None
    if any(f.kind == "table" and _shapes(f.inner) is None for f in infos):
        return None
    return {}


def _new_shape(cls: type, raw: dict[str, Any]) -> Shape | None:
    shapes = _shapes(cls)
    assert shapes is not None
    keys = tuple(raw)
    if len(shapes) >= _MAX_SHAPES:
        return None  # a file of many shapes: the rest take `build`
    built = shapes[keys] = _shape_builder(cls, keys)
    return built


def _shape_builder(cls: type, keys: tuple[str, ...]) -> Callable[[dict[str, Any]], Any] | None:
    """The quick builder of `cls` for rows with exactly these keys; None: such rows have a problem
    (an unknown key, a required field missing) and `build` says which."""
    infos = fields_of(cls)
    names = {f.name for f in infos}
    if not names.issuperset(keys) or any(f.required and f.name not in keys for f in infos):
        return None
    declared = {f.name: f for f in dataclasses.fields(cls)}
    env: dict[str, Any] = {
        **_ENV,
        "cls": cls,
        "new": object.__new__,
        "NEW": _INVALID,
        "new_shape": _new_shape,
    }
    lines = ["def build(raw):"]
    values: list[tuple[str, str]] = []  # (field, the code of its value)
    for n, f in enumerate(infos):
        v = f"v{n}"
        if f.name not in keys:
            factory = declared[f.name].default_factory
            if factory is list:
                values.append((f.name, "[]"))
            elif factory is not dataclasses.MISSING:
                env[f"factory{n}"] = factory
                values.append((f.name, f"factory{n}()"))
            else:
                env[f"default{n}"] = f.default
                values.append((f.name, f"default{n}"))
            continue
        for name, value in {**_params(f, f.rules), **_params(f, f.item_rules)}.items():
            env[f"p{n}_{name}"] = value
        tests = [_expr(r, v, f"p{n}_") for r in f.rules]
        if f.kind == "list":
            item_tests = " and ".join(_expr(r, f"x{n}", f"p{n}_") for r in f.item_rules)
            tests.append(f"all({item_tests} for x{n} in {v})")
        lines.append(f"    {v} = raw[{f.name!r}]")
        lines.append(f"    if not ({' and '.join(tests)}):")
        lines.append("        return None")
        if f.kind == "table":  # the nested row by its own shape, as `quick` would, without the call
            env[f"shapes{n}"], env[f"cls{n}"] = _shapes(f.inner), f.inner
            lines.append(f"    b{n} = shapes{n}.get(tuple({v}), NEW)")
            lines.append(f"    if b{n} is NEW:")
            lines.append(f"        b{n} = new_shape(cls{n}, {v})")
            lines.append(f"    if b{n} is None or ({v} := b{n}({v})) is None:")
            lines.append("        return None")
        values.append((f.name, v))
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        lines.append(f"    return cls({', '.join(f'{name}={value}' for name, value in values)})")
    else:
        # The fields set one by one in their order, as the generated `__init__` sets them: the
        # instances then share one table of keys (PEP 412), smaller and faster than a dict each.
        lines.append("    built = new(cls)")
        lines += [f"    built.{name} = {value}" for name, value in values]
        lines.append("    return built")
    define("\n".join(lines), env)  # the code written above from the field declarations and RULES
    return env["build"]


_INVALID = object()


def _shown(v: Any) -> str:
    """A value as a message quotes it: long text and huge numbers are cut, never echoed whole."""
    if isinstance(v, str):
        return v if len(v) <= 60 else v[:59] + "…"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        text = str(v)
        return text if len(text) <= 24 else f"a number of {len(text.lstrip('-')):,} digits"
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _describe(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f"text '{v}'" if len(v) < 40 else "text"
    if isinstance(v, dt.datetime):
        return f"date and time {v.isoformat()}"
    if isinstance(v, dt.date):
        return f"date {v.isoformat()}"
    if isinstance(v, dt.time):
        return f'time {v.isoformat()} (write times as quoted text, like "10:00")'
    if isinstance(v, (int, float)):
        return f"number {_shown(v)}"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "a table"
    return type(v).__name__


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


# --- saving --------------------------------------------------------------------------------


def to_raw(obj: Any) -> dict[str, Any]:
    """The TOML table for a dataclass: fields in declaration order, empty defaults left out."""
    out: dict[str, Any] = {}
    cls: type = type(obj)
    for info in fields_of(cls):
        value = getattr(obj, info.name)
        # An empty default ("", [], 0, absent) is left out; a meaningful one (status "planned",
        # language "en") is written, so the file shows what a person may want to change.
        if not info.required and value == info.default and (info.kind == "table" or not info.default):
            continue
        if info.kind == "table":
            out[info.name] = to_raw(value)
        elif info.kind == "tables":
            out[info.name] = [to_raw(v) for v in value]
        elif info.kind == "mapping":
            out[info.name] = {k: to_raw(v) for k, v in value.items()}
        elif info.kind == "list":
            out[info.name] = list(value)
        else:
            out[info.name] = value
    return out


# --- labels ----------------------------------------------------------------------------------


def section_of(cls: type) -> str:
    """The labels' section of a dataclass: its name in snake case (`StrategyInfo` -> strategy_info)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


@cache
def labels(lang: str) -> dict[str, dict[str, str]]:
    """Field labels of a language by section and field (planner/locales/fields.<lang>.toml)."""
    import rtoml

    path = Path(__file__).parent / "locales" / f"fields.{lang}.toml"
    return rtoml.loads(path.read_text("utf-8"))["fields"]


def label(cls: type, name: str, lang: str = "en") -> str:
    """How a form or a message names a field, in a language."""
    found = labels(lang).get(section_of(cls), {}).get(name)
    return found or name.replace("_", " ").capitalize()


# --- JSON Schema ---------------------------------------------------------------------------

Catalog = Callable[[str], "tuple[str, ...] | None"]  # the ids of a built-in catalog a `ref` names


def json_schema(cls: type, *, catalog: Catalog | None = None) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for a dataclass, from the same field declarations."""
    ids = catalog or (lambda ref: None)
    props: dict[str, Any] = {}
    required = []
    for info in fields_of(cls):
        s = _schema_of(info, ids)
        if info.doc:
            s["description"] = info.doc
        props[info.name] = s
        if info.required:
            required.append(info.name)
    schema: dict[str, Any] = {"type": "object"}
    if cls.__doc__:
        schema["description"] = cls.__doc__.strip().split("\n")[0]
    schema.update(properties=props, additionalProperties=False)
    if required:
        schema["required"] = required
    return schema


def _schema_of(info: FieldInfo, ids: Catalog) -> dict[str, Any]:
    if info.kind == "table":
        return json_schema(info.inner, catalog=ids)
    if info.kind == "mapping":
        keys = ids(info.ref) if info.ref else None
        item = json_schema(info.inner, catalog=ids)
        if keys:
            return {"type": "object", "properties": {k: item for k in keys}, "additionalProperties": False}
        return {"type": "object", "additionalProperties": item}
    s = _rules_schema(info, info.rules)
    if info.kind == "tables":
        s["items"] = json_schema(info.inner, catalog=ids)
    elif info.kind == "list":
        s["items"] = _rules_schema(info, info.item_rules)
    target = s["items"] if info.kind == "list" else s
    known = ids(info.ref) if info.ref else None
    if known is not None:
        target["enum"] = list(known)
    return s


def _rules_schema(info: FieldInfo, rules: tuple[str, ...]) -> dict[str, Any]:
    s: dict[str, Any] = {}
    for name in rules:
        for keyword, value in RULES[name].schema:
            s[keyword] = _schema_value(info, value)
    return s


def _schema_value(info: FieldInfo, value: Any) -> Any:
    if not (isinstance(value, str) and value.startswith("{") and value.endswith("}")):
        return value
    name = value[1:-1]
    if name == "weekdays":
        return list(WEEKDAYS)
    if name == "timezones":
        return ["", *sorted(_available_timezones())]
    found = getattr(info, name)
    return list(found) if isinstance(found, tuple) else found
