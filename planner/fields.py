"""Typed fields for the strategy dataclasses: one declaration drives loading, saving and the JSON Schema.

We convert and check the raw TOML ourselves instead of using pydantic or msgspec: it reports
every problem in one pass with marketer-readable paths (`channels[vk-main].days`), suggests the
key a typo meant, and costs no import time (see tests/bench/RESULTS.md for the measurements).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from planner.errors import did_you_mean

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]\Z")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def field(
    default: Any = dataclasses.MISSING,
    *,
    required: bool = False,
    enum: tuple[str, ...] | None = None,
    item: str = "",
    doc: str = "",
    minimum: float | None = None,
    default_factory: Callable[[], Any] | None = None,
) -> Any:
    """A dataclass field with the checks loading applies to it.

    `item` names a string rule for the field or its list items: "slug", "time" or "day".
    Every field has a Python default so that a partly invalid file still loads for the TUI;
    `required` is what `validate` insists on.
    """
    meta = {"required": required, "enum": enum, "item": item, "doc": doc, "minimum": minimum}
    if default_factory is not None:
        return dataclasses.field(default_factory=default_factory, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def id_field(doc: str = "Unique id within its table: lowercase letters, digits and hyphens.") -> Any:
    return field("", required=True, item="slug", doc=doc)


def list_field(item: str = "", doc: str = "") -> Any:
    return field(default_factory=list, item=item, doc=doc)


@dataclasses.dataclass(frozen=True)
class FieldInfo:
    name: str
    kind: str  # str | int | number | bool | date | list | table | tables | mapping
    inner: Any  # dataclass for table/tables/mapping; item kind for list
    optional: bool
    required: bool
    enum: tuple[str, ...] | None
    item: str
    doc: str
    minimum: float | None
    default: Any


@cache
def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of a strategy dataclass with their kinds, resolved once per class."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        kind, inner, optional = _kind(hints[f.name])
        m = f.metadata
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
        out.append(
            FieldInfo(
                f.name,
                kind,
                inner,
                optional,
                m.get("required", False),
                m.get("enum"),
                m.get("item", ""),
                m.get("doc", ""),
                m.get("minimum"),
                default,
            )
        )
    return tuple(out)


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


# --- loading -------------------------------------------------------------------------------

Report = Callable[[str, str], None]  # (where, message)


def item_label(raw: Any, index: int) -> str:
    """How a list item is named in messages: by its id when it has a valid one, else by index."""
    if isinstance(raw, dict):
        ident = raw.get("id")
        if isinstance(ident, str) and SLUG.match(ident):
            return ident
    return str(index)


def build(cls: type, raw: Any, where: str, report: Report) -> Any:
    """Turn a raw TOML table into `cls`, reporting every problem and keeping what is valid."""
    if not isinstance(raw, dict):
        report(where, f"expected a table, got {_describe(raw)}")
        return cls()
    infos, names, plain = _layout(cls)
    if not names.issuperset(raw):
        for key in raw:
            if key not in names:
                report(_join(where, key), f"unknown key '{key}'{did_you_mean(key, [f.name for f in infos])}")
    values = {}
    for info in infos:
        name = info.name
        if name in raw:
            value = raw[name]
            if plain.get(name) is type(value):  # free text or a date: nothing to check, no call
                values[name] = value
                continue
            value = _convert(info, value, where, report)
            if value is not _INVALID:
                values[name] = value
        elif info.required:
            report(_join(where, name), "is required")
    return cls(**values)


@cache
def _layout(cls: type) -> tuple[tuple[FieldInfo, ...], frozenset[str], dict[str, type]]:
    infos = fields_of(cls)
    plain = {f.name: str for f in infos if f.kind == "str" and f.enum is None and not f.item}
    plain.update({f.name: dt.date for f in infos if f.kind == "date"})
    return infos, frozenset(f.name for f in infos), plain


_INVALID = object()


@cache
def _quick_builder(cls: type) -> Callable[[Any], Any] | None:
    """For the rows of a big table (posts): a function giving `cls(**raw)` when every key of `raw`
    is a field and every value passes its checks as it is, else None, and `build` then takes the
    full path and reports. It is what `build` does for a valid row, written out field by field
    (as `dataclasses` writes `__init__`): ~5 µs a post in the loop, ~1.5 µs here.

    None when a field is of a kind it does not cover (lists, mappings): those rows take `build`.
    """
    infos, names, _ = _layout(cls)
    env: dict[str, Any] = {"cls": cls, "names": names, "MISSING": _INVALID, "date": dt.date}
    env.update(slug=SLUG.match, time=TIME.match, weekdays=WEEKDAYS, inf=float("inf"))
    lines = [
        "def quick(raw):",
        "    if type(raw) is not dict or not names.issuperset(raw):",
        "        return None",
    ]
    lines.append("    kw = {}")
    for n, f in enumerate(infos):
        v = f"v{n}"
        tests = []
        if f.kind == "str":
            tests.append(f"type({v}) is str")
            if f.enum is not None:
                env[f"enum{n}"] = f.enum
                tests.append(f"{v} in enum{n}")
            if f.item == "slug":
                tests.append(f"slug({v})")
            elif f.item == "time":
                tests.append(f"time({v})")
            elif f.item == "day":
                tests.append(f"{v} in weekdays")
            elif f.item:
                return None
        elif f.kind == "int":
            tests.append(f"type({v}) is int")
        elif f.kind == "number":
            tests.append(
                f"(type({v}) is int or (type({v}) is float and {v} == {v} and {v} not in (inf, -inf)))"
            )
        elif f.kind == "date":
            tests.append(f"type({v}) is date")
        elif f.kind == "bool":
            tests.append(f"type({v}) is bool")
        elif f.kind == "table":
            inner = _quick_builder(f.inner)
            if inner is None:
                return None
            env[f"inner{n}"] = inner
            tests.append(f"({v} := inner{n}({v})) is not None")
        else:
            return None
        if f.minimum is not None:
            env[f"min{n}"] = f.minimum
            tests.append(f"not {v} < min{n}")
        lines.append(f"    {v} = raw.get({f.name!r}, MISSING)")
        lines.append(f"    if {v} is not MISSING:")
        lines.append(f"        if not ({' and '.join(tests)}):")
        lines.append("            return None")
        lines.append(f"        kw[{f.name!r}] = {v}")
        if f.required:
            lines.append("    else:")
            lines.append("        return None")
    lines.append("    return cls(**kw)")
    exec("\n".join(lines), env)  # the code written above from the field declarations
    return env["quick"]


def _convert(info: FieldInfo, value: Any, where: str, report: Report) -> Any:
    kind = info.kind
    # The common case first, without building a path: a big plan is thousands of plain values.
    vtype = type(value)
    if kind == "str" and vtype is str:
        # A valid id, time, weekday or enumerated value also passes without a path (the checks of
        # `_scalar`, in its order); anything else takes the full path, which reports it.
        enum, rule = info.enum, info.item
        if (enum is None or value in enum) and (
            not rule
            or (rule == "slug" and SLUG.match(value))
            or (rule == "time" and TIME.match(value))
            or (rule == "day" and value in WEEKDAYS)
        ):
            return value
    if kind == "date" and vtype is dt.date:
        return value
    if kind in ("int", "number") and vtype is int and (info.minimum is None or value >= info.minimum):
        return value
    path = _join(where, info.name)
    if kind == "tables":
        if not isinstance(value, list):
            report(path, f"expected a list of tables ([[{path}]]), got {_describe(value)}")
            return _INVALID
        quick = _quick_builder(info.inner)
        items = []
        for i, v in enumerate(value):
            item = quick(v) if quick is not None else None
            items.append(
                item if item is not None else build(info.inner, v, f"{path}[{item_label(v, i)}]", report)
            )
        return items
    if kind == "table":
        return build(info.inner, value, path, report)
    if kind == "mapping":
        if not isinstance(value, dict):
            report(path, f"expected a table, got {_describe(value)}")
            return _INVALID
        return {k: build(info.inner, v, _join(path, k), report) for k, v in value.items()}
    if kind == "list":
        if not isinstance(value, list):
            report(path, f"expected a list, got {_describe(value)}")
            return _INVALID
        items = []
        for i, v in enumerate(value):
            ok = _scalar(info.inner, info.item, None, v, f"{path}[{i}]", report)
            if ok is not _INVALID:
                items.append(ok)
        return items
    converted = _scalar(kind, info.item, info.enum, value, path, report)
    if converted is not _INVALID and info.minimum is not None and converted < info.minimum:
        report(path, f"must not be negative, got {converted}")
        return _INVALID
    return converted


def _scalar(kind: str, rule: str, enum: tuple[str, ...] | None, v: Any, path: str, report: Report) -> Any:
    if kind == "str":
        if not isinstance(v, str):
            report(path, f"expected text, got {_describe(v)}")
            return _INVALID
        if enum is not None and v not in enum:
            report(path, f"'{v}' is not one of {', '.join(enum)}{did_you_mean(v, enum)}")
            return _INVALID
        if rule == "slug" and not SLUG.match(v):
            report(path, f"'{v}' is not a valid id: use lowercase letters, digits and hyphens")
            return _INVALID
        if rule == "time" and not TIME.match(v):
            report(path, f"'{v}' is not a time: use HH:MM, 24-hour, like \"09:30\"")
            return _INVALID
        if rule == "day" and v not in WEEKDAYS:
            report(path, f"'{v}' is not a weekday: use {', '.join(WEEKDAYS)}{did_you_mean(v, WEEKDAYS)}")
            return _INVALID
        return v
    if kind == "int":
        if isinstance(v, bool) or not isinstance(v, int):
            report(path, f"expected a whole number, got {_describe(v)}")
            return _INVALID
        return v
    if kind == "number":
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            report(path, f"expected a number, got {_describe(v)}")
            return _INVALID
        if v != v or v in (float("inf"), float("-inf")):
            report(path, "expected a finite number")
            return _INVALID
        return v
    if kind == "date":
        if isinstance(v, dt.datetime) or not isinstance(v, dt.date):
            hint = " (write dates without quotes, like 2026-12-01)" if isinstance(v, str) else ""
            report(path, f"expected a date, got {_describe(v)}{hint}")
            return _INVALID
        return v
    if kind == "bool":
        if not isinstance(v, bool):
            report(path, f"expected true or false, got {_describe(v)}")
            return _INVALID
        return v
    raise AssertionError(kind)


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
        return f"number {v}"
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
    for info in fields_of(type(obj)):
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


# --- JSON Schema ---------------------------------------------------------------------------


def json_schema(cls: type, *, mapping_keys: dict[str, tuple[str, ...]] | None = None) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for a dataclass, from the same field declarations."""
    props: dict[str, Any] = {}
    required = []
    for info in fields_of(cls):
        s = _schema_of(info, mapping_keys or {})
        if info.doc:
            s["description"] = info.doc
        props[info.name] = s
        if info.required:
            required.append(info.name)
    schema: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _schema_of(info: FieldInfo, mapping_keys: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    if info.kind == "table":
        return json_schema(info.inner, mapping_keys=mapping_keys)
    if info.kind == "tables":
        return {"type": "array", "items": json_schema(info.inner, mapping_keys=mapping_keys)}
    if info.kind == "mapping":
        keys = mapping_keys.get(info.name)
        item = json_schema(info.inner, mapping_keys=mapping_keys)
        if keys:
            return {"type": "object", "properties": {k: item for k in keys}, "additionalProperties": False}
        return {"type": "object", "additionalProperties": item}
    if info.kind == "list":
        return {"type": "array", "items": _scalar_schema(info.inner, info.item, None, None)}
    return _scalar_schema(info.kind, info.item, info.enum, info.minimum)


def _scalar_schema(
    kind: str, rule: str, enum: tuple[str, ...] | None, minimum: float | None
) -> dict[str, Any]:
    s: dict[str, Any]
    if kind == "str":
        s = {"type": "string"}
        if enum:
            s["enum"] = list(enum)
        elif rule == "slug":
            s["pattern"] = "^[a-z0-9][a-z0-9-]*$"
        elif rule == "time":
            s["pattern"] = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
        elif rule == "day":
            s["enum"] = list(WEEKDAYS)
    elif kind == "int":
        s = {"type": "integer"}
    elif kind == "number":
        s = {"type": "number"}
    elif kind == "bool":
        s = {"type": "boolean"}
    else:  # date: TOML local date; JSON tools see it as an ISO string
        s = {"type": "string", "format": "date"}
    if minimum is not None:
        s["minimum"] = minimum
    return s
