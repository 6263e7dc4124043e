"""The planner's Textual app: the steps in a sidebar, saving, quitting, the command palette."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.dom import DOMNode
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Header, Static

from planner.errors import PlannerError, Problem
from planner.model import Strategy
from planner.session import ChangedOnDisk, Session, UnreadableValues
from screens.base import StepPane, StrategyEdited
from screens.sidebar import Sidebar
from screens.step_specs import STEP_IDS, STEPS, step_for, step_spec
from screens.textual_private import CrashHookApp

# Files up to this size (about 2,500 posts) are read before the first paint: ~50 ms.
SMALL_FILE = 512 * 1024

WELCOME = "Welcome! Go down the steps on the left. ctrl+n: next step · ctrl+s: save · ctrl+p: all commands"


Command = tuple[str, str, Callable[[], object]]


class PlannerCommands(Provider):
    """Every action of the planner in the command palette, titled `area: action` ("File: save")."""

    def _commands(self) -> list[Command]:
        app = self.app
        assert isinstance(app, PlannerApp)
        return list(app.palette_commands(self.screen))

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


def own_bindings(node: DOMNode) -> Iterator[Binding]:
    """The planner's bindings of a widget or screen (not Textual's own), most specific class first."""
    seen: set[str] = set()
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("screens."):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.action not in seen and binding.description:
                seen.add(binding.action)
                yield binding


class MainScreen(Screen[None]):
    """The planner's screen: the app focuses the first step itself, without a detour by the sidebar.

    Each focus change rebuilds the footer's keys and restyles what gained and lost focus.
    """

    AUTO_FOCUS = ""


class PlannerApp(CrashHookApp[None]):
    """Edit one strategy file: `PlannerApp(path)`; a path that does not exist starts a new strategy."""

    CSS_PATH = "app.tcss"
    TITLE = "smm-planner"
    # One provider for everything, so that the palette lists the step's actions first.
    COMMANDS: ClassVar = {PlannerCommands}
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", id="file.save", priority=True, tooltip="Save the strategy file"),
        Binding("ctrl+n", "next_step", "Next", id="go.next", priority=True, tooltip="Open the next step"),
        Binding("escape", "focus_sidebar", "Steps", id="go.steps", tooltip="Go to the list of steps"),
        Binding(
            "f8",
            "problems",
            "Problems",
            id="file.problems",
            tooltip="What validate says, with a way to each field",
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="file.quit",
            priority=True,
            show=False,
            tooltip="Quit (asks if unsaved)",
        ),
        *(
            Binding(
                f"alt+{(i + 1) % 10}",
                f"show_step('{step.id}')",
                step.title,
                show=False,
                id=f"go.{step.id}",
                priority=True,
            )
            for i, step in enumerate(STEPS)
        ),
    ]

    dirty: var[bool] = var(False)
    """Changes not saved yet: the title says so and quitting asks."""

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        # The file is read on first use (`session_loaded`): after the first paint for a large
        # file, so that the frame of the app comes up without waiting for it (20,000 posts take
        # ~0.4 s to read and check).
        self.session = Session(self.path)
        self.current_step = STEP_IDS[0]
        self._showing = asyncio.Lock()
        self._stale: set[str] = set()

    # --- the file -----------------------------------------------------------------------------

    @property
    def session_loaded(self) -> Session:
        """The session, with the file read the first time it is needed."""
        if not self.session.loaded:
            self.session.load()
        return self.session

    @property
    def strategy(self) -> Strategy:
        """The strategy being edited (read from the file the first time it is needed)."""
        return self.session_loaded.strategy

    @strategy.setter
    def strategy(self, value: Strategy) -> None:
        self.session_loaded.strategy = value

    @property
    def is_new(self) -> bool:
        """A path with no file yet: a new strategy, saved there."""
        return self.session.is_new

    @property
    def broken(self) -> bool:
        """The file is not even TOML: nothing to edit, and saving would replace it with an empty strategy."""
        return self.session_loaded.broken

    @property
    def problems(self) -> list[Problem]:
        """What `validate` said of the file when it was read, saved or last checked (a new strategy has none)."""
        return self.session_loaded.problems

    # --- layout -----------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(id="_default")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="side"):
                yield Sidebar(STEPS, id="sidebar")
                yield Static("", id="problem-count", markup=False)
            with Vertical(id="main"):
                yield Static(WELCOME.format(path=self.path.name), id="welcome", markup=False)
                yield ContentSwitcher(id="steps")
        yield Footer()

    async def on_mount(self) -> None:
        self._update_title()
        self.query_one("#welcome").display = self.is_new
        # A large file (20,000 posts take ~0.4 s to read and check): the frame first, then the
        # file and the first step, so the person sees the planner at once. A smaller one reads
        # in tens of milliseconds: the first step is laid out and painted with the frame, once.
        if self._small_file():
            await self._open_first_step()
        else:
            self.call_after_refresh(self._open_first_step)

    def _small_file(self) -> bool:
        try:
            return self.path.stat().st_size < SMALL_FILE
        except OSError:  # new, or unreadable: read() says why
            return True

    async def _open_first_step(self) -> None:
        if self.broken:
            from screens.problems import BrokenFileScreen

            await self.push_screen(BrokenFileScreen(self.problems, str(self.path)))
            return
        self.query_one("#welcome").display = self.is_new
        self._update_problem_count()
        if self.query_one("#steps", ContentSwitcher).current is None:  # no step opened meanwhile
            await self.show_step(STEP_IDS[0])
        if self.problems:
            self.call_after_refresh(self.action_problems)

    def watch_dirty(self) -> None:
        self._update_title()

    def _update_title(self) -> None:
        self.sub_title = f"{self.path.name} • unsaved" if self.dirty else self.path.name

    def _update_problem_count(self) -> None:
        count = self.query_one("#problem-count", Static)
        n = len(self.problems)
        count.update(f"⚠ {n} problem{'s' if n != 1 else ''} (f8)" if n else "")
        count.display = bool(n)

    # --- steps ------------------------------------------------------------------------------

    def step(self, step_id: str) -> StepPane | None:
        """The mounted pane of a step (steps are built the first time they are shown)."""
        found = self.query(f"#step-{step_id}")
        return found.first(StepPane) if found else None

    async def show_step(self, step_id: str, *, focus: bool = True) -> StepPane:
        """Open a step: build it on first use, refresh it if the strategy changed since it was shown."""
        # One at a time: the first step is opened from a callback while keys may open another.
        async with self._showing:
            return await self._show_step(step_id, focus=focus)

    async def _show_step(self, step_id: str, *, focus: bool) -> StepPane:
        switcher = self.query_one("#steps", ContentSwitcher)
        pane = self.step(step_id)
        if pane is None:
            cls = step_spec(step_id).load()
            assert issubclass(cls, StepPane)
            pane = cls(id=f"step-{step_id}")
            await switcher.mount(pane)
            pane.refresh_view()
        elif step_id in self._stale:
            pane.refresh_view()
        self._stale.discard(step_id)
        switcher.current = pane.id
        self.current_step = step_id
        sidebar = self.query_one(Sidebar)
        sidebar.highlight_step(step_id)
        sidebar.update_badges(self.strategy, step_id)
        if focus:
            self.call_after_refresh(self._focus_step, pane)
        return pane

    def _focus_step(self, pane: StepPane) -> None:
        focused = self.screen.focused
        if focused is not None and pane in focused.ancestors:
            return
        if self.current_step != pane.step_id:  # another step was opened meanwhile
            return
        if pane.focus_start():
            return
        # The first control, not a scrolling container around it.
        controls = (
            w
            for w in pane.walk_children(Widget, method="depth")
            if w.focusable and (isinstance(w, ScrollView) or not isinstance(w, ScrollableContainer))
        )
        target = next(controls, None)
        if target is not None:
            target.focus()

    def action_focus_sidebar(self) -> None:
        self.query_one(Sidebar).focus()

    async def action_show_step(self, step_id: str) -> None:
        await self.show_step(step_id)

    async def action_next_step(self) -> None:
        index = STEP_IDS.index(self.current_step)
        if index + 1 < len(STEP_IDS):
            await self.show_step(STEP_IDS[index + 1])
        else:
            self.notify("This is the last step. ctrl+s saves; Preview writes the documents.")

    @on(Sidebar.StepChosen)
    async def _step_chosen(self, event: Sidebar.StepChosen) -> None:
        await self.show_step(event.step_id)

    @on(StrategyEdited)
    def _strategy_edited(self, event: StrategyEdited) -> None:
        self.dirty = True
        # Every other step may show what changed; each refreshes when it is next shown.
        self._stale = {s for s in STEP_IDS if s != event.step_id}
        self.query_one(Sidebar).update_badges(self.strategy, self.current_step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Inside a form or dialog these keys belong to it (ctrl+s confirms a form).
        # Only what is already known: the footer asks before the file is read.
        own = action in ("save", "next_step", "show_step", "problems", "focus_sidebar")
        if own and (self.session.broken or isinstance(self.screen, ModalScreen)):
            return False
        # Nothing to list: keep the footer short.
        return not (action == "problems" and not self.problems and not self.dirty)

    # --- problems ---------------------------------------------------------------------------

    def action_problems(self) -> None:
        if self.dirty:
            self.session.recheck()
            self._update_problem_count()
        if not self.problems:
            self.notify("No problems: the strategy is valid.")
            return
        from screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(self.problems, self.path.name), self._go_to_problem)

    async def _go_to_problem(self, problem: Problem | None) -> None:
        if problem is None:
            return
        if problem.line is not None and not problem.where:
            self.notify(str(problem), severity="warning", markup=False)
            return
        pane = await self.show_step(step_for(problem.where), focus=False)
        await pane.open_editing()
        if not pane.focus_field(problem.where):
            self._focus_step(pane)
            self.notify(f"{problem.where}: {problem.message}", severity="warning", timeout=8, markup=False)

    # --- saving and quitting ----------------------------------------------------------------

    def action_save(self) -> None:
        self.save()

    def save(
        self,
        *,
        overwrite: bool = False,
        drop_unreadable: bool = False,
        then: Callable[[], object] | None = None,
    ) -> bool:
        """Save atomically with a `.bak`; asks before leaving out unreadable values or overwriting a file changed on disk."""
        # Dialogs, forms and the problems list are imported when first needed: the first screen
        # of the planner must come up about as fast as an empty Textual app (tests/bench).
        from screens.dialogs import ConfirmDialog, ErrorDialog

        session = self.session_loaded
        if session.broken:
            self.notify("This file cannot be saved from here: fix its syntax first.", severity="error")
            return False
        try:
            session.save(overwrite=overwrite, drop_unreadable=drop_unreadable)
        except UnreadableValues:
            self._ask(
                ConfirmDialog(
                    "Save what the planner could read?",
                    self._unreadable_message(),
                    yes="Save",
                    no="Cancel",
                ),
                partial(self.save, overwrite=overwrite, drop_unreadable=True, then=then),
            )
            return False
        except ChangedOnDisk:
            self._ask(
                ConfirmDialog(
                    "The file changed on disk",
                    f"{self.path} was changed by another program since it was opened here. "
                    "Overwrite it with what you see here? "
                    f"The version on disk is kept as {self.path.name}.bak.",
                    yes="Overwrite",
                    no="Cancel",
                ),
                partial(self.save, overwrite=True, drop_unreadable=drop_unreadable, then=then),
            )
            return False
        except PlannerError as e:
            self.push_screen(ErrorDialog(e.title, e.message))
            return False
        except OSError as e:  # pragma: no cover - storage.save turns these into PlannerError
            self.push_screen(ErrorDialog("Not saved", f"{self.path}: {e.strerror or e}"))
            return False
        self.dirty = False
        self.query_one("#welcome").display = False
        self._update_problem_count()
        if self.problems:
            n = len(self.problems)
            self.notify(
                f"Saved {self.path.name}, with {n} problem{'s' if n > 1 else ''}: f8 lists them.",
                severity="warning",
                markup=False,
            )
        else:
            self.notify(f"Saved {self.path.name}.", markup=False)
        strategy_step = self.step("strategy")
        pending = getattr(strategy_step, "pending", [])
        if pending:
            self.notify(
                f"Not saved until fixed on the Strategy step: {', '.join(pending)}.", severity="warning"
            )
        if then is not None:
            then()
        return True

    def _unreadable_message(self) -> str:
        return (
            f"When it was opened, {self.path.name} had values the planner could not read "
            f"({self.session.lossy_summary()}). "
            f"Saving leaves them out; the current file is kept as {self.path.name}.bak."
        )

    def _ask(self, dialog: ModalScreen[bool], then: Callable[[], object]) -> None:
        """Push a yes/no dialog and call `then` on yes."""

        def answer(yes: bool | None) -> None:
            if yes:
                then()

        self.push_screen(dialog, answer)

    async def action_quit(self) -> None:
        if not self.dirty or self.broken:
            self.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save(then=self.exit)
            elif choice == "discard":
                self.exit()

        from screens.dialogs import QuitDialog

        self.push_screen(QuitDialog(self.path.name), answer)

    def on_crash(self, error: Exception) -> str | None:
        # A bug must not take unsaved work with it: write it beside the file before Textual exits.
        if not self.dirty or not self.session.loaded or self.session.broken:
            return None
        return f"smm-planner: unsaved changes were written to {self.session.rescue()}"

    # --- command palette --------------------------------------------------------------------

    # Textual's own palette commands, named like the planner's (`area: action`); its "Quit"
    # is "File: quit" here, which asks before losing changes.
    SYSTEM_TITLES: ClassVar = {
        "Theme": "View: theme",
        "Keys": "Help: keys",
        "Maximize": "View: maximize",
        "Minimize": "View: minimize",
        "Screenshot": "View: screenshot",
    }

    def get_system_commands(self, screen: Screen[object]) -> Iterator[SystemCommand]:
        for command in super().get_system_commands(screen):
            title = self.SYSTEM_TITLES.get(command.title)
            if title:
                yield command._replace(title=title)

    def palette_commands(self, screen: Screen[object]) -> Iterator[Command]:
        """The palette's commands on `screen`: the step's actions, the app's, then Textual's own."""
        if isinstance(screen, ModalScreen):
            area = getattr(screen, "AREA", "Dialog")
            for binding in own_bindings(screen):
                action = partial(self.run_action, binding.action, screen)
                yield (f"{area}: {binding.description.lower()}", binding.tooltip, action)
            return
        if self.broken:
            return
        yield from self._step_commands(screen)
        yield ("File: save", f"Save to {self.path} (ctrl+s)", self.action_save)
        yield ("File: quit", "Quit; asks first if there are unsaved changes (ctrl+q)", self.action_quit)
        yield (
            "File: show problems",
            "What validate would say, each with a way to the field (f8)",
            self.action_problems,
        )
        yield ("Go: next step", "Open the next step (ctrl+n)", self.action_next_step)
        for i, step in enumerate(STEPS):
            key = (i + 1) % 10
            yield (
                f"Go: {step.title.lower()}",
                f"Open the {step.title} step (Esc then {key}, or alt+{key})",
                partial(self.show_step, step.id),
            )
        for command in self.get_system_commands(screen):
            yield (command.title, command.help, command.callback)

    def _step_commands(self, screen: Screen[object]) -> Iterator[Command]:
        """The current step's own actions, and those of the focused widget inside it."""
        pane = self.step(self.current_step)
        if pane is None:
            return
        nodes: list[DOMNode] = [pane]
        focused = screen.focused
        if focused is not None and pane in focused.ancestors:
            nodes += [
                n
                for n in reversed(list(focused.ancestors_with_self))
                if n is not pane and pane in n.ancestors
            ]
        seen: set[str] = set()
        for node in nodes:
            for binding in own_bindings(node):
                if node.check_action(binding.action, ()) is False:
                    continue  # e.g. "Strategy: edit" once the form is open
                title = f"{pane.step_title}: {binding.description.lower()}"
                if title not in seen:
                    seen.add(title)
                    yield (title, binding.tooltip, partial(self.run_action, binding.action, node))
