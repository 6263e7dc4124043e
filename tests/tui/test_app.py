"""The shell: steps, saving, quitting, files changed on disk, invalid files, the command palette."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input

from planner import storage
from screens.app import STEP_IDS, PlannerApp
from screens.dialogs import ConfirmDialog, QuitDialog
from screens.forms import FormFields, ItemForm
from screens.problems import BrokenFileScreen, ProblemsScreen
from screens.sidebar import Sidebar
from screens.strategy_step import StrategyOverview
from tests.tui.conftest import SIZE, fill, opened


async def test_a_new_strategy_is_welcomed_typed_and_saved(tmp_path: Path) -> None:
    path = tmp_path / "bakery.toml"
    app = PlannerApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        assert app.query_one("#welcome").display
        assert app.sub_title == "bakery.toml"
        name = app.focused
        assert isinstance(name, Input) and name.id == "field-name"  # the first thing to type
        await pilot.press(*"Bakery", "tab")
        assert app.strategy.strategy.name == "Bakery"
        assert app.sub_title == "bakery.toml • unsaved"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dirty and app.sub_title == "bakery.toml"
        assert not app.query_one("#welcome").display
    loaded = storage.read(path)
    assert loaded.ok and loaded.strategy.strategy.name == "Bakery"


async def test_strategy_fields_apply_only_when_valid(tmp_path: Path) -> None:
    app = PlannerApp(tmp_path / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        form = app.query_one("#form-strategy", FormFields)
        await fill(pilot, {"start": "2026-12-01", "end": "1 March"}, form)
        assert app.strategy.strategy.start == dt.date(2026, 12, 1)
        assert app.strategy.strategy.end is None
        assert "YYYY-MM-DD" in str(form.query_one("#error-end").render())
        await fill(pilot, {"end": "2026-11-01"}, form)
        assert "must be after strategy.start" in str(form.query_one("#error-end").render())
        await pilot.press("ctrl+s")  # saving says what is not saved yet
        await pilot.pause()
        assert any("Not saved until fixed on the Strategy step: End" in n.message for n in app._notifications)
        await fill(pilot, {"end": "2027-02-28", "language": "ru"}, form)
        assert app.strategy.strategy.end == dt.date(2027, 2, 28)
        assert app.strategy.strategy.language == "ru"
        assert not form.query_one("#error-end").display


async def test_steps_open_from_the_sidebar_keys_and_next(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert app.current_step == "strategy"
        await pilot.press("alt+4")
        assert app.current_step == "channels"
        await pilot.press("ctrl+n")
        assert app.current_step == "pillars"
        sidebar = app.query_one(Sidebar)
        sidebar.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.current_step == "goals"
        await pilot.press("alt+0")
        await pilot.pause()
        assert app.current_step == "preview"
        # Esc goes back to the steps from anywhere; a digit opens one.
        await pilot.press("alt+1")
        await pilot.pause()
        assert isinstance(app.focused, StrategyOverview)  # the form is built on Enter
        await pilot.press("escape", "7")
        await pilot.pause()
        assert app.current_step == "campaigns"
        # Steps are built the first time they are shown, not at start.
        assert app.step("competitors") is None


async def test_every_action_is_in_the_command_palette(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("alt+4")
        await pilot.pause()
        titles = [t for t, _, _ in app.palette_commands(app.screen)]
        titles += [c.title for c in app.get_system_commands(app.screen)]
        for title in (
            "File: save",
            "File: quit",
            "Go: next step",
            "Go: content pillars",
            "Channels: add",
            "Channels: duplicate",
            "Channels: delete",
        ):
            assert title in titles
        assert all(": " in t for t in titles)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"go: goals")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_step == "goals"


async def test_every_binding_has_an_id_and_a_description() -> None:
    from screens import dialogs, forms, lists, problems, sidebar
    from screens.step_specs import STEPS

    classes = [
        PlannerApp,
        *(s.load() for s in STEPS),
        lists.ListStep,
        forms.ItemForm,
        forms.ItemsEditor,
        forms.WeekdaysField,
        sidebar.Sidebar,
        dialogs.ConfirmDialog,
        dialogs.QuitDialog,
        dialogs.ErrorDialog,
        problems.ProblemsScreen,
        problems.BrokenFileScreen,
    ]
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", ()):
            assert binding.id and binding.description, (cls.__name__, binding.key)


async def test_quitting_with_unsaved_changes_asks(cafe_copy: Path) -> None:
    original = cafe_copy.read_text()
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("enter")  # from the overview into the Strategy form
        await fill(pilot, {"client": "Someone else"}, app.query_one("#form-strategy", FormFields))
        assert app.dirty
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, QuitDialog)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert not isinstance(app.screen, QuitDialog) and app.is_running
        await pilot.press("ctrl+q", "d")  # quit without saving
        await pilot.pause()
    assert not app.is_running
    assert cafe_copy.read_text() == original


async def test_quitting_can_save_first(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("enter")  # from the overview into the Strategy form
        await fill(pilot, {"client": "Someone else"}, app.query_one("#form-strategy", FormFields))
        await pilot.press("ctrl+q", "s")
        await pilot.pause()
    assert not app.is_running
    assert storage.read(cafe_copy).strategy.strategy.client == "Someone else"
    assert (cafe_copy.parent / "cafe.toml.bak").exists()


async def test_quitting_without_changes_does_not_ask(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_saving_over_a_file_changed_on_disk_asks(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("enter")  # from the overview into the Strategy form
        await fill(pilot, {"client": "Mine"}, app.query_one("#form-strategy", FormFields))
        theirs = cafe_copy.read_text().replace("Coffee Lab Roasters Ltd", "Theirs Ltd")
        cafe_copy.write_text(theirs)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert cafe_copy.read_text() == theirs and app.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.dirty
    assert storage.read(cafe_copy).strategy.strategy.client == "Mine"
    assert (cafe_copy.parent / "cafe.toml.bak").read_text() == theirs


async def test_saving_keeps_the_comments_of_a_hand_written_file(cafe_copy: Path) -> None:
    cafe_copy.write_text("# Agreed with the client on 1 December.\n" + cafe_copy.read_text())
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        app.strategy.strategy.client = "Coffee Lab Group"
        app.dirty = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not [n for n in app._notifications if "comments" in n.message]
    text = cafe_copy.read_text()
    assert text.startswith("# Agreed with the client on 1 December.\n")
    assert 'client = "Coffee Lab Group"' in text


async def test_an_invalid_file_opens_with_its_problems(cafe_copy: Path) -> None:
    text = cafe_copy.read_text()
    text = text.replace('id = "ig-main"', 'id = "ig-main"\nposts_per_weak = 4', 1)
    text = text.replace("share = 30", "share = 35", 1)
    cafe_copy.write_text(text)
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        wheres = [p.where for p in screen.problems]
        assert "channels[ig-main].posts_per_weak" in wheres and "pillars" in wheres
        assert app.query_one("#problem-count").display
        await pilot.press("enter")  # the first problem: the channel's unknown key
        await pilot.pause()
        assert app.current_step == "channels"
        assert isinstance(app.screen, ItemForm) and app.screen.item.id == "ig-main"
        await pilot.press("escape", "f8")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.current_step == "pillars"
        # The file lost a key it could not read: the first save says so before writing.
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "posts_per_weak" in app.screen.message


async def test_a_file_that_is_not_toml_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('schema_version = 1\n[strategy]\nname = "Unclosed\n')
    app = PlannerApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert isinstance(app.screen, BrokenFileScreen)
        assert "broken.toml:3:" in str(app.screen.query_one("#broken-problems").render())
        await pilot.press("ctrl+s")
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    assert path.read_text() == 'schema_version = 1\n[strategy]\nname = "Unclosed\n'


def test_steps_are_listed_in_the_order_of_the_work() -> None:
    assert STEP_IDS == [
        "strategy",
        "audience",
        "competitors",
        "channels",
        "pillars",
        "goals",
        "campaigns",
        "smo",
        "plan",
        "preview",
    ]


async def test_a_problem_in_a_nested_entry_opens_its_form(cafe_copy: Path) -> None:
    cafe_copy.write_text(
        cafe_copy.read_text().replace('platform = "instagram"\n  url', 'platform = "instagramm"\n  url', 1)
    )
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        assert "did you mean 'instagram'" in screen.problems[0].message
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_step == "competitors"
        form = app.screen
        assert isinstance(form, ItemForm) and form.item.id == "steam-and-co"
        assert app.focused is not None and app.focused.parent.id == "field-presence"


async def test_a_crash_keeps_unsaved_changes_beside_the_file(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)

    def broken() -> None:
        raise RuntimeError("a bug")

    try:
        async with app.run_test(size=SIZE) as pilot:
            await opened(pilot)
            await pilot.press("enter")  # from the overview into the Strategy form
            await fill(pilot, {"client": "Unsaved Ltd"}, app.query_one("#form-strategy", FormFields))
            app.call_later(broken)
            await pilot.pause()
    except RuntimeError:
        pass
    rescued = storage.parse((cafe_copy.parent / "cafe.toml.recovered").read_text())
    assert rescued.strategy.strategy.client == "Unsaved Ltd"
    assert storage.read(cafe_copy).strategy.strategy.client != "Unsaved Ltd"


async def test_quick_key_presses_open_each_step_once(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("escape", "4", "4", "5", "4")
        await pilot.pause()
        assert app.current_step == "channels"
        assert len(app.query("#step-channels")) == 1


def test_each_step_is_declared_once_and_its_class_reads_the_declaration() -> None:
    # The sidebar shows every step before its module is imported: the class named by a declaration
    # must be that step, and take its title and tables from it.
    from screens.lists import ListStep
    from screens.step_specs import STEPS

    for spec in STEPS:
        cls = spec.load()
        assert cls.step_id == spec.id and cls.spec is spec and cls.step_title == spec.title
        if issubclass(cls, ListStep):
            assert spec.tables == (spec.id,) and isinstance(cls.item_class, type)


def test_a_problem_belongs_to_the_step_that_edits_its_table() -> None:
    from screens.step_specs import step_for

    assert step_for("channels[vk-main].days") == "channels"
    assert step_for("community.report_every") == "strategy"
    assert step_for("tactics.contests") == "smo"
    assert step_for("posts[2026-12-02-vk-main-1].date") == "plan"
    assert step_for("pillars") == "pillars"
    assert step_for("posts_per_weak") == "strategy"  # an unknown top-level key: the first step


async def test_save_and_quit_asks_before_leaving_out_values_it_could_not_read(cafe_copy: Path) -> None:
    text = cafe_copy.read_text().replace('id = "ig-main"', 'id = "ig-main"\nposts_per_weak = 4', 1)
    cafe_copy.write_text(text)
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("escape")  # the problems list
        await pilot.pause()
        app.dirty = True
        await pilot.press("ctrl+q", "s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "posts_per_weak" in app.screen.message
        assert cafe_copy.read_text() == text
        await pilot.press("y")
        await pilot.pause()
    assert not app.is_running
    assert "posts_per_weak" not in cafe_copy.read_text()
    assert (cafe_copy.parent / "cafe.toml.bak").read_text() == text


async def test_the_collector_waits_for_the_first_screen_and_is_as_it_was_after(cafe_copy: Path) -> None:
    """Starting the window pauses the garbage collector; the first step shown freezes what is alive
    then (the collector walks only what the window makes after it); closing it gives all back."""
    import gc

    assert gc.isenabled() and gc.get_freeze_count() == 0
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 10_000  # the modules, the frame, the plan
        await pilot.press("2")  # a step opened later is collected as usual
        await pilot.pause()
    assert gc.isenabled() and gc.get_freeze_count() == 0


async def test_a_broken_file_turns_the_collector_back_on_too(tmp_path: Path) -> None:
    import gc

    path = tmp_path / "broken.toml"
    path.write_text("this is [not toml\n", "utf-8")
    app = PlannerApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BrokenFileScreen)
        assert gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0
