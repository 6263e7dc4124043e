"""The SMO & tactics step: marking checklist items done, to do or n/a, with notes, from the keyboard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static, TabbedContent

from planner.model import CheckItem, Strategy, StrategyInfo
from planner.storage import dumps, load, parse
from screens.app import PlannerApp
from screens.checklists import ChecklistStep, NoteScreen, progress
from tests.tui.step_harness import StepHarness

SIZE = (80, 24)


def blank(language: str = "en") -> Strategy:
    return Strategy(strategy=StrategyInfo(name="Coffee Lab", language=language))


def harness(strategy: Strategy, tmp_path: Path, ui_lang: str = "en") -> StepHarness:
    return StepHarness(ChecklistStep, strategy, tmp_path / "strategy.toml", ui_lang=ui_lang)


def tab_labels(app: StepHarness) -> list[str]:
    tabs = app.query_one(TabbedContent)
    return [str(tabs.get_tab(pane).label) for pane in ("tab-smo", "tab-tactics")]


async def test_space_cycles_the_status_of_the_highlighted_item(tmp_path: Path) -> None:
    strategy = blank()
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is app.query_one("#smo-table")

        await pilot.press("space")
        assert strategy.smo == {"share-buttons": CheckItem("done")}
        await pilot.press("space")
        assert strategy.smo["share-buttons"].status == "todo"
        await pilot.press("space")
        assert strategy.smo["share-buttons"].status == "n/a"

        await pilot.press("down", "1", "down", "3")
        assert strategy.smo["open-graph"].status == "done"
        assert strategy.smo["shareable-content"].status == "n/a"
        assert tab_labels(app)[0] == "SMO 1/12 done, 2 n/a"
        assert app.edits == ["smo"] * 5

        await pilot.press("x")
        assert "shareable-content" not in strategy.smo
        assert tab_labels(app)[0] == "SMO 1/12 done, 1 n/a"
        cell = app.query_one("#smo-table", DataTable).get_cell("open-graph", "status")
        assert str(cell) == "✔ done"


async def test_a_note_is_written_in_a_small_form_and_escape_keeps_the_old_one(tmp_path: Path) -> None:
    strategy = blank()
    strategy.smo["share-buttons"] = CheckItem("todo", "Only on the blog.")
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        note = app.screen.query_one(Input)
        assert note.value == "Only on the blog."
        note.value = ""
        await pilot.press(*"Add to product pages", "enter")
        assert strategy.smo["share-buttons"] == CheckItem("todo", "Add to product pages")

        await pilot.press("down", "enter")  # enter opens the note too; a note alone marks the item to do
        await pilot.press(*"Needs a designer", "enter")
        assert strategy.smo["open-graph"] == CheckItem("todo", "Needs a designer")
        detail = app.query_one("#smo-detail", Static)
        assert "Needs a designer" in str(detail.render())

        await pilot.press("n", *"never mind", "escape")
        assert strategy.smo["open-graph"].note == "Needs a designer"
        assert app.edits == ["smo", "smo"]


async def test_tactics_are_the_second_list_and_saved_in_catalog_order(tmp_path: Path) -> None:
    strategy = blank()
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("]")
        assert app.query_one(TabbedContent).active == "tab-tactics"
        assert app.focused is app.query_one("#tactics-table")
        await pilot.press("end", "ctrl+end", "1", "up", "2", "home", "ctrl+home", "1")
        assert list(strategy.tactics) == ["communities", "contests", "influencers"]
        assert strategy.tactics["contests"].status == "todo"
        assert tab_labels(app)[1] == "Tactics 2/11 done"
    # The file lists the items as `smm-planner checklist` does, whatever order they were marked in.
    text = dumps(strategy)
    assert text.index("communities") < text.index("contests") < text.index("influencers")
    assert parse(text).strategy.tactics == strategy.tactics


async def test_the_russian_window_shows_russian_item_titles_whatever_the_documents_language(
    tmp_path: Path,
) -> None:
    app = harness(blank("en"), tmp_path, ui_lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one("#smo-table", DataTable)
        assert str(table.get_cell("share-buttons", "item")) == "Кнопки «Поделиться»"
        await pilot.press("space")
        assert str(table.get_cell("share-buttons", "status")) == "✔ готово"
        assert tab_labels(app)[0] == "SMO 1/12"


async def test_focus_field_opens_the_list_and_item_of_a_problem(tmp_path: Path) -> None:
    app = harness(blank(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.step.focus_field("tactics.contests")
        await pilot.pause()
        table = app.query_one("#tactics-table", DataTable)
        assert app.query_one(TabbedContent).active == "tab-tactics"
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "contests"
        assert not app.step.focus_field("channels[vk].days")


def test_completeness_counts_items_with_a_status_in_both_lists() -> None:
    strategy = blank()
    assert ChecklistStep.spec.completeness(strategy) == (0, 23)
    strategy.smo["open-graph"] = CheckItem("n/a")
    strategy.tactics["contests"] = CheckItem("todo")
    assert ChecklistStep.spec.completeness(strategy) == (2, 23)
    assert progress("smo", strategy.smo) == "SMO 0/12 done, 1 n/a"


async def test_in_the_planner_checklist_edits_mark_the_file_unsaved_and_save(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("alt+8")
        await pilot.pause()
        assert app.focused is app.query_one("#smo-table")
        await pilot.press("down", "1")  # open-graph: todo → done
        assert app.dirty
        assert app.sub_title.endswith("unsaved")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load(cafe_copy).strategy.smo["open-graph"].status == "done"
