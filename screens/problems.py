"""The problems of an invalid strategy file, each one a way to the step and field concerned."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from planner.errors import Problem


def describe(problem: Problem) -> str:
    """One line for the list: the field path (or line:col) and the message, without the file name."""
    if problem.line is not None:
        return f"line {problem.line}, column {problem.col or 1}: {problem.message}"
    if problem.where:
        return f"{problem.where}: {problem.message}"
    return problem.message


class ProblemsScreen(ModalScreen[Problem | None]):
    """Every problem of the file; Enter on one dismisses it, and the app opens its step and field."""

    AREA: ClassVar[str] = "Problems"
    BINDINGS: ClassVar = [Binding("escape", "close", "Close", id="problems.close")]

    def __init__(self, problems: list[Problem], file_name: str) -> None:
        super().__init__()
        self.problems = problems
        self.file_name = file_name

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-box"):
            count = len(self.problems)
            yield Static(
                f"{self.file_name}: {count} problem{'s' if count != 1 else ''}"
                " — Enter opens the field concerned",
                id="problems-title",
                markup=False,
            )
            yield OptionList(
                *(Option(Content(describe(p)), id=str(i)) for i, p in enumerate(self.problems)),
                id="problems-list",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.problems[int(event.option.id or 0)])

    def action_close(self) -> None:
        self.dismiss(None)


class BrokenFileScreen(Screen[None]):
    """A file that is not even TOML: nothing can be shown or saved, so say where to fix it and quit.

    Opening it on an empty strategy would invite saving that empty strategy over the person's
    file; the fix (a missing quote, a bracket) is quicker in a text editor.
    """

    AREA: ClassVar[str] = "File"
    BINDINGS: ClassVar = [Binding("q,escape,enter", "app.exit", "Quit", id="broken.quit")]

    def __init__(self, problems: list[Problem], path: str) -> None:
        super().__init__()
        self.problems = problems
        self.path = path

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="broken-box"):
            yield Static(f"{self.path} cannot be opened", id="broken-title", markup=False)
            yield Static("\n".join(str(p) for p in self.problems), id="broken-problems", markup=False)
            yield Static(
                "Fix this in a text editor (the position is line:column), then run\n"
                f"  smm-planner edit {self.path}\nagain. Nothing was changed. Press q to quit.",
                id="broken-help",
                markup=False,
            )
        yield Footer()
