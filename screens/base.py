"""What every step and screen of the planner shares: the strategy being edited, the edit message, keys in the window's language."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen

from planner import l10n
from screens.step_specs import StepSpec, step_spec
from screens.words import lang_of, say

if TYPE_CHECKING:
    from planner.model import Strategy

ResultType = TypeVar("ResultType")

# The planner's letter keys where a Russian keyboard layout (ЙЦУКЕН) has them: a marketer who has
# just typed Russian text presses "a" to add, and the terminal sends "ф".
RUSSIAN_LAYOUT = dict(zip("qwertyuiopasdfghjklzxcvbnm", "йцукенгшщзфывапролдячсмить", strict=True))
RUSSIAN_LAYOUT |= {"left_square_bracket": "х", "right_square_bracket": "ъ"}


def on_both_layouts(bindings: Any) -> list[Any]:
    """The bindings with each letter key also bound where the Russian layout puts it ("a,ф")."""
    out = []
    for binding in bindings:
        if isinstance(binding, Binding):
            keys = [k.strip() for k in binding.key.split(",")]
            extra = [RUSSIAN_LAYOUT[k] for k in keys if k in RUSSIAN_LAYOUT and RUSSIAN_LAYOUT[k] not in keys]
            if extra:
                binding = dataclasses.replace(binding, key=",".join(keys + extra))
        out.append(binding)
    return out


class BothLayouts:
    """A widget or screen whose letter keys work on the Russian keyboard layout too."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Before Textual's own __init_subclass__, which merges the class's bindings once.
        if "BINDINGS" in cls.__dict__:
            cls.BINDINGS = on_both_layouts(cls.__dict__["BINDINGS"])  # type: ignore[attr-defined]
        super().__init_subclass__(**kwargs)


class StrategyEdited(Message):
    """A step changed the strategy: the app marks it unsaved and refreshes what depends on it."""

    def __init__(self, step_id: str) -> None:
        super().__init__()
        self.step_id = step_id


class StepPane(BothLayouts, Vertical):
    """One step of the sidebar (Strategy, Audience, …, Preview), shown in the main area.

    The app owns the one `Strategy` object (`self.app.strategy`); steps edit it in place and
    post `StrategyEdited`. The app calls `refresh_view()` on a step when the strategy changed
    elsewhere (loading, `plan`, another step).

    A step class names its id; its tables and progress come from its declaration in
    `screens.step_specs` (`cls.spec`), its title and its note (what the step is for, a sentence
    or two of SMM knowledge) from the window's words (`step.<id>.title`, `step.<id>.help`).

    Steps are built lazily: the app mounts a step the first time it is shown, calls
    `refresh_view()` right after mounting it, and again when it is shown after the strategy
    changed elsewhere. The app focuses the step's first control when it is shown. When the
    window's language changes, the app builds the steps again.
    """

    step_id: ClassVar[str] = ""
    spec: ClassVar[StepSpec]
    step_title: ClassVar[str] = ""  # from the declaration (English): the window shows `title()`

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.step_id:
            cls.spec = step_spec(cls.step_id)
            cls.step_title = cls.spec.title

    @property
    def strategy(self) -> Strategy:
        return self.app.strategy  # type: ignore[attr-defined]

    @property
    def lang(self) -> str:
        """The language the window speaks."""
        return lang_of(self)

    def t(self, key: str, /, count: float | None = None, **values: Any) -> str:
        """A text of the window in its language (`ui.<key>` of planner/locales/ui.<lang>.toml)."""
        return say(self)(key, count, **values)

    def title(self) -> str:
        """The step's name as the sidebar and the palette say it."""
        return self.t(f"step.{self.step_id}.title")

    def help_text(self) -> str:
        """The note at the top of the step: what it is for."""
        return self.t(f"step.{self.step_id}.help")

    def refresh_view(self) -> None:
        """Show the current state of `self.strategy` (after load, plan, or another step's edit)."""

    def focus_start(self) -> bool:
        """Focus where the person starts on this step; False: the app focuses the first control."""
        return False

    async def open_editing(self) -> None:
        """Build the editing widgets of a step that first shows an overview (the Strategy step)."""

    def focus_field(self, where: str, problem: str = "") -> bool:
        """Put the cursor in the field at a validation path (e.g. `channels[vk-main].days`); True if found.

        `problem` is what is wrong there, for a step to show where the field itself cannot say it.
        """
        return False

    def edited(self) -> None:
        self.post_message(StrategyEdited(self.step_id))


# --- keys in the window's language ----------------------------------------------------------------


@lru_cache(maxsize=1024)
def translated(binding: Binding, lang: str) -> Binding:
    """A binding as the footer, the palette and the key help show it: its description and tooltip
    from the words (`keys.<binding id>`, `tips.<binding id>`); Textual's own palette key by its action."""
    key = binding.id or binding.action.removeprefix("app.")
    catalog = l10n.labels(lang)
    description = catalog.get(f"ui.keys.{key}")
    tooltip = catalog.get(f"ui.tips.{key}")
    if description is None and tooltip is None:
        return binding
    return dataclasses.replace(
        binding,
        description=str(description or binding.description),
        tooltip=str(tooltip or binding.tooltip),
    )


def translated_bindings(screen: Screen[Any], active: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    lang = lang_of(screen)
    out = {}
    for key, item in active.items():
        binding = translated(item.binding, lang)
        out[key] = ActiveBinding(item.node, binding, item.enabled, binding.tooltip)
    return out


class PlannerScreen(BothLayouts, Screen[ResultType]):
    """A full screen of the planner: the footer shows its keys in the window's language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated_bindings(self, super().active_bindings)

    def t(self, key: str, /, count: float | None = None, **values: Any) -> str:
        return say(self)(key, count, **values)


class PlannerModal(BothLayouts, ModalScreen[ResultType]):
    """A form or dialog of the planner: its keys in the window's language, `self.t()` for its words."""

    AREA: ClassVar[str] = "dialog"  # the palette titles its actions "<area>: <action>" (words `area.<AREA>`)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated_bindings(self, super().active_bindings)

    def t(self, key: str, /, count: float | None = None, **values: Any) -> str:
        return say(self)(key, count, **values)
