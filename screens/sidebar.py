"""The sidebar: the steps in the order of the work, each with how complete it is."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from screens.words import say

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planner.model import Strategy
    from screens.step_specs import StepSpec

WIDTH = 22  # fits "0 Content pillars 3/4" ("0 Рубрики контента 3/4") and leaves 56 columns for a step at 80


def badge(done: int, total: int) -> str:
    """`✓` when complete, `3/12` while filling in (`99%` from a hundred), `·` when there is nothing yet."""
    if total == 0:
        return "·"
    if done >= total:
        return "✓"
    if total >= 100:  # "194/195" would leave no room for the step's name
        return f"{min(99, done * 100 // total)}%"
    return f"{done}/{total}"


class Sidebar(OptionList):
    """One option per step; Enter, a click or the step's digit opens it (Esc comes here from a step)."""

    BINDINGS: ClassVar = [
        Binding(str(n), f"open_step({(n - 1) % 10})", f"Step {n}", show=False, id=f"sidebar.step-{n}")
        for n in range(10)
    ]

    class StepChosen(Message):
        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    def __init__(self, steps: Sequence[StepSpec], *, id: str | None = None) -> None:
        t = say(self)
        super().__init__(*(Option(t(f"step.{s.id}.title"), id=s.id) for s in steps), id=id)
        self.steps = steps
        self._marks: dict[str, str] = {}
        self._current = ""

    def retitle(self) -> None:
        """The steps' names again, in the window's language now."""
        self._draw()

    def update_badges(self, strategy: Strategy, current: str) -> None:
        self._marks = {step.id: badge(*step.completeness(strategy)) for step in self.steps}
        self._current = current
        self._draw()

    def _draw(self) -> None:
        t = say(self)
        for index, step in enumerate(self.steps):
            key = str((index + 1) % 10)
            mark = self._marks.get(step.id, "")
            title = t(f"step.{step.id}.title")[: WIDTH - 4 - len(mark)]
            gap = " " * max(1, WIDTH - 3 - len(title) - len(mark))
            prompt = Content.assemble(
                (f"{key} ", "dim"),
                (title, "bold" if step.id == self._current else ""),
                gap,
                (mark, "$success" if mark == "✓" else "dim"),
            )
            self.replace_option_prompt_at_index(index, prompt)

    def action_open_step(self, index: int) -> None:
        if index < len(self.steps):
            self.highlighted = index
            self.post_message(self.StepChosen(self.steps[index].id))

    def highlight_step(self, step_id: str) -> None:
        self.highlighted = next(i for i, s in enumerate(self.steps) if s.id == step_id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.StepChosen(event.option.id))
