"""Saving a hand-written strategy file without losing its comments: only what changed is edited.

The canonical writer (`storage.dumps`) lays every file out the same way and writes no comments.
For a file with comments we parse the person's own text with tomlkit (which keeps comments,
blank lines and key order), apply the differences between the data it holds and the data to
save (keys added, removed and changed; tables; arrays of tables matched by `id`, so posts added,
removed, moved or changed), and dump it: a git diff of the save shows only what changed. New
parts are written exactly as the canonical writer writes them. The result is parsed again and
must equal the data to save, else `TomlEditError` (the caller then writes the canonical text).

tomlkit is slow (about a second for a 2,000-post file), so it is used only for files with comments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, MutableMapping
from typing import Any

import tomlkit
import tomlkit.exceptions
import tomlkit.items as items
from tomlkit.container import Container, OutOfOrderTableProxy

from planner import storage


class TomlEditError(Exception):
    """The file could not be edited in place (tomlkit failed, or the result would differ)."""


Tabular = Container | items.Table | items.InlineTable | OutOfOrderTableProxy | MutableMapping[str, Any]


def update(text: str, new: dict[str, Any], *, multiline: bool = True) -> str:
    """`text` (a TOML document) changed so that it holds exactly `new`, comments and layout kept."""
    import rtoml

    try:
        doc = tomlkit.parse(text)
        _Editor(multiline).merge_table(doc, new)
        result = tomlkit.dumps(doc)
    except (tomlkit.exceptions.TOMLKitError, ValueError, TypeError, KeyError) as e:
        raise TomlEditError(f"tomlkit could not edit the file: {e}") from None
    try:
        same = _same(rtoml.loads(result), new)
    except rtoml.TomlParsingError:
        same = False
    if not same:
        raise TomlEditError("editing the file in place would not give the data to save")
    return result


class _Editor:
    def __init__(self, multiline: bool) -> None:
        self.multiline = multiline

    # --- tables -------------------------------------------------------------------------------

    def merge_table(self, table: Tabular, new: dict[str, Any]) -> None:
        for key in [k for k in table if k not in new]:
            del table[key]
        for key, value in new.items():
            if key not in table:
                table[key] = self.fresh(key, value, new)
                continue
            old = table[key]
            if _same(_unwrap(old), value):
                continue
            if isinstance(value, dict) and isinstance(old, MutableMapping):
                self.merge_table(old, value)
            elif _is_table_list(value) and isinstance(old, items.AoT):
                table[key] = self.merge_tables(key, old, value)
            else:
                table[key] = self.fresh(key, value, new)

    # --- arrays of tables (posts, channels, ...) ------------------------------------------------

    def merge_tables(self, key: str, old: items.AoT, new: list[dict[str, Any]]) -> items.AoT:
        tables = list(old.body)
        if _unchanged_order(tables, new):  # values changed only: edit each table where it is
            for table, value in zip(tables, new, strict=True):
                if not _same(table.unwrap(), value):
                    self.merge_table(table, value)
            return old
        before = [_detach_trailing_block(t) for t in tables]
        # The comments and blank lines after a table, before the next header, belong to the next
        # one ("# the winter giveaway" above [[campaigns]]): they move and go with it.
        for table, block in zip(tables[1:], before[:-1], strict=True):
            table.trivia.indent = _as_text(block) + table.trivia.indent
        tail = before[-1] if before else []
        matched = _match(tables, new)
        result: list[items.Table] = []
        for i, value in enumerate(new):
            found = matched.get(i)
            table = self.fresh_table(value) if found is None else found
            if found is not None and not _same(table.unwrap(), value):
                self.merge_table(table, value)
            if result and not _ends_with_blank(result[-1]) and not table.trivia.indent.startswith("\n"):
                table.trivia.indent = "\n" + table.trivia.indent
            result.append(table)
        if result:
            _tail_container(result[-1]).body.extend(tail)
        return items.AoT(result, name=key, parsed=True)

    # --- new values, written as the canonical writer writes them ----------------------------------

    def fresh(self, key: str, value: Any, parent: dict[str, Any]) -> Any:
        import tomli_w

        if isinstance(value, bool | int | float | dt.date | dt.datetime | dt.time):
            return tomlkit.item(value)
        if isinstance(value, dict):
            if parent and all(isinstance(v, dict) for v in parent.values()):  # [smo] entries: inline
                line = f"v = {storage._inline_table(value, tomli_w.dumps)}\n"
                return tomlkit.parse(line)["v"]
            text = "\n".join(storage._table_chunks("[v]", "v", value, self.multiline, tomli_w.dumps))
            return tomlkit.parse(text)["v"]
        if _is_table_list(value):
            tables = [self.fresh_table(v) for v in value]
            for table in tables[1:]:
                table.trivia.indent = "\n" + table.trivia.indent  # a blank line between, as dumps() does
            return items.AoT(tables, name=key, parsed=True)
        line = storage._key_values({"v": value}, self.multiline, tomli_w.dumps)
        return tomlkit.parse(line)["v"]

    def fresh_table(self, value: dict[str, Any]) -> items.Table:
        import tomli_w

        text = "\n".join(storage._table_chunks("[[v]]", "v", value, self.multiline, tomli_w.dumps))
        table: items.Table = tomlkit.parse(text)["v"][0]
        return table


def _match(tables: list[items.Table], new: list[dict[str, Any]]) -> dict[int, items.Table]:
    """Which old table each new item continues: by `id` where every item has a unique one, else by place."""
    old_ids = [t.get("id") for t in tables]
    new_ids = [v.get("id") for v in new]
    by_id = all(isinstance(i, str) for i in old_ids + new_ids) and len(set(old_ids)) == len(old_ids)
    if by_id and len(set(new_ids)) == len(new_ids):
        index = {str(i): t for i, t in zip(old_ids, tables, strict=True)}
        return {n: index[i] for n, i in enumerate(new_ids) if i in index}
    return dict(enumerate(tables[: len(new)]))


def _unchanged_order(tables: list[items.Table], new: list[dict[str, Any]]) -> bool:
    if len(tables) != len(new):
        return False
    matched = _match(tables, new)
    return all(matched.get(i) is t for i, t in enumerate(tables))


def _tail_container(table: items.Table) -> Container:
    """The container whose end is the end of the table's text (its last sub-table's, if any)."""
    container = table.value
    while container.body:
        key, last = container.body[-1]
        if isinstance(last, items.Table) and key is not None:
            container = last.value
        elif isinstance(last, items.AoT) and key is not None and last.body:
            container = last.body[-1].value
        else:
            break
    return container


def _detach_trailing_block(table: items.Table) -> list[tuple[None, Any]]:
    """Remove and return what follows a table's last value after a blank line: comments about
    what comes next. A comment right under the last value (no blank line) stays: it is about it."""
    body = _tail_container(table).body
    end = len(body)
    start = end
    while (
        start > 0
        and body[start - 1][0] is None
        and isinstance(body[start - 1][1], items.Comment | items.Whitespace)
    ):
        start -= 1
    while start < end and not isinstance(body[start][1], items.Whitespace):
        start += 1  # comments directly under the last value
    block = body[start:end]
    del body[start:end]
    return block  # type: ignore[return-value]


def _ends_with_blank(table: items.Table) -> bool:
    body = _tail_container(table).body
    return bool(body) and isinstance(body[-1][1], items.Whitespace)


def _as_text(block: list[tuple[None, Any]]) -> str:
    return "".join(item.as_string() for _, item in block)


def _is_table_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _unwrap(value: Any) -> Any:
    unwrap: Callable[[], Any] | None = getattr(value, "unwrap", None)
    return unwrap() if unwrap is not None else value


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same TOML types (1, 1.0 and true are three different values)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if _toml_type(a) is not _toml_type(b):
        return False
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a == b and (a.tzinfo is None) == (b.tzinfo is None)
    return bool(a == b)


def _toml_type(value: Any) -> type:
    for kind in (bool, int, float, str, dt.datetime, dt.date, dt.time):
        if isinstance(value, kind):
            return kind
    return type(value)
