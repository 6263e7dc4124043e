"""The problems of an invalid strategy file, each one a way to the step and field concerned."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from planner.errors import Problem
from screens.base import PlannerModal, PlannerScreen
from screens.messages import translate
from screens.words import lang_of, words


def describe(problem: Problem, lang: str) -> str:
    """One line for the list: the field path (or line and column) and the message, without the file name."""
    t = words(lang)
    message = translate(problem.message, lang)
    if problem.line is not None:
        return t("problems.at_line", line=problem.line, col=problem.col or 1, message=message)
    if problem.where:
        return f"{problem.where}: {message}"
    return message


def _with_position(problem: Problem, lang: str) -> str:
    """`path:line:col: message`, the form editors jump to."""
    if problem.line is None:
        return f"{problem.file}: {describe(problem, lang)}"
    return f"{problem.file}:{problem.line}:{problem.col or 1}: {translate(problem.message, lang)}"


class ProblemsScreen(PlannerModal[Problem | None]):
    """Every problem of the file; Enter on one dismisses it, and the app opens its step and field."""

    AREA: ClassVar[str] = "problems"
    BINDINGS: ClassVar = [Binding("escape", "close", "Close", id="problems.close")]

    def __init__(self, problems: list[Problem], file_name: str) -> None:
        super().__init__()
        self.problems = problems
        self.file_name = file_name

    def compose(self) -> ComposeResult:
        lang = lang_of(self)
        with Vertical(id="problems-box"):
            yield Static(
                self.t("problems.title", name=self.file_name, count=len(self.problems)),
                id="problems-title",
                markup=False,
            )
            yield OptionList(
                *(Option(Content(describe(p, lang)), id=str(i)) for i, p in enumerate(self.problems)),
                id="problems-list",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.problems[int(event.option.id or 0)])

    def action_close(self) -> None:
        self.dismiss(None)


class BrokenFileScreen(PlannerScreen[None]):
    """A file that is not even TOML: nothing can be shown or saved, so say where to fix it and quit.

    Opening it on an empty strategy would invite saving that empty strategy over the person's
    file; the fix (a missing quote, a bracket) is quicker in a text editor.
    """

    AREA: ClassVar[str] = "file"
    # `app.quit`, not `app.exit`: an action is a method named action_<name>, and App has no
    # action_exit (the keys this screen names did nothing; only ctrl+q quit).
    BINDINGS: ClassVar = [Binding("q,escape,enter", "app.quit", "Quit", id="broken.quit")]

    def __init__(self, problems: list[Problem], path: str) -> None:
        super().__init__()
        self.problems = problems
        self.path = path

    def compose(self) -> ComposeResult:
        lang = lang_of(self)
        yield Header()
        with Vertical(id="broken-box"):
            yield Static(self.t("broken.title", path=self.path), id="broken-title", markup=False)
            yield Static(
                "\n".join(_with_position(p, lang) for p in self.problems),
                id="broken-problems",
                markup=False,
            )
            yield Static(self.t("broken.help", path=self.path), id="broken-help", markup=False)
        yield Footer(compact=True)
