"""Where a new user got stuck (issue 11), each a test that failed before its fix."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import DataTable, Footer, Input, Static
from typer.testing import CliRunner

from planner import storage
from planner.cli import app as cli
from screens.app import PlannerApp
from screens.content_plan import ContentPlanStep, PostTable
from screens.dialogs import ConfirmDialog, SaveAsDialog
from screens.forms import FormFields, ItemForm
from screens.keys_help import KeysScreen
from screens.lists import ListStep
from screens.post_form import PostForm
from screens.problems import BrokenFileScreen, ProblemsScreen
from tests.tui.conftest import SIZE, fill, opened, screen_text


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press_at_once(pilot: Any, *keys: str) -> None:
    """Keys that arrive in one batch, as from a text expander or a fast typist: each posted
    without waiting for the one before to be handled (Pilot.press waits after every key)."""
    for key in keys:
        character = "\t" if key == "tab" else key if len(key) == 1 else None
        pilot.app.post_message(events.Key(key, character))
    await pilot.pause()


# --- the broken-file screen ---------------------------------------------------------------------


@pytest.mark.parametrize("key", ["q", "escape", "enter"])
async def test_the_broken_file_screen_quits_with_the_keys_it_names(tmp_path: Path, key: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('schema_version = 1\n[strategy]\nname = "Unclosed\n')
    app = PlannerApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert isinstance(app.screen, BrokenFileScreen)
        assert "q" in screen_text(app) and "Quit" in screen_text(app)
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running  # before: only ctrl+q quit ("app.exit" is no action)
    assert path.read_text() == 'schema_version = 1\n[strategy]\nname = "Unclosed\n'


# --- a folder that does not exist -----------------------------------------------------------------


def test_new_checks_the_folder_before_any_work_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Path] = []
    monkeypatch.setattr("planner.cli._run_tui", lambda path, lang: started.append(path))
    missing = tmp_path / "no-such-folder" / "bakery.toml"
    result = CliRunner().invoke(cli, ["new", str(missing), "--ui-lang", "ru"])
    assert result.exit_code == 1 and not started
    assert "такой папки нет" in result.output and "mkdir -p" in result.output
    result = CliRunner().invoke(cli, ["new", str(missing), "--ui-lang", "en"])
    assert result.exit_code == 1 and "no such folder" in result.output
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "bakery.toml")])
    assert result.exit_code == 0 and started == [tmp_path / "bakery.toml"]


async def test_a_failed_save_says_why_and_offers_another_name(tmp_path: Path) -> None:
    folder = tmp_path / "client"
    folder.mkdir()
    app = PlannerApp(folder / "bakery.toml", ui_lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press(*"Rye & Co", "tab")
        folder.rmdir()  # gone while the person worked
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveAsDialog)
        assert f"The folder {folder} does not exist" in dialog.reason
        field = dialog.query_one("#save-as-path", Input)
        field.value = str(tmp_path / "bakery.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.dirty and app.path == tmp_path / "bakery.toml"
        assert "bakery.toml" in app.sub_title
    assert storage.read(tmp_path / "bakery.toml").strategy.strategy.name == "Rye & Co"


async def test_save_as_never_writes_over_another_file(tmp_path: Path) -> None:
    taken = tmp_path / "taken.toml"
    taken.write_text("mine\n")
    app = PlannerApp(tmp_path / "gone" / "x.toml", ui_lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press(*"Пекарня", "tab", "ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveAsDialog)
        assert "не существует" in dialog.reason
        dialog.query_one("#save-as-path", Input).value = str(taken)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and "уже существует" in str(dialog.query_one("#save-as-error").render())
    assert taken.read_text() == "mine\n"


async def test_a_file_busy_with_another_command_is_said_in_a_dialog(
    cafe_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner import locking

    monkeypatch.setattr(locking, "WAIT_SECONDS", 0.05)
    held, release = threading.Event(), threading.Event()

    def other_command() -> None:  # `plan` or `results` in another process, holding the file's lock
        with locking.locked(cafe_copy):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=other_command)
    thread.start()
    held.wait(5)
    try:
        app = PlannerApp(cafe_copy, ui_lang="ru")
        async with app.run_test(size=SIZE) as pilot:
            await opened(pilot)
            app.strategy.strategy.client = "Другой клиент"
            app.dirty = True
            await pilot.press("ctrl+s")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog) and dialog.dialog_title == "Файл занят"
            assert "прямо сейчас меняет" in dialog.message
            release.set()
            thread.join(5)
            await pilot.press("y")  # try again, now that the other command is done
            await pilot.pause()
            assert not app.dirty
    finally:
        release.set()
        thread.join(5)
    assert storage.read(cafe_copy).strategy.strategy.client == "Другой клиент"


# --- f8, a problem, Enter: the field it names ---------------------------------------------------


async def test_a_misspelt_key_lands_on_the_field_it_meant_not_on_the_name(cafe_copy: Path) -> None:
    text = cafe_copy.read_text().replace('id = "ig-main"', 'id = "ig-main"\nposts_per_weak = 4', 1)
    cafe_copy.write_text(text)
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        # Before: the cursor was in the name, where typing replaced the channel's name.
        assert app.focused is form.query_one("#field-posts_per_week")
        assert "posts_per_weak" in str(form.query_one("#form-note").render())


async def test_a_problem_of_a_whole_table_lands_on_its_table(cafe_copy: Path) -> None:
    cafe_copy.write_text(cafe_copy.read_text().replace("share = 30", "share = 35", 1))
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_step == "pillars"
        assert isinstance(app.focused, DataTable)


async def test_a_problem_of_a_post_opens_the_post_at_its_field(cafe_copy: Path) -> None:
    text = cafe_copy.read_text().replace("date = 2026-12-03", "date = 2027-04-03", 1)
    cafe_copy.write_text(text)
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        assert any(p.where.endswith(".date") for p in app.screen.problems)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PostForm)
        assert app.focused is form.query_one("#date")
        assert "outside the strategy period" in str(form.query_one("#form-message").render())


# --- what fits at 80×24 and 60×20 ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("step_id", ["audience", "competitors", "channels", "pillars", "goals", "campaigns"])
async def test_at_80x24_a_value_is_shown_whole_or_its_column_left_out(
    cafe_copy: Path, shop_ru_copy: Path, step_id: str, lang: str
) -> None:
    app = PlannerApp(cafe_copy if lang == "en" else shop_ru_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        pane = await app.show_step(step_id)
        await pilot.pause()
        assert isinstance(pane, ListStep)
        table = pane.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling
        for row, item in enumerate(pane.items):
            for column, _ in pane._layout:
                if column.flex:
                    continue  # the name is abbreviated; the form shows it whole
                shown = str(table.get_cell_at((row, list(table.columns).index(column.key))))
                assert shown == " ".join(column.value(item, lang, app.strategy).split()), (column.key, shown)
        keys = [column.key for column, _ in pane._layout]
        if step_id == "goals":  # before: "850 → 2", and no deadline
            assert "baseline_target" in keys and "deadline" in keys
        if step_id == "campaigns":  # before: "2027-0"
            assert "dates" in keys


async def test_f8_problems_stays_in_the_footer_at_80_columns(shop_ru_copy: Path) -> None:
    shop_ru_copy.write_text(shop_ru_copy.read_text().replace("share = 35", "share = 40", 1))
    app = PlannerApp(shop_ru_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("escape")  # the problems list
        await app.show_step("channels")
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        f8 = next(k for k in footer.query("FooterKey") if k.key == "f8")  # type: ignore[attr-defined]
        assert f8.region.right <= footer.region.right - len("^p Команды")
        assert "f8 Проблемы" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_the_post_form_keeps_save_and_cancel_in_view_with_a_message(
    shop_ru_copy: Path, size: tuple[int, int]
) -> None:
    app = PlannerApp(shop_ru_copy)
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        await app.show_step("plan")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PostForm)
        form.query_one("#date", Input).value = "31.02.2027"
        form.query_one("#time", Input).value = "25:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "такого дня в календаре нет" in str(form.query_one("#form-message").render())
        for button in ("#save", "#cancel"):
            region = form.query_one(button).region
            assert region.height and region.bottom <= size[1], button
            found, _ = form.get_widget_at(region.x + 1, region.y)
            assert found is form.query_one(button) or form.query_one(button) in found.ancestors


# --- the content plan: names, a short message, a log ----------------------------------------------


async def test_the_content_plan_shows_names_where_people_named_things(shop_ru_copy: Path) -> None:
    app = PlannerApp(shop_ru_copy, ui_lang="ru")
    async with app.run_test(size=(120, 30)) as pilot:
        await opened(pilot)
        step = await app.show_step("plan")
        await settle(pilot)
        assert isinstance(step, ContentPlanStep)
        table = step.query_one(PostTable)
        post = step._slice[0]
        cells = [str(c) for c in table.get_row_at(0)]
        channel = app.strategy.channel(post.channel)
        pillar = app.strategy.pillar(post.pillar)
        assert channel is not None and pillar is not None
        assert post.channel not in cells and post.pillar not in cells  # ids: tg-main, aktsii-i-pred…
        # The name, or where it is too long for the column the channel's platform ("Telegram").
        assert any(c and (channel.name.startswith(c.rstrip("…")) or c == "Telegram") for c in cells)
        assert any(c and pillar.name.startswith(c.rstrip("…")) for c in cells)


async def test_generating_says_one_short_line_and_keeps_the_details_in_the_plan_log(
    shop_ru_copy: Path,
) -> None:
    app = PlannerApp(shop_ru_copy, ui_lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await app.show_step("plan")
        await settle(pilot)
        app.strategy.posts[:] = [p for p in app.strategy.posts if not p.owned_by_planner]
        await pilot.press("g")
        await settle(pilot)
        message = list(app._notifications)[-1].message
        assert "\n" not in message and len(message) <= 90, message
        assert message.startswith("План составлен: добавлено")
        summary = str(app.query_one("#plan-summary", Static).render())
        assert summary.startswith("Последнее составление: добавлено")
        app.action_plan_log()
        await pilot.pause()
        log = str(app.screen.query_one(".dialog-message", Static).render())
        # The planner's own summary in the window's language, holidays named in it.
        assert "всего 2026-12-01 – 2027-02-28" in log and "праздник" in log
        channel = app.strategy.channels[0]
        assert f"{channel.name} 2026-12: добавлено" in log and f"{channel.id} " not in log
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog) and app.screen is app.screen_stack[0]


async def test_holidays_are_named_in_the_window_language(shop_ru_copy: Path) -> None:
    # A Russian strategy in an English window: the plan marks "Christmas Day", not "Рождество Христово"
    # (before: always English). The holidays library names a country's holidays in the languages it
    # has: Russia's in both, the United Kingdom's in English only.
    for lang, name in (("en", "Christmas Day"), ("ru", "Рождество Христово")):
        app = PlannerApp(shop_ru_copy, ui_lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await opened(pilot)
            step = await app.show_step("plan")
            await settle(pilot)
            assert isinstance(step, ContentPlanStep)
            assert step._holidays.get(dt.date(2027, 1, 7)) == name


# --- the key help, Esc in a form -------------------------------------------------------------------


async def test_the_key_help_opens_with_f1_and_closes_with_esc(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy, ui_lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await app.show_step("channels")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        text = screen_text(app)
        assert "Копия" in text and "следующее поле" in text and "Сохранить" in text
        assert "Cursor" not in text and "Copy" not in text  # Textual's own keys speak English
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, KeysScreen) and app.current_step == "channels"
        titles = [t for t, _, _ in app.palette_commands(app.screen)]
        assert "Справка: клавиши" in titles and "Keys" not in titles


async def test_esc_in_a_post_form_with_changes_asks_first(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await app.show_step("plan")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PostForm)
        post = form.post
        topic = post.topic
        await pilot.press("end", *" (new angle)", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # before: the changes were gone at once
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is form and form.query_one("#topic", Input).value == f"{topic} (new angle)"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, PostForm) and post.topic == topic and not app.dirty


async def test_esc_in_an_unchanged_form_closes_it_at_once(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await app.show_step("channels")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (ItemForm, ConfirmDialog))
        await pilot.press("enter")
        await pilot.pause()
        await fill(pilot, {"role": "the café's own voice"})
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)


# --- keys typed in the same instant as Tab --------------------------------------------------------


async def test_keys_typed_with_tab_land_in_the_next_field(tmp_path: Path) -> None:
    app = PlannerApp(tmp_path / "bakery.toml", ui_lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "field-name"
        # "Rye" Tab "Acme" from a text expander: one batch of keys.
        await press_at_once(pilot, "R", "y", "e", "tab", "A", "c", "m", "e")
        await pilot.pause()
        info = app.strategy.strategy
        assert (info.name, info.client) == ("Rye", "Acme")  # before: "RyeAcme" and no client
        # Back with shift+tab: the name is selected on focus, and what follows replaces it.
        await press_at_once(pilot, "shift+tab", "B", "r", "e", "a", "d")
        await pilot.pause()
        assert (info.name, info.client) == ("Bread", "Acme")


async def test_tab_still_leaves_a_choice_list_and_a_text_box(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await app.show_step("pillars")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen.query_one(FormFields)
        stage = form.query_one("#field-stage")
        stage.focus()
        await pilot.press("enter")  # open the choices
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not stage and not stage.expanded  # type: ignore[attr-defined]
        topics = form.query_one("#field-topics")
        topics.focus()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not topics
        assert "\t" not in topics.text  # type: ignore[attr-defined]


# --- the README --------------------------------------------------------------------------------


def test_the_readme_says_how_to_run_smm_planner_bare_right_after_the_install_commands() -> None:
    from tests.conftest import ROOT

    text = (ROOT / "README.md").read_text("utf-8")
    second = text.index("```sh", text.index("```sh") + 1)
    after = text[text.index("```", second + 5) + 3 :]
    note = after[: after.index("## ")]
    assert "source .venv/bin/activate" in note and "pipx install" in note and "uv tool install" in note
    assert os.path.exists(ROOT / ".ci" / "run")
