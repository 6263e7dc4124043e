"""The generic list step: a table of items with add, edit, duplicate and delete, and what refers to them.

The table shows the columns that fit, by priority: at 80×24 (56 columns beside the sidebar) a
goal keeps its target and deadline and a campaign its dates, and the name gives up width first
(abbreviated with "…"); ids and long lists go when there is no room. A value is never cut in the
middle: a number, a date or an id is shown whole or its column is left out.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from planner.editing import duplicate, item_name, references_to, remove_references, rename_references
from planner.fields import label
from planner.model import Strategy
from screens.base import StepPane

CELL_PADDING = 2  # a DataTable pads each cell by one on either side
SCROLLBAR = 2
NAME_MIN = 20  # the name gives up width only down to this, before a column of priority 2 or more goes
NAME_FLOOR = 8  # …and down to this for the columns of priority 1


@dataclass(frozen=True)
class Column:
    """One column of a list: its heading (a word, `list.column.<key>`), how a cell reads, when it is shown.

    `priority` 1 columns are always shown; higher numbers give way first when the window is
    narrow. The `flex` column (the item's name) takes the width the others leave and is
    abbreviated; `most` caps a column's width (a long list of platforms is abbreviated "+2").
    """

    key: str
    value: Callable[[Any, str, Strategy], str]
    priority: int = 1
    flex: bool = False
    most: int = 24
    align: str = "left"


def join_short(values: Iterable[str], width: int) -> str:
    """Values joined by ", ", as many as fit in `width`, the rest counted: "VK, Telegram +2"."""
    items = [v for v in values if v]
    shown = ""
    for i, value in enumerate(items):
        candidate = value if not shown else f"{shown}, {value}"
        rest = len(items) - i - 1
        tail = f" +{rest}" if rest else ""
        if len(candidate) + len(tail) > width and shown:
            return f"{shown} +{len(items) - i}"
        shown = candidate
    return shown


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip() + "…"


class ListStep(StepPane):
    """One table of the strategy as a list: subclasses name their step (and so their table), item class and columns."""

    item_class: ClassVar[type] = object
    columns: ClassVar[tuple[Column, ...]] = ()

    BINDINGS: ClassVar = [
        Binding("a", "add", "Add", id="list.add", tooltip="Add an item with a form"),
        Binding("e", "edit", "Edit", id="list.edit", tooltip="Edit the selected item (also Enter)"),
        Binding("d", "duplicate", "Duplicate", id="list.duplicate", tooltip="Copy the selected item"),
        Binding("x,delete", "delete", "Delete", id="list.delete", tooltip="Delete the selected item"),
    ]

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._layout: tuple[tuple[Column, int], ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(self.help_text(), classes="step-help", markup=False)
        yield Static("", classes="list-empty", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True, classes="step-table")
        yield Static("", classes="list-summary", markup=False)

    @property
    def table(self) -> str:
        """The top-level list of the file this step shows, as its declaration says."""
        return self.spec.tables[0]

    @property
    def items(self) -> list[Any]:
        return getattr(self.strategy, self.table)

    def summary(self) -> str:
        """A line under the table (totals, what to do next); subclasses say what matters."""
        return ""

    # --- the columns that fit ------------------------------------------------------------------

    def on_resize(self) -> None:
        if self.size.width and self._fit(self.size.width):
            self.refresh_view()

    def _cells(self, item: Any) -> list[str]:
        return [column.value(item, self.lang, self.strategy) for column in self.columns]

    def _fit(self, width: int) -> bool:
        """Choose the columns and widths for `width`; True when they changed."""
        rows = [self._cells(item) for item in self.items]
        natural = []
        for i, column in enumerate(self.columns):
            heading = len(self.t(f"list.column.{column.key}"))
            longest = max((len(" ".join(row[i].split())) for row in rows), default=0)
            natural.append(max(heading, min(longest, column.most)))
        room = width - SCROLLBAR
        flex = next((i for i, c in enumerate(self.columns) if c.flex), 0)
        # Columns of priority 1 always: the name gives up width for them, down to NAME_FLOOR.
        chosen = {i for i, c in enumerate(self.columns) if c.priority == 1 or i == flex}
        used = sum(natural[i] + CELL_PADDING for i in chosen if i != flex)
        used += min(natural[flex], NAME_MIN) + CELL_PADDING
        # The others by priority, while the name keeps NAME_MIN.
        for i in sorted(range(len(self.columns)), key=lambda k: (self.columns[k].priority, k)):
            if i in chosen:
                continue
            if used + natural[i] + CELL_PADDING <= room:
                chosen.add(i)
                used += natural[i] + CELL_PADDING
        others = sum(natural[i] + CELL_PADDING for i in chosen if i != flex)
        flex_width = max(min(natural[flex], NAME_FLOOR), min(natural[flex], room - others - CELL_PADDING))
        layout = tuple(
            (column, flex_width if i == flex else natural[i])
            for i, column in enumerate(self.columns)
            if i in chosen
        )
        if layout == self._layout:
            return False
        self._layout = layout
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for column, col_width in layout:
            table.add_column(self.t(f"list.column.{column.key}"), width=col_width, key=column.key)
        return True

    def refresh_view(self, select: int | None = None) -> None:
        table = self.query_one(DataTable)
        self._fit(self.size.width or 56)  # the items may need other widths now
        row = table.cursor_row if select is None else select
        table.clear()
        for index, item in enumerate(self.items):
            # Text, not str: a DataTable reads a str as markup, and "[VIP] buyers" would lose its brackets.
            cells = []
            for column, col_width in self._layout:
                text = _clip(column.value(item, self.lang, self.strategy), col_width)
                justify = "right" if column.align == "right" else "left"
                cells.append(Text(text, no_wrap=True, overflow="ellipsis", justify=justify))  # type: ignore[arg-type]
            table.add_row(*cells, key=str(index))
        empty = self.query_one(".list-empty", Static)
        empty.update(self.t(f"step.{self.step_id}.empty"))
        empty.display = not self.items
        if self.items:
            table.move_cursor(row=max(0, min(row, len(self.items) - 1)))
        summary = self.summary()
        line = self.query_one(".list-summary", Static)
        line.update(summary)
        line.display = bool(summary)

    def _current(self) -> int | None:
        if not self.items:
            self.notify(self.t(f"step.{self.step_id}.none"), severity="warning")
            return None
        return min(self.query_one(DataTable).cursor_row, len(self.items) - 1)

    # --- actions ----------------------------------------------------------------------------

    def open_form(self, index: int | None, focus: str = "", problem: str = "") -> None:
        item = self.item_class() if index is None else copy.deepcopy(self.items[index])
        if index is None:
            title = self.t(f"step.{self.step_id}.new")
        else:
            title = self.t(f"step.{self.step_id}.edit", name=item_name(item))
        from screens.forms import FormContext, ItemForm

        context = FormContext(self.strategy, self.table, index)

        def done(result: Any) -> None:
            if result is None or (index is not None and result == self.items[index]):
                return  # cancelled, or saved without a change: nothing to mark unsaved
            if index is None:
                self.items.append(result)
                at = len(self.items) - 1
            else:
                old = self.items[index].id
                self.items[index] = result
                at = index
                if old and result.id != old:
                    n = rename_references(self.strategy, self.table, old, result.id)
                    if n:
                        self.notify(self.t("list.renamed", count=n, old=old, new=result.id))
            self.refresh_view(select=at)
            self.edited()

        form = ItemForm(
            self.item_class,
            item,
            context,
            title=title,
            focus=focus,
            problem=problem,
            new=index is None,
            lang=self.lang,
        )
        self.app.push_screen(form, done)

    def action_add(self) -> None:
        self.open_form(None)

    def action_edit(self) -> None:
        index = self._current()
        if index is not None:
            self.open_form(index)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_duplicate(self) -> None:
        index = self._current()
        if index is None:
            return
        at = duplicate(self.strategy, self.table, index)
        self.refresh_view(select=at)
        self.notify(self.t("list.copied", id=self.items[at].id))
        self.edited()

    def references(self, item_id: str) -> list[str]:
        """What refers to an item, in the window's words ("Цели: grow-vk", "12 постов")."""
        out = []
        for line in references_to(self.strategy, self.table, item_id):
            other, _, what = line.partition(": ")
            if other == "posts" and what.isdigit():
                out.append(self.t("list.refs_posts", count=int(what)))
            else:
                out.append(f"{label(Strategy, other, self.lang)}: {what}")
        return out

    def action_delete(self) -> None:
        index = self._current()
        if index is None:
            return
        item = self.items[index]
        refs = self.references(item.id)
        message = self.t(f"step.{self.step_id}.delete", name=item_name(item), id=item.id)
        if refs:
            message += "\n\n" + self.t("list.referred", refs="; ".join(refs))
            message += "\n" + self.t(
                "list.refs_removed_posts" if self.table == "channels" else "list.refs_removed"
            )

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            del self.items[index]
            remove_references(self.strategy, self.table, item.id)
            self.refresh_view(select=max(0, index - 1))
            self.notify(self.t("list.deleted", name=item_name(item)))
            self.edited()

        from screens.dialogs import ConfirmDialog

        title = self.t(f"step.{self.step_id}.delete_title")
        dialog = ConfirmDialog(title, message, yes=self.t("list.delete_yes"), no=self.t("list.delete_no"))
        self.app.push_screen(dialog, answer)

    def focus_field(self, where: str, problem: str = "") -> bool:
        m = re.match(rf"{re.escape(self.table)}\[([^\]]+)\](?:\.(\w+))?", where)
        if not m:
            if where == self.table:
                self.query_one(DataTable).focus()
                return True
            return False
        key, field = m.group(1), m.group(2) or ""
        index = next((i for i, item in enumerate(self.items) if item.id == key), None)
        if index is None and key.isdigit() and int(key) < len(self.items):
            index = int(key)
        if index is None:
            return False
        self.query_one(DataTable).move_cursor(row=index)
        self.open_form(index, focus=field, problem=problem)
        return True
