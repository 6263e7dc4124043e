"""The generic list step: a table of items with add, edit, duplicate and delete, and what refers to them."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from planner.editing import duplicate, item_name, references_to, remove_references, rename_references
from screens.base import StepPane

Column = tuple[str, Callable[[Any], str]]
CELL_WIDTH = 26  # long titles are cut so that the other columns stay in view at 80 columns


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1].rstrip() + "…"


def _join(values: Iterable[Any]) -> str:
    return ", ".join(str(v) for v in values)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", " ")
    return f"{int(value):,}".replace(",", " ")


class ListStep(StepPane):
    """One table of the strategy as a list: subclasses name their step (and so their table), item class and columns."""

    item_class: ClassVar[type] = object
    noun: ClassVar[str] = "item"  # "audience segment": used in titles and messages
    columns: ClassVar[tuple[Column, ...]] = ()

    BINDINGS: ClassVar = [
        Binding("a", "add", "Add", id="list.add", tooltip="Add an item with a form"),
        Binding("e", "edit", "Edit", id="list.edit", tooltip="Edit the selected item (also Enter)"),
        Binding("d", "duplicate", "Duplicate", id="list.duplicate", tooltip="Copy the selected item"),
        Binding("x,delete", "delete", "Delete", id="list.delete", tooltip="Delete the selected item"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(self.step_help, classes="step-help", markup=False)
        yield Static("", classes="list-empty", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True, classes="step-table")
        yield Static("", classes="list-summary", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(title for title, _ in self.columns))

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

    def refresh_view(self, select: int | None = None) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row if select is None else select
        table.clear()
        for index, item in enumerate(self.items):
            # Text, not str: a DataTable reads a str as markup, and "[VIP] buyers" would lose its brackets.
            table.add_row(*(Text(_clip(fn(item))) for _, fn in self.columns), key=str(index))
        empty = self.query_one(".list-empty", Static)
        empty.update(f"No {self.noun} yet. Press a to add the first one.")
        empty.display = not self.items
        if self.items:
            table.move_cursor(row=max(0, min(row, len(self.items) - 1)))
        summary = self.summary()
        line = self.query_one(".list-summary", Static)
        line.update(summary)
        line.display = bool(summary)

    def _current(self) -> int | None:
        if not self.items:
            self.notify(f"No {self.noun} yet: press a to add one.", severity="warning")
            return None
        return min(self.query_one(DataTable).cursor_row, len(self.items) - 1)

    # --- actions ----------------------------------------------------------------------------

    def open_form(self, index: int | None, focus: str = "") -> None:
        item = self.item_class() if index is None else copy.deepcopy(self.items[index])
        title = f"New {self.noun}" if index is None else f"Edit {self.noun}: {item_name(item)}"
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
                        self.notify(f"Id changed from {old} to {result.id} in {n} places that refer to it.")
            self.refresh_view(select=at)
            self.edited()

        self.app.push_screen(
            ItemForm(self.item_class, item, context, title=title, focus=focus, new=index is None), done
        )

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
        self.notify(f"Copied as {self.items[at].id}; press e to edit it.")
        self.edited()

    def action_delete(self) -> None:
        index = self._current()
        if index is None:
            return
        item = self.items[index]
        refs = references_to(self.strategy, self.table, item.id)
        message = f"Delete {self.noun} '{item_name(item)}' ({item.id})?"
        if refs:
            message += "\n\nReferred to by: " + "; ".join(refs) + "."
            message += "\nThose references are removed too"
            message += "; the posts on this channel are deleted." if self.table == "channels" else "."

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            del self.items[index]
            remove_references(self.strategy, self.table, item.id)
            self.refresh_view(select=max(0, index - 1))
            self.notify(f"Deleted {self.noun} {item.id}.")
            self.edited()

        from screens.dialogs import ConfirmDialog

        self.app.push_screen(ConfirmDialog(f"Delete {self.noun}", message, yes="Delete", no="Keep"), answer)

    def focus_field(self, where: str) -> bool:
        m = re.match(rf"{re.escape(self.table)}\[([^\]]+)\](?:\.(\w+))?", where)
        if not m:
            return where == self.table
        label, field = m.group(1), m.group(2) or ""
        index = next((i for i, item in enumerate(self.items) if item.id == label), None)
        if index is None and label.isdigit() and int(label) < len(self.items):
            index = int(label)
        if index is None:
            return False
        self.query_one(DataTable).move_cursor(row=index)
        self.open_form(index, focus=field)
        return True
