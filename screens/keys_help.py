"""The key help: every key of the screen underneath, in the window's language; Esc (or f1, q) closes it.

Textual's own help panel is a side panel that Esc does not close and that speaks English; this
one is a modal screen that lists what the footer has no room for.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from screens.base import RUSSIAN_LAYOUT, PlannerModal
from screens.words import has_word, lang_of, words

# Keys every screen has, and how the help names them (words `help.general.<id>`).
GENERAL = (("tab", "tab"), ("shift+tab", "shift_tab"), ("ctrl+p", "palette"), ("ctrl+q", "quit"))


class KeysScreen(PlannerModal[None]):
    """What each key does where the person is now."""

    AREA: ClassVar[str] = "help"
    BINDINGS: ClassVar = [Binding("escape,q,f1,question_mark", "close", "Close", id="help.close")]

    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    KeysScreen #keys-title { text-style: bold; }
    KeysScreen #keys-scroll { height: auto; max-height: 100%; }
    KeysScreen #keys-hint { color: $text-muted; }
    """

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.key_rows = rows

    @staticmethod
    def rows_of(screen: Screen[Any]) -> list[tuple[str, str]]:
        """(keys, what they do) on `screen` as it is now: the planner's keys (each has words of its
        own, `ui.keys.<binding id>`), then those every screen has. Textual's own keys of a
        widget (the arrows of a table, copying text) are not listed: they do what they always do."""
        app = screen.app
        by_action: dict[str, tuple[list[str], str]] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.id or not has_word(f"keys.{binding.id}", lang_of(screen)):
                continue
            if binding.action in ("focus_next", "focus_previous", "command_palette", "quit"):
                continue  # said below, with the keys every screen has
            if binding.action.startswith("show_step"):
                continue  # one row for the ten: alt+1 … alt+0
            if lang_of(screen) != "ru" and binding.key in RUSSIAN_LAYOUT.values():
                continue  # the same key on the Russian layout: said in the Russian help only
            keys, _ = by_action.setdefault(binding.action, ([], binding.description))
            shown = app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
        rows = [(" ".join(keys), text) for keys, text in by_action.values()]
        t = words(lang_of(screen))
        if any(a.binding.action.startswith("show_step") for a in screen.active_bindings.values()):
            rows.append(("alt+1 … alt+0", t("help.general.steps")))
        rows.append(("↑ ↓ ← →", t("help.general.arrows")))
        rows += [(app.get_key_display(Binding(key, "")), t(f"help.general.{name}")) for key, name in GENERAL]
        return rows

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for key, text in self.key_rows:
            table.add_row(Text(key), Text(text))
        with Vertical():
            yield Static(self.t("help.title"), id="keys-title", markup=False)
            with VerticalScroll(id="keys-scroll"):
                yield Static(table, id="keys-table")
            yield Static(self.t("help.close"), id="keys-hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
