"""The canonical layout of a strategy file's TOML: how `storage.dumps` writes every table, and
how `toml_edit` writes the parts it adds to a person's file, so both look the same."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def table_chunks(header: str, name: str, table: dict[str, Any], multiline: bool, toml: Any) -> Iterator[str]:
    """TOML text of a table, one chunk per (sub)table, in a layout that stays the same as lists grow.

    tomli-w alone writes a short list of tables inline (`posts = [{...}]`) and switches to
    `[[posts]]` once one item is long; we always write `[[posts]]`, and checklist entries
    (`[smo]`) always inline, so a diff shows the change and nothing else.
    """
    plain = {k: v for k, v in table.items() if not isinstance(v, (dict, list)) or _is_value_list(v)}
    if plain or header:
        yield (f"{header}\n" if header else "") + key_values(plain, multiline, toml)
    for key, value in table.items():
        if key in plain:
            continue
        path = f"{name}.{key}" if name else key
        if isinstance(value, list):
            for item in value:
                yield from table_chunks(f"[[{path}]]", path, item, multiline, toml)
        elif value and all(isinstance(v, dict) for v in value.values()):
            lines = [f"{k} = {inline_table(v, toml)}" for k, v in value.items()]
            yield f"[{path}]\n" + "\n".join(lines) + "\n"
        else:
            yield from table_chunks(f"[{path}]", path, value, multiline, toml)


def key_values(plain: dict[str, Any], multiline: bool, toml: Any) -> str:
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


def inline_table(table: dict[str, Any], toml: Any) -> str:
    # One line per entry: strings are written escaped, never as multi-line strings.
    fields = (f"{k} = {_inline_value(v, toml)}" for k, v in table.items())
    return "{ " + ", ".join(fields) + " }" if table else "{}"


def has_carriage_return(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(has_carriage_return(v) for v in value.values())
    if isinstance(value, list):
        return any(has_carriage_return(v) for v in value)
    return False
