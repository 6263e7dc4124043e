"""The planner's Textual app: the steps in a sidebar, saving, quitting, the command palette, the window's language."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, cast

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.dom import DOMNode
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Header, Static

from planner.errors import PlannerError, Problem
from planner.model import LANGUAGES, Strategy
from planner.session import ChangedOnDisk, Session, UnreadableValues
from screens.base import PlannerScreen, StepPane, StrategyEdited, translated
from screens.sidebar import Sidebar
from screens.step_specs import STEP_IDS, STEPS, step_for, step_spec
from screens.textual_private import CrashHookApp
from screens.words import Say, words

# Files up to this size (about 3,000 posts with their copy) are read before the first paint, with
# the first step laid out and painted once (2,000 posts: ~40 ms to read); a larger file shows
# the frame first (tests/bench/RESULTS.md).
SMALL_FILE = 1024 * 1024


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
        found = False
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        if not found and query.strip():
            # Said here, in the window's language: Textual's own "No matches found" is English.
            app = self.app
            assert isinstance(app, PlannerApp)
            yield Hit(1, app.t("palette.nothing", query=query.strip()), lambda: None)


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


class MainScreen(PlannerScreen[None]):
    """The planner's screen: the app focuses the first step itself, without a detour by the sidebar.

    Each focus change rebuilds the footer's keys and restyles what gained and lost focus.
    """

    AUTO_FOCUS = ""


class PlannerApp(CrashHookApp[None]):
    """Edit one strategy file: `PlannerApp(path)`; a path that does not exist starts a new strategy.

    `ui_lang` is the window's language as `--ui-lang` gives it; None: the one the person chose
    last, else the strategy's, else (a new strategy) the environment's locale (planner.ui_prefs).
    """

    CSS_PATH = "app.tcss"
    TITLE = "smm-planner"
    # One provider for everything, so that the palette lists the step's actions first.
    COMMANDS: ClassVar = {PlannerCommands}
    # The footer lists the step's keys first, then these in this order: f8 before ^n and esc, so
    # that a narrow window cuts the keys a person can also find in the sidebar.
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", id="file.save", priority=True, tooltip="Save the strategy file"),
        Binding(
            "f8",
            "problems",
            "Problems",
            id="file.problems",
            tooltip="What validate says, with a way to each field",
        ),
        Binding("ctrl+n", "next_step", "Next", id="go.next", priority=True, tooltip="Open the next step"),
        # Not in the footer: the sidebar is in view, and the step notes and f1 say how to get there.
        Binding(
            "escape", "focus_sidebar", "Steps", id="go.steps", show=False, tooltip="Go to the list of steps"
        ),
        # Tab moves the focus before the next key is read: without priority, Textual forwards Tab
        # to the focused widget first and only moves the focus once it bubbles back up, and keys
        # typed in the same instant ("Tab 25-35" from a text expander) land in the field being left.
        Binding("tab", "focus_next", "Next field", id="go.field-next", show=False, priority=True),
        Binding(
            "shift+tab", "focus_previous", "Previous field", id="go.field-previous", show=False, priority=True
        ),
        Binding("f1", "keys", "Keys", id="help.keys", show=False, priority=True, tooltip="Every key here"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="app.palette",
            show=False,
            priority=True,
            tooltip="Every command, searchable",
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

    def __init__(self, path: str | Path, *, ui_lang: str | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        # The file is read on first use (`session_loaded`): after the first paint for a large
        # file, so that the frame of the app comes up without waiting for it (20,000 posts take
        # ~0.4 s to read and check).
        self.session = Session(self.path)
        self.current_step = STEP_IDS[0]
        self._showing = asyncio.Lock()
        self._stale: set[str] = set()
        self._plan_log: list[str] = []
        self.ui_lang, self._lang_from_file = self._first_language(ui_lang)
        self._collector = "before"  # the garbage collector around the first screen: on_load
        self._collector_was_on = True

    # --- the window's language ------------------------------------------------------------------

    def _first_language(self, chosen: str | None) -> tuple[str, bool]:
        """(the language to start in, whether it came from the file and may change once it is read)."""
        from planner.ui_prefs import file_language, interface_language, remembered_language

        if chosen in LANGUAGES or remembered_language():
            return interface_language(chosen), False
        if not self.path.exists():
            return interface_language(), False
        # A file without `language` is in English (the format's default).
        return interface_language(strategy_language=file_language(self.path) or "en"), True

    def t(self, key: str, /, count: float | None = None, **values: Any) -> str:
        """A text of the window in its language."""
        return words(self.ui_lang)(key, count, **values)

    @property
    def say(self) -> Say:
        return words(self.ui_lang)

    async def set_ui_language(self, lang: str, *, remember: bool = True) -> None:
        """Speak `lang` from now on: every step is built again in it; remembered for next time."""
        if lang not in LANGUAGES:
            return
        if remember:
            from planner.ui_prefs import remember_language

            remember_language(lang)
        self._lang_from_file = False
        if lang == self.ui_lang:
            return
        self.ui_lang = lang
        await self._speak_again()
        self.notify(self.t("app.language_set"), markup=False)

    async def _speak_again(self) -> None:
        """Every text on screen again, in the current language."""
        self._update_title()
        self._update_welcome()
        sidebar = self.query_one(Sidebar)
        sidebar.retitle()
        switcher = self.query_one("#steps", ContentSwitcher)
        if switcher.current is not None:
            editing = bool(getattr(self.step("strategy"), "editing", False))
            current = self.current_step
            async with self._showing:
                await switcher.remove_children()
                switcher.current = None
            pane = await self.show_step(current)
            if editing and current == "strategy":
                await pane.open_editing()
        if self.session.loaded:
            self._update_problem_count()
            sidebar.update_badges(self.strategy, self.current_step)
        self.screen.refresh_bindings()

    async def action_ui_language(self, lang: str) -> None:
        await self.set_ui_language(lang)

    # --- the file -----------------------------------------------------------------------------

    @property
    def session_loaded(self) -> Session:
        """The session, with the file read the first time it is needed."""
        if not self.session.loaded:
            self.session.load()
            if self.session.is_new:
                # A new strategy's documents speak the window's language until the person says otherwise.
                self.session.strategy.strategy.language = self.ui_lang
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
                yield Static("", id="welcome", markup=False)
                yield ContentSwitcher(id="steps")
        yield Footer(compact=True)

    # --- the garbage collector around the first screen -------------------------------------------

    def on_load(self) -> None:
        # Starting the window makes ~100,000 objects that all stay (Textual's, the frame's, a
        # 2,000-post plan's), and the collector walked them again and again before the first
        # screen was up (~35 ms). It waits until the first step is shown (`_first_screen_up`).
        self._collector_was_on = gc.isenabled()
        self._collector = "paused"
        gc.disable()

    def _first_screen_up(self) -> None:
        """What is alive now lives as long as the window: frozen, so that the collector walks only
        what the window makes from here on, and a big plan's objects never hold up typing. The few
        thousand objects of garbage that starting made stay with them (a few hundred KB, once)."""
        if self._collector != "paused":
            return
        gc.freeze()
        if self._collector_was_on:
            gc.enable()
        self._collector = "frozen"

    def on_unmount(self) -> None:
        if self._collector == "frozen":
            gc.unfreeze()  # the window's objects are garbage now: collected as usual
        elif self._collector == "paused" and self._collector_was_on:
            gc.enable()
        self._collector = "done"

    async def on_mount(self) -> None:
        self._update_title()
        self._update_welcome()
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
        try:
            await self._show_first_step()
        finally:
            self._first_screen_up()

    async def _show_first_step(self) -> None:
        if self.broken:
            from screens.problems import BrokenFileScreen

            await self.push_screen(BrokenFileScreen(self.problems, str(self.path)))
            return
        if self._lang_from_file:
            # The language was read from the top of the file before it was loaded; the file has the last word.
            self._lang_from_file = False
            language = self.strategy.strategy.language
            if language in LANGUAGES and language != self.ui_lang:
                self.ui_lang = language
                self._update_title()
                self.query_one(Sidebar).retitle()
                self.screen.refresh_bindings()
        self._update_welcome()
        self._update_problem_count()
        if self.query_one("#steps", ContentSwitcher).current is None:  # no step opened meanwhile
            await self.show_step(STEP_IDS[0])
        if self.problems:
            self.call_after_refresh(self.action_problems)

    def watch_dirty(self) -> None:
        self._update_title()
        self.screen.refresh_bindings()  # f8 shows while there are changes to check

    def _update_title(self) -> None:
        name = self.path.name
        self.sub_title = self.t("app.unsaved", name=name) if self.dirty else name

    def _update_welcome(self) -> None:
        welcome = self.query_one("#welcome", Static)
        welcome.update(self.t("app.welcome"))
        welcome.display = self.is_new and not self.dirty

    def _update_problem_count(self) -> None:
        count = self.query_one("#problem-count", Static)
        n = len(self.problems)
        count.update(self.t("app.problem_count", count=n) if n else "")
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
            self.notify(self.t("app.last_step"))

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
        if action in ("focus_next", "focus_previous"):
            # A widget that takes Tab for itself (a TextArea that indents) keeps it.
            # (By its attribute: importing TextArea here would cost the first screen ~20 ms.)
            return getattr(self.screen.focused, "tab_behavior", "focus") != "indent"
        # Inside a form or dialog these keys belong to it (ctrl+s confirms a form).
        # Only what is already known: the footer asks before the file is read.
        own = action in ("save", "next_step", "show_step", "problems", "focus_sidebar")
        if own and (self.session.broken or isinstance(self.screen, ModalScreen)):
            return False
        # Nothing to list: keep the footer short. Never read the file for this: a large one is
        # read after the first paint, and the footer asks while the frame is being drawn.
        known = self.session.problems if self.session.loaded else []
        return not (action == "problems" and not known and not self.dirty)

    # --- problems ---------------------------------------------------------------------------

    def action_problems(self) -> None:
        if self.dirty:
            self.session.recheck()
            self._update_problem_count()
        if not self.problems:
            self.notify(self.t("app.no_problems"))
            return
        from screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(self.problems, self.path.name), self._go_to_problem)

    async def _go_to_problem(self, problem: Problem | None) -> None:
        if problem is None:
            return
        if problem.line is not None and not problem.where:
            from screens.problems import describe

            self.notify(describe(problem, self.ui_lang), severity="warning", markup=False)
            return
        pane = await self.show_step(step_for(problem.where), focus=False)
        await pane.open_editing()
        if not pane.focus_field(problem.where, problem.message):
            self._focus_step(pane)
            from screens.problems import describe

            self.notify(describe(problem, self.ui_lang), severity="warning", timeout=8, markup=False)

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
        """Save atomically with a `.bak`; asks before leaving out unreadable values or overwriting a file changed on disk.

        A save that fails says why in a dialog (another command busy with the file, a missing or
        read-only folder, a full disk) and offers to save under another name.
        """
        # Dialogs, forms and the problems list are imported when first needed: the first screen
        # of the planner must come up about as fast as an empty Textual app (tests/bench).
        from planner.locking import FileBusy
        from screens.dialogs import ConfirmDialog

        session = self.session_loaded
        if session.broken:
            self.notify(self.t("save.broken"), severity="error")
            return False
        retry = partial(self.save, overwrite=overwrite, drop_unreadable=drop_unreadable, then=then)
        try:
            session.save(overwrite=overwrite, drop_unreadable=drop_unreadable)
        except UnreadableValues:
            self._ask(
                ConfirmDialog(
                    self.t("save.unreadable_title"),
                    self.t(
                        "save.unreadable",
                        name=self.path.name,
                        values=self.session.lossy_summary(),
                    ),
                    yes=self.t("save.save"),
                    no=self.t("dialog.cancel"),
                ),
                partial(self.save, overwrite=overwrite, drop_unreadable=True, then=then),
            )
            return False
        except ChangedOnDisk:
            self._ask(
                ConfirmDialog(
                    self.t("save.changed_title"),
                    self.t("save.changed", path=str(self.path), name=self.path.name),
                    yes=self.t("save.overwrite"),
                    no=self.t("dialog.cancel"),
                ),
                partial(self.save, overwrite=True, drop_unreadable=drop_unreadable, then=then),
            )
            return False
        except FileBusy:
            # The TUI holds no lock while idle: a command (plan, results) is changing the file now.
            self._ask(
                ConfirmDialog(
                    self.t("save.busy_title"),
                    self.t("save.busy", path=str(self.path)),
                    yes=self.t("save.try_again"),
                    no=self.t("dialog.cancel"),
                ),
                retry,
            )
            return False
        except (PlannerError, OSError) as e:
            detail = e.message if isinstance(e, PlannerError) else f"{self.path}: {e.strerror or e}"
            self._failed_save(detail, then)
            return False
        self.dirty = False
        self._update_welcome()
        self._update_problem_count()
        if self.problems:
            self.notify(
                self.t("save.saved_with_problems", count=len(self.problems), name=self.path.name),
                severity="warning",
                markup=False,
            )
        else:
            self.notify(self.t("save.saved", name=self.path.name), markup=False)
        pending = getattr(self.step("strategy"), "pending_labels", [])
        if pending:
            self.notify(self.t("save.pending", fields=", ".join(pending)), severity="warning")
        if then is not None:
            then()
        return True

    def _failed_save(self, detail: str, then: Callable[[], object] | None) -> None:
        """Say why the file could not be saved, in the window's language, and offer another name."""
        from screens.dialogs import SaveAsDialog, save_failure

        reason = save_failure(self.path, self.say)

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.save_as(path, then=then)

        self.push_screen(SaveAsDialog(self.path, reason, detail), chosen)

    def save_as(self, path: Path, *, then: Callable[[], object] | None = None) -> bool:
        """Save the strategy under another name (a new file) and go on editing that one."""
        old_path = self.path
        self.path = self.session.path = path
        # A new file: nothing on disk to compare with, nothing of the old file's layout to keep.
        self.session.fingerprint = None
        self.session.is_new = True
        if self.save(then=then):
            return True
        if self.path == path and not path.exists():
            self.path = self.session.path = old_path
        return False

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

    def action_help_quit(self) -> None:
        # ctrl+c: Textual's own reminder, in English; this one speaks the window's language.
        self.notify(self.t("app.how_to_quit"), title=self.t("app.quit_title"))

    def on_crash(self, error: Exception) -> str | None:
        # A bug must not take unsaved work with it: write it beside the file before Textual exits.
        if not self.dirty or not self.session.loaded or self.session.broken:
            return None
        return f"smm-planner: unsaved changes were written to {self.session.rescue()}"

    # --- help, the plan's log ---------------------------------------------------------------

    def action_keys(self) -> None:
        from screens.keys_help import KeysScreen

        if isinstance(self.screen, KeysScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(KeysScreen(KeysScreen.rows_of(self.screen)))

    def log_plan(self, lines: list[str]) -> None:
        """Keep what the last generation of the plan said in full, for the palette's "plan log"."""
        self._plan_log = list(lines)

    def action_plan_log(self) -> None:
        from screens.dialogs import TextDialog

        if not self._plan_log:
            self.notify(self.t("plan.log_empty"))
            return
        self.push_screen(TextDialog(self.t("plan.log_title"), "\n".join(self._plan_log)))

    # --- command palette --------------------------------------------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=self.t("palette.search")))

    def _change_theme(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=self.t("palette.themes")))

    def _take_screenshot(self) -> None:
        path = self.save_screenshot()
        self.notify(path, title=self.t("palette.screenshot_saved"), markup=False)

    def system_commands(self, screen: Screen[object]) -> Iterator[Command]:
        """Textual's own commands worth having, named and explained like the planner's."""
        t = self.say
        view = t("area.view")
        yield (f"{view}: {t('palette.theme')}", t("palette.theme_help"), self._change_theme)
        if screen.maximized is not None:
            yield (f"{view}: {t('palette.minimize')}", t("palette.minimize_help"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield (f"{view}: {t('palette.maximize')}", t("palette.maximize_help"), screen.action_maximize)
        yield (
            f"{view}: {t('palette.screenshot')}",
            t("palette.screenshot_help"),
            lambda: self.set_timer(0.1, self._take_screenshot),
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterator[SystemCommand]:
        for title, help_text, callback in self.system_commands(screen):
            yield SystemCommand(title, help_text, callback)

    def palette_commands(self, screen: Screen[object]) -> Iterator[Command]:
        """The palette's commands on `screen`: the step's actions, the app's, then Textual's own."""
        t = self.say
        if isinstance(screen, ModalScreen):
            area = t(f"area.{getattr(screen, 'AREA', 'dialog')}")
            for binding in own_bindings(screen):
                shown = translated(binding, self.ui_lang)
                action = partial(self.run_action, binding.action, screen)
                yield (f"{area}: {shown.description.lower()}", shown.tooltip, action)
            return
        if self.broken:
            return
        yield from self._step_commands(screen)
        file, go, view, help_area = t("area.file"), t("area.go"), t("area.view"), t("area.help")
        yield (f"{file}: {t('palette.save')}", t("palette.save_help", path=str(self.path)), self.action_save)
        yield (f"{file}: {t('palette.quit')}", t("palette.quit_help"), self.action_quit)
        yield (f"{file}: {t('palette.problems')}", t("palette.problems_help"), self.action_problems)
        yield (f"{go}: {t('palette.next')}", t("palette.next_help"), self.action_next_step)
        for i, step in enumerate(STEPS):
            key = (i + 1) % 10
            title = t(f"step.{step.id}.title")
            yield (
                f"{go}: {title.lower()}",
                t("palette.step_help", step=title, digit=key),
                partial(self.show_step, step.id),
            )
        yield (f"{help_area}: {t('palette.keys')}", t("palette.keys_help"), self.action_keys)
        yield (f"{help_area}: {t('palette.plan_log')}", t("palette.plan_log_help"), self.action_plan_log)
        for lang in LANGUAGES:
            if lang != self.ui_lang:
                yield (
                    f"{view}: {t('palette.language', language=words(lang)('language_name'))}",
                    t("palette.language_help"),
                    partial(self.set_ui_language, lang),
                )
        yield from self.system_commands(screen)

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
        step_title = pane.title()
        for node in nodes:
            for binding in own_bindings(node):
                if node.check_action(binding.action, ()) is False:
                    continue  # e.g. "Strategy: edit" once the form is open
                shown = translated(binding, self.ui_lang)
                title = f"{step_title}: {shown.description.lower()}"
                if title not in seen:
                    seen.add(title)
                    yield (title, shown.tooltip, partial(self.run_action, binding.action, node))
