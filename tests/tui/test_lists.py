"""Adding, editing, duplicating and deleting items in every list step, as a person does with the keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from planner import storage
from planner.editing import references_to
from screens.app import PlannerApp
from screens.dialogs import ConfirmDialog
from screens.forms import FormFields, ItemForm, ItemsEditor
from screens.lists import ListStep
from tests.tui.conftest import SIZE, fill, opened

# What a new item needs in each table, as typed into its form.
NEW_ITEMS: dict[str, dict[str, Any]] = {
    "audience": {"name": "Students nearby", "age": "18-24", "platforms": ["tiktok", "instagram"]},
    "competitors": {"name": "Bean There", "strengths": "cheap lunch deals\nlate opening"},
    "channels": {
        "platform": "telegram",
        "name": "Coffee Lab news",
        "format": "channel",
        "posts_per_week": "2",
    },
    "pillars": {"name": "Behind the bar", "share": "0", "stage": "appropriation", "formats": "clip, photo"},
    "goals": {"title": "More newsletter sign-ups", "metric": "leads", "target": "300"},
    "campaigns": {"name": "Spring opening", "kind": "event", "start": "2027-02-01", "end": "2027-02-07"},
}
EXPECTED_IDS = {
    "audience": "students-nearby",
    "competitors": "bean-there",
    "channels": "coffee-lab-news",
    "pillars": "behind-the-bar",
    "goals": "more-newsletter-sign-ups",
    "campaigns": "spring-opening",
}


async def open_step(app: PlannerApp, pilot: Any, step_id: str) -> ListStep:
    await app.show_step(step_id)
    pane = app.step(step_id)
    assert isinstance(pane, ListStep)
    for _ in range(5):  # the step takes the focus after its first refresh
        await pilot.pause()
        if app.focused is pane.query_one(DataTable):
            break
    assert app.focused is pane.query_one(DataTable)
    return pane


@pytest.mark.parametrize("table", list(NEW_ITEMS))
async def test_add_an_item_with_its_form(cafe_copy: Path, table: str) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        pane = await open_step(app, pilot, table)
        before = len(pane.items)
        await pilot.press("a")
        assert isinstance(app.screen, ItemForm)
        await fill(pilot, NEW_ITEMS[table])
        # The id is proposed from the name as it is typed.
        assert app.screen.query_one("#field-id").value == EXPECTED_IDS[table]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm)
        assert len(pane.items) == before + 1
        assert pane.items[-1].id == EXPECTED_IDS[table]
        assert pane.query_one(DataTable).row_count == before + 1
        assert app.dirty
        assert "unsaved" in app.sub_title


@pytest.mark.parametrize("table", list(NEW_ITEMS))
async def test_edit_duplicate_and_delete(cafe_copy: Path, table: str) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        pane = await open_step(app, pilot, table)
        first = pane.items[0]
        name_field = "title" if table == "goals" else "name"

        await pilot.press("enter")
        assert isinstance(app.screen, ItemForm)
        await fill(pilot, {name_field: "Renamed"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert getattr(pane.items[0], name_field) == "Renamed"
        assert pane.items[0].id == first.id  # editing the name keeps the id others refer to

        count = len(pane.items)
        await pilot.press("d")
        await pilot.pause()
        assert len(pane.items) == count + 1
        twin = pane.items[1]
        assert twin.id != first.id and twin.id.startswith(first.id)
        assert getattr(twin, name_field) == "Renamed (copy)"
        assert pane.query_one(DataTable).cursor_row == 1

        await pilot.press("x")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert [i.id for i in pane.items].count(twin.id) == 0
        assert len(pane.items) == count


async def test_delete_says_what_refers_to_the_item_and_keeps_the_file_valid(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        pane = await open_step(app, pilot, "channels")
        channel = pane.items[0]
        refs = references_to(app.strategy, "channels", channel.id)
        assert any(r.startswith("posts: ") for r in refs)
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        # The references as the window names the tables ("goals: …" in the file's words).
        assert "Referred to by: Goals: grow-instagram" in dialog.message and "4 posts." in dialog.message
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert pane.items[0] is channel

        await pilot.press("x", "y")
        await pilot.pause()
        assert app.strategy.channel(channel.id) is None
        assert all(p.channel != channel.id for p in app.strategy.posts)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert storage.read(cafe_copy).ok


async def test_renaming_an_id_follows_its_references(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        pane = await open_step(app, pilot, "pillars")
        old = pane.items[0].id
        used_by = sum(1 for p in app.strategy.posts if p.pillar == old)
        await pilot.press("e")
        await fill(pilot, {"id": "renamed-pillar"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert sum(1 for p in app.strategy.posts if p.pillar == "renamed-pillar") == used_by
        assert not any(old in ch.pillars for ch in app.strategy.channels)


async def test_a_form_with_errors_cannot_be_confirmed(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        pane = await open_step(app, pilot, "channels")
        count = len(pane.items)
        await pilot.press("a")
        form = app.screen.query_one(FormFields)
        taken = pane.items[0].id
        await fill(
            pilot,
            {"platform": "vk", "id": taken, "posts_per_week": "9", "days": ["mon"], "times": "10:00, 25:00"},
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)  # still open
        errors = {name: str(form.query_one(f"#error-{name}").render()) for name in ("id", "times")}
        assert "duplicate id" in errors["id"]
        assert "25:00" in errors["times"]
        await fill(pilot, {"id": "vk-main", "times": "10:00"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        assert "do not fit" in str(form.query_one("#error-posts_per_week").render())
        await fill(pilot, {"posts_per_week": "1"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm)
        assert len(pane.items) == count + 1


async def test_platform_choice_sets_the_formats_it_allows(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await open_step(app, pilot, "channels")
        await pilot.press("a")
        await fill(pilot, {"platform": "telegram"})
        select = app.screen.query_one("#field-format")
        assert [v for _, v in select._options if v != select.NULL] == ["channel", "group"]
        await fill(pilot, {"platform": "instagram"})
        assert [v for _, v in select._options if v != select.NULL] == ["account"]


async def test_competitor_presence_is_edited_inside_the_competitor_form(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        pane = await open_step(app, pilot, "competitors")
        entries = len(pane.items[0].presence)
        await pilot.press("enter")
        editor = app.screen.query_one(ItemsEditor)
        editor.query_one(DataTable).focus()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm) and app.screen.cls.__name__ == "Presence"
        await fill(pilot, {"platform": "youtube", "followers": "2500", "posts_per_week": "1"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(editor.items) == entries + 1
        await pilot.press("ctrl+s")  # the competitor form
        await pilot.pause()
        assert pane.items[0].presence[-1].platform == "youtube"
        assert pane.items[0].presence[-1].followers == 2500


async def test_channel_days_times_and_decimals_are_typed_the_way_people_write_them(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await open_step(app, pilot, "channels")
        await pilot.press("a")
        form = app.screen.query_one(FormFields)
        await fill(
            pilot, {"platform": "vk", "posts_per_week": "2", "times": "9:00, 18:30", "ads_budget": "2,5"}
        )
        form.focus_field("days")
        await pilot.press("space", "right", "right", "space")  # mon, then wed
        await pilot.press("ctrl+s")
        await pilot.pause()
        channel = app.strategy.channels[-1]
        assert channel.days == ["mon", "wed"]
        assert channel.times == ["09:00", "18:30"]
        assert channel.ads_budget == 2.5


async def test_names_with_brackets_are_shown_as_typed(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        pane = await open_step(app, pilot, "audience")
        await pilot.press("a")
        await fill(pilot, {"name": "[VIP] buyers [/b]"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pane.items[-1].id == "vip-buyers-b"
        cell = pane.query_one(DataTable).get_row_at(len(pane.items) - 1)[0]
        assert cell.plain == "[VIP] buyers [/b]"
        await open_step(app, pilot, "channels")
        await pilot.press("e")
        await pilot.pause()
        labels = [str(o.prompt) for o in app.screen.query_one("#field-audience").options]
        assert "[VIP] buyers [/b] (vip-buyers-b)" in labels
