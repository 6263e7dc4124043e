"""SMO & tactics step: the built-in SMO and SMM-tactics checklists with a status and a note per item."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Input, Label, Static, TabbedContent, TabPane, Tabs

from planner.catalog import ChecklistItem, checklist_ids, checklists
from planner.model import CHECK_STATUSES, CheckItem
from screens.base import PlannerModal, StepPane
from screens.words import choice, words

# The two lists as the strategy document names them: SMO is done on the site, tactics on the platforms.
LISTS = ("smo", "tactics")
STATUS_STYLES = {"done": ("✔", "green"), "todo": ("○", "yellow"), "n/a": ("–", "dim")}
NOTE_WIDTH = 24  # the note column's width when the step is too narrow to compute one


def status_look(status: str, lang: str) -> tuple[str, str]:
    """How a status reads in the table: "✔ done" / "✔ готово", and its colour."""
    mark, style = STATUS_STYLES.get(status, ("", ""))
    return f"{mark} {choice('check_status', status, lang)}".strip(), style


def status_width(lang: str) -> int:
    return max(len(status_look(s, lang)[0]) for s in CHECK_STATUSES)


def progress(name: str, items: dict[str, CheckItem], lang: str = "en") -> str:
    """'SMO 5/12 done, 2 n/a': what a glance at the checklist should tell."""
    known = {item.id for item in checklists()[name]}
    marked = [items[key].status for key in items if key in known]
    done, na = marked.count("done"), marked.count("n/a")
    t = words(lang)
    text = t("checklist.progress", list=t(f"checklist.{name}"), done=done, total=len(known))
    if na:
        text += t("checklist.progress_na", count=na)
    return text


class NoteScreen(PlannerModal[str | None]):
    """A one-line note on a checklist item: what is left to do, who does it, why it does not apply."""

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical {
        width: 70; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    NoteScreen Label { width: 100%; }
    NoteScreen .hint { color: $text-muted; }
    """
    AREA: ClassVar[str] = "note"  # the command palette titles this form's actions "Note: …"
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Keep the note as it was")
    ]

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.item_title = title
        self.note = note

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical():
            yield Label(Content.assemble(t("checklist.note_on"), " ", (self.item_title, "bold")))
            yield Input(self.note, placeholder=t("checklist.note_placeholder"), id="note-input")
            yield Label(t("checklist.note_keys"), classes="hint")

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChecklistStep(StepPane):
    """The two built-in checklists: SMO (the client's own website) before SMM tactics (the platforms)."""

    step_id = "smo"

    DEFAULT_CSS = """
    ChecklistStep { height: 1fr; }
    ChecklistStep TabbedContent { height: 1fr; }
    ChecklistStep TabPane { padding: 0; }
    ChecklistStep DataTable { height: 1fr; }
    ChecklistStep #smo-detail {
        height: 5; padding: 0 1; border-top: solid $primary-muted; color: $text-muted;
    }
    """

    BINDINGS: ClassVar = [
        Binding(
            "space",
            "cycle_status",
            "Status",
            id="smo.cycle",
            tooltip="Mark the item done, to do, n/a in turn",
        ),
        Binding(
            "1", "set_status('done')", "Done", show=False, id="smo.done", tooltip="Mark the item done (1)"
        ),
        Binding(
            "2", "set_status('todo')", "To do", show=False, id="smo.todo", tooltip="Mark the item to do (2)"
        ),
        Binding(
            "3",
            "set_status('n/a')",
            "Not applicable",
            show=False,
            id="smo.na",
            tooltip="Mark the item n/a (3)",
        ),
        Binding("n", "edit_note", "Note", id="smo.note", tooltip="Write a note on the item (also Enter)"),
        Binding(
            "x,delete",
            "clear_status",
            "Clear",
            show=False,
            id="smo.clear",
            tooltip="Forget the item's status and note (x)",
        ),
        Binding(
            "left_square_bracket,right_square_bracket",
            "other_list",
            "Other list",
            key_display="[ ]",
            id="smo.switch",
            tooltip="Switch between the SMO checklist and the SMM tactics",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Static(self.help_text(), classes="step-help", markup=False)
        with TabbedContent(id="smo-lists"):
            for name in LISTS:
                with TabPane(self.t(f"checklist.{name}"), id=f"tab-{name}"):
                    table: DataTable[Text | str] = DataTable(
                        id=f"{name}-table", cursor_type="row", zebra_stripes=True
                    )
                    yield table
        yield Static(id="smo-detail")

    note_width = NOTE_WIDTH

    def on_mount(self) -> None:
        # Lists switch with [ and ]: opening the step puts the keys straight on the table.
        self.query_one(Tabs).can_focus = False
        self._add_columns()
        self.refresh_view()

    def on_resize(self) -> None:
        # The note column takes what the titles leave, so the table never scrolls sideways; too
        # narrow (80×24 beside the sidebar) and it shows ✎ for a note, read in full below the table.
        if not self.size.width:
            return
        titles = max(len(self._title(item)) for name in LISTS for item in checklists()[name])
        width = self.size.width - status_width(self.lang) - titles - 3 * 2 - 2
        if width < 10:
            width = 1
        if width != self.note_width:
            self.note_width = width
            self._add_columns()
            self.refresh_view()

    def _add_columns(self) -> None:
        for name in LISTS:
            table = self._table(name)
            table.clear(columns=True)
            table.add_column(self.t("checklist.status"), key="status", width=status_width(self.lang))
            table.add_column(self.t("checklist.item"), key="item")
            note = self.t("checklist.note") if self.note_width > 1 else "✎"
            table.add_column(note, key="note", width=self.note_width)

    # --- the step contract -------------------------------------------------------------------

    def refresh_view(self) -> None:
        for name in LISTS:
            table = self._table(name)
            row = table.cursor_row
            table.clear()
            for item in checklists()[name]:
                table.add_row(*self._cells(name, item), key=item.id)
            if row < table.row_count:
                table.move_cursor(row=row, animate=False)
        self._show_progress()
        self._show_detail()

    def focus_field(self, where: str, problem: str = "") -> bool:
        name, _, rest = where.partition(".")
        if name not in LISTS:
            return False
        self.query_one(TabbedContent).active = f"tab-{name}"
        table = self._table(name)
        item_id = rest.split(".")[0]
        if item_id in checklist_ids(name):
            table.move_cursor(row=checklist_ids(name).index(item_id), animate=False)
        table.focus()
        return True

    # --- actions -----------------------------------------------------------------------------

    def action_cycle_status(self) -> None:
        target = self._current()
        if target is None:
            return
        name, item = target
        current = self._items(name).get(item.id)
        order = CHECK_STATUSES  # done → todo → n/a → done
        status = order[(order.index(current.status) + 1) % len(order)] if current else order[0]
        self._set(name, item, status=status)

    def action_set_status(self, status: str) -> None:
        target = self._current()
        if target is not None:
            self._set(target[0], target[1], status=status)

    def action_clear_status(self) -> None:
        target = self._current()
        if target is None:
            return
        name, item = target
        if item.id in self._items(name):
            del self._items(name)[item.id]
            self._changed(name, item)

    def action_edit_note(self) -> None:
        target = self._current()
        if target is None:
            return
        name, item = target
        current = self._items(name).get(item.id)

        def done(note: str | None) -> None:
            if note is not None and note != (current.note if current else ""):
                self._set(name, item, note=note)

        self.app.push_screen(NoteScreen(self._title(item), current.note if current else ""), done)

    def action_other_list(self) -> None:
        tabs = self.query_one(TabbedContent)
        name = "tactics" if tabs.active == "tab-smo" else "smo"
        tabs.active = f"tab-{name}"
        self._table(name).focus()

    @on(DataTable.RowSelected)
    def _open_note(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_note()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self._show_detail()

    # --- helpers -----------------------------------------------------------------------------

    def _table(self, name: str) -> DataTable[Text | str]:
        return self.query_one(f"#{name}-table", DataTable)

    def _items(self, name: str) -> dict[str, CheckItem]:
        return self.strategy.smo if name == "smo" else self.strategy.tactics

    def _title(self, item: ChecklistItem) -> str:
        return item.title_ru if self._russian() else item.title

    def _russian(self) -> bool:
        return self.lang == "ru"  # the window's language, whatever the documents' is

    def _active(self) -> str:
        active = self.query_one(TabbedContent).active
        return active.removeprefix("tab-") if active else "smo"

    def _current(self) -> tuple[str, ChecklistItem] | None:
        name = self._active()
        table = self._table(name)
        items = checklists()[name]
        if not table.row_count or not 0 <= table.cursor_row < len(items):
            return None
        return name, items[table.cursor_row]

    def _cells(self, name: str, item: ChecklistItem) -> tuple[Text, Text, Text]:
        # Text, never str: DataTable reads a str as markup, and a note may hold "[".
        state = self._items(name).get(item.id)
        if state is None:
            status = Text("·", style="dim", end="")
        else:
            label, style = status_look(state.status, self.lang)
            status = Text(label, style=style, end="")
        note = state.note if state else ""
        if self.note_width == 1:
            note = "✎" if note else ""
        elif len(note) > self.note_width:
            note = note[: self.note_width - 1] + "…"
        return status, Text(self._title(item), end=""), Text(note, end="", no_wrap=True)

    def _set(
        self, name: str, item: ChecklistItem, *, status: str | None = None, note: str | None = None
    ) -> None:
        items = self._items(name)
        current = items.get(item.id) or CheckItem()
        # replace(), not a new CheckItem: the item's owner and due date (format v1) stay as they were.
        updated = dataclasses.replace(
            current, status=status or current.status, note=current.note if note is None else note
        )
        if item.id in items and updated == items[item.id]:
            return
        items[item.id] = updated
        # Keep the file in the catalog's order whatever order the items were marked in.
        order = {key: i for i, key in enumerate(checklist_ids(name))}
        ordered = sorted(items.items(), key=lambda kv: order.get(kv[0], len(order)))
        items.clear()
        items.update(ordered)
        self._changed(name, item)

    def _changed(self, name: str, item: ChecklistItem) -> None:
        table = self._table(name)
        status, _, note = self._cells(name, item)
        table.update_cell(item.id, "status", status)
        table.update_cell(item.id, "note", note)
        self._show_progress()
        self._show_detail()
        self.edited()

    def _show_progress(self) -> None:
        # The progress is the tabs' labels: "SMO 5/12 done, 2 n/a" next to "Tactics 3/11 done".
        tabs = self.query_one(TabbedContent)
        for name in LISTS:
            tabs.get_tab(f"tab-{name}").label = progress(name, self._items(name), self.lang)

    def _show_detail(self) -> None:
        target = self._current()
        detail = self.query_one("#smo-detail", Static)
        if target is None:
            detail.update("")
            return
        name, item = target
        explanation = item.explanation_ru if self._russian() else item.explanation
        state = self._items(name).get(item.id)
        text = Text(explanation)
        if state and state.note:
            text.append(f"\n{self.t('checklist.note_label')} ", style="bold").append(state.note)
        detail.update(text)
