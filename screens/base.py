"""What every step of the planner shares: access to the strategy being edited, and the edit message."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.containers import Vertical
from textual.message import Message

from screens.step_specs import StepSpec, step_spec

if TYPE_CHECKING:
    from planner.model import Strategy


class StrategyEdited(Message):
    """A step changed the strategy: the app marks it unsaved and refreshes what depends on it."""

    def __init__(self, step_id: str) -> None:
        super().__init__()
        self.step_id = step_id


class StepPane(Vertical):
    """One step of the sidebar (Strategy, Audience, …, Preview), shown in the main area.

    The app owns the one `Strategy` object (`self.app.strategy`); steps edit it in place and
    post `StrategyEdited`. The app calls `refresh_view()` on a step when the strategy changed
    elsewhere (loading, `plan`, another step).

    A step class names its id; its title, the tables it edits and its progress come from its
    declaration in `screens.step_specs` (`cls.spec`).

    Steps are built lazily: the app mounts a step the first time it is shown, calls
    `refresh_view()` right after mounting it, and again when it is shown after the strategy
    changed elsewhere. The app focuses the step's first control when it is shown.
    """

    step_id: ClassVar[str] = ""
    spec: ClassVar[StepSpec]
    step_title: ClassVar[str] = ""  # from the declaration
    step_help: ClassVar[str] = ""  # one or two sentences of SMM knowledge: what this step is for

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.step_id:
            cls.spec = step_spec(cls.step_id)
            cls.step_title = cls.spec.title

    @property
    def strategy(self) -> Strategy:
        return self.app.strategy  # type: ignore[attr-defined]

    def refresh_view(self) -> None:
        """Show the current state of `self.strategy` (after load, plan, or another step's edit)."""

    def focus_start(self) -> bool:
        """Focus where the person starts on this step; False: the app focuses the first control."""
        return False

    async def open_editing(self) -> None:
        """Build the editing widgets of a step that first shows an overview (the Strategy step)."""

    def focus_field(self, where: str) -> bool:
        """Bring the field at a validation path (e.g. `channels[vk-main].days`) into view; True if found."""
        return False

    def edited(self) -> None:
        self.post_message(StrategyEdited(self.step_id))
