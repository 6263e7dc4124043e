"""A small app that shows one step of the planner, for testing a step without the whole shell."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header

from planner.model import Strategy
from screens.base import StepPane, StrategyEdited


class StepHarness(App[None]):
    """Holds `.strategy`, `.path` and `.ui_lang` as PlannerApp does, and records every `StrategyEdited`."""

    def __init__(self, step: type[StepPane], strategy: Strategy, path: Path, *, ui_lang: str = "en") -> None:
        super().__init__()
        self.step_class = step
        self.strategy = strategy
        self.path = path
        self.ui_lang = ui_lang
        self.edits: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield self.step_class(id="step")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._focus_step)

    def _focus_step(self) -> None:
        # As PlannerApp does: the step's first focusable widget takes the keys.
        target = next((w for w in self.step.query("*") if w.focusable), None)
        if target is not None:
            target.focus()

    @property
    def step(self) -> StepPane:
        return self.query_one("#step", StepPane)

    def on_strategy_edited(self, event: StrategyEdited) -> None:
        self.edits.append(event.step_id)
