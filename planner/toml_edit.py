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

from planner import toml_layout


class TomlEditError(Exception):
    """The file could not be edited in place (tomlkit failed, or the result would differ)."""


Tabular = Container | items.Table | items.InlineTable | OutOfOrderTableProxy | MutableMapping[str, Any]


def update(
    text: str,
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    multiline: bool = True,
    loads_back: Callable[[str], bool] | None = None,
) -> str:
    """`text` (a TOML document holding `old`) changed so that it holds `new`, comments and layout kept.

    Only the differences between `old` and `new` are applied: a key the file leaves out because
    its default applies stays out while it does not change. `loads_back` says whether a result
    reads back as the data to save (default: parsed, it must equal `new` exactly).
    """
    import rtoml

    try:
        doc = tomlkit.parse(text)
        _Editor(multiline).merge_table(doc, old, new)
        result = tomlkit.dumps(doc)
    except Exception as e:  # whatever tomlkit trips on, the save goes on with the canonical text
        raise TomlEditError(f"tomlkit could not edit the file: {type(e).__name__}: {e}") from None
    try:
        same = loads_back(result) if loads_back is not None else _same(rtoml.loads(result), new)
    except rtoml.TomlParsingError:
        same = False
    if not same:
        raise TomlEditError("editing the file in place would not give the data to save")
    return result


class _Editor:
    def __init__(self, multiline: bool) -> None:
        self.multiline = multiline

    # --- tables -------------------------------------------------------------------------------

    def merge_table(self, table: Tabular, old: dict[str, Any], new: dict[str, Any]) -> None:
        for key in [k for k in table if k in old and k not in new]:
            _delete_keeping_comments(table, key)
        for key, value in new.items():
            before = old.get(key)
            if key in old and _same(before, value):
                continue  # unchanged: the person's text stays, even where it leaves a default out
            if key not in table:
                fresh = self.fresh(key, value, new)
                if not _insert_after_last_value(table, key, fresh):
                    table[key] = fresh
                continue
            current = table[key]
            if isinstance(value, dict) and isinstance(current, MutableMapping):
                self.merge_table(current, before if isinstance(before, dict) else {}, value)
            elif _is_table_list(value) and isinstance(current, items.AoT):
                table[key] = self.merge_tables(
                    key, current, before if isinstance(before, list) else [], value
                )
            else:
                table[key] = self.fresh(key, value, new)

    # --- arrays of tables (posts, channels, ...) ------------------------------------------------

    def merge_tables(
        self, key: str, aot: items.AoT, old: list[dict[str, Any]], new: list[dict[str, Any]]
    ) -> items.AoT:
        tables = list(aot.body)
        if len(tables) != len(old):
            raise TomlEditError(f"{key}: the file's tables do not line up with its data")
        matched = _match(old, new)
        if len(old) == len(new) and all(matched.get(i) == i for i in range(len(new))):
            for table, before, value in zip(tables, old, new, strict=True):
                if not _same(before, value):  # values changed only: each table is edited where it is
                    self.merge_table(table, before, value)
            return aot
        blocks = [_detach_trailing_block(t) for t in tables]
        # The comments and blank lines after a table, before the next header, belong to the next
        # one ("# the winter giveaway" above [[campaigns]]): they move and go with it.
        for table, block in zip(tables[1:], blocks[:-1], strict=True):
            table.trivia.indent = _as_text(block) + table.trivia.indent
        # A removed table's comments are still the person's: they go to the table that followed it.
        carried = ""
        kept = set(matched.values())
        for j, table in enumerate(tables):
            if j not in kept:
                carried += _comments_of(table)
            elif carried:
                table.trivia.indent = carried + table.trivia.indent
                carried = ""
        if carried and blocks:
            blocks[-1] = [*_comment_items(carried), *blocks[-1]]
        added = iter(self.fresh_tables([v for i, v in enumerate(new) if i not in matched]))
        result: list[items.Table] = []
        for i, value in enumerate(new):
            continues = matched.get(i)
            if continues is None:
                table = next(added)
            else:
                table = tables[continues]
                if not _same(old[continues], value):
                    self.merge_table(table, old[continues], value)
            if result and not _ends_with_blank(result[-1]) and not table.trivia.indent.startswith("\n"):
                table.trivia.indent = "\n" + table.trivia.indent
            result.append(table)
        if result and blocks:
            _tail_container(result[-1]).body.extend(blocks[-1])
        return items.AoT(result, name=key, parsed=True)

    # --- new values, written as the canonical writer writes them ----------------------------------

    def fresh(self, key: str, value: Any, parent: dict[str, Any]) -> Any:
        import tomli_w

        if isinstance(value, bool | int | float | dt.date | dt.datetime | dt.time):
            return tomlkit.item(value)
        if isinstance(value, dict):
            if parent and all(isinstance(v, dict) for v in parent.values()):  # [smo] entries: inline
                line = f"v = {toml_layout.inline_table(value, tomli_w.dumps)}\n"
                return tomlkit.parse(line)["v"]
            text = "\n".join(toml_layout.table_chunks("[v]", "v", value, self.multiline, tomli_w.dumps))
            return tomlkit.parse(text)["v"]
        if _is_table_list(value):
            return items.AoT(self.fresh_tables(value), name=key, parsed=True)
        line = toml_layout.key_values({"v": value}, self.multiline, tomli_w.dumps)
        return tomlkit.parse(line)["v"]

    def fresh_tables(self, values: list[dict[str, Any]]) -> list[items.Table]:
        """New tables of an array, as the canonical writer lays them out (one parse for all)."""
        import tomli_w

        if not values:
            return []
        chunks = (
            c
            for v in values
            for c in toml_layout.table_chunks("[[v]]", "v", v, self.multiline, tomli_w.dumps)
        )
        aot = tomlkit.parse("\n".join(chunks))["v"]
        assert isinstance(aot, items.AoT)
        return list(aot.body)


def _delete_keeping_comments(table: Tabular, key: str) -> None:
    """Delete a key; the comments of a table or array of tables removed with it go on the end of
    what came before it, as the person's notes, not with the data."""
    value = table[key]
    tables = (
        [value]
        if isinstance(value, items.Table)
        else list(value.body)
        if isinstance(value, items.AoT)
        else []
    )
    notes = "".join(_comments_of(t) for t in tables)
    container = table.value if isinstance(table, items.Table) else table
    before = None
    if notes and isinstance(container, Container):
        keys = [n for n, (k, _) in enumerate(container.body) if k is not None and k.key == key]
        if keys and keys[0] > 0:
            before = container.body[keys[0] - 1][1]
    del table[key]
    if isinstance(before, items.Table):
        _tail_container(before).body.extend(_comment_items(notes))
    elif isinstance(before, items.AoT) and before.body:
        _tail_container(before.body[-1]).body.extend(_comment_items(notes))


def _insert_after_last_value(table: Tabular, key: str, value: Any) -> bool:
    """Put a new key right under the table's last value, before the comments and blank lines that
    end it (they are about what comes next); False where tomlkit's own placement is better."""
    if isinstance(value, items.Table | items.AoT):
        return False
    container = table.value if isinstance(table, items.Table) else table
    if not isinstance(container, Container):
        return False
    body = container.body
    values = [
        n for n, (k, v) in enumerate(body) if k is not None and not isinstance(v, items.Table | items.AoT)
    ]
    if not values or values[-1] + 1 >= len(body):
        return False
    value.trivia.indent = body[values[-1]][1].trivia.indent  # indented like its neighbours
    # tomlkit has no public way to insert at a position (Container.add appends): _insert_at is
    # the method its own insertion uses.
    container._insert_at(values[-1] + 1, key, value)
    return True


def _match(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[int, int]:
    """Which old item each new item continues: by `id` where every item has one (the n-th of a
    repeated id continues the n-th), else by place."""
    old_ids = [v.get("id") for v in old]
    new_ids = [v.get("id") for v in new]
    if not all(isinstance(i, str) for i in old_ids + new_ids):
        return {n: n for n in range(min(len(old), len(new)))}
    places: dict[Any, list[int]] = {}
    for n, i in enumerate(old_ids):
        places.setdefault(i, []).append(n)
    matched = {}
    for n, i in enumerate(new_ids):
        if places.get(i):
            matched[n] = places[i].pop(0)
    return matched


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


def _comments_of(table: items.Table) -> str:
    """Every comment of a table, above it, inside it and after its values, as comment lines."""
    lines = [line for line in table.trivia.indent.splitlines() if line.lstrip().startswith("#")]
    if table.trivia.comment:
        lines.append(table.trivia.comment)

    def walk(container: Container) -> None:
        for _, item in container.body:
            if isinstance(item, items.Whitespace):
                continue
            if isinstance(item, items.Comment):
                lines.append(item.as_string().strip())
            elif isinstance(item, items.Table):
                lines.extend(
                    line for line in item.trivia.indent.splitlines() if line.lstrip().startswith("#")
                )
                if item.trivia.comment:
                    lines.append(item.trivia.comment)
                walk(item.value)
            elif isinstance(item, items.AoT):
                for sub in item.body:
                    lines.append(_comments_of(sub).rstrip("\n"))
            elif isinstance(item, items.Item) and item.trivia.comment:
                lines.append(item.trivia.comment)

    walk(table.value)
    return "".join(f"{line.strip()}\n" for line in lines if line.strip())


def _comment_items(text: str) -> list[tuple[None, items.Comment]]:
    return [(None, items.Comment(items.Trivia(comment=line, trail="\n"))) for line in text.splitlines()]


def _ends_with_blank(table: items.Table) -> bool:
    body = _tail_container(table).body
    return bool(body) and isinstance(body[-1][1], items.Whitespace)


def _as_text(block: list[tuple[None, Any]]) -> str:
    return "".join(item.as_string() for _, item in block)


def _is_table_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


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
