"""The Strategy step on an existing file: an overview first, the form when the person goes into the step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner import storage
from planner.model import Channel, Post, Strategy, StrategyInfo
from screens.app import PlannerApp
from screens.forms import FormFields
from screens.problems import ProblemsScreen
from screens.sidebar import Sidebar
from screens.strategy_step import StrategyOverview, overview
from tests.tui.conftest import SIZE, opened


def shown(app: PlannerApp) -> str:
    return str(app.query_one(StrategyOverview).render())


async def test_an_existing_file_opens_on_its_overview_and_enter_opens_the_form(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        text = shown(app)
        for expected in ("Coffee Lab: winter 2026/27", "Coffee Lab Roasters Ltd", "1 Dec 2026 – 28 Feb 2027"):
            assert expected in text
        assert "Channels: 3" in text and "Posts: 8" in text and "Press Enter to edit" in text
        assert not app.query(FormFields)
        assert isinstance(app.focused, StrategyOverview)
        assert "Strategy: edit" in [t for t, _, _ in app.palette_commands(app.screen)]

        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.query_one("#field-name")
        assert not app.query(StrategyOverview)
        assert "Strategy: edit" not in [t for t, _, _ in app.palette_commands(app.screen)]
        await pilot.press("end", *" (edited)", "tab", "ctrl+s")
        await pilot.pause()
        # The form stays: back from another step, it is the form again, not the overview.
        await pilot.press("alt+2")
        await pilot.pause()
        await pilot.press("alt+1")
        await pilot.pause()
        assert app.query("#form-strategy") and not app.query(StrategyOverview)
    assert storage.read(cafe_copy).strategy.strategy.name == "Coffee Lab: winter 2026/27 (edited)"


async def test_tab_from_the_steps_goes_into_the_form(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, Sidebar) and not app.query(FormFields)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is app.query_one("#field-name")


async def test_a_new_strategy_opens_on_the_form(tmp_path: Path) -> None:
    app = PlannerApp(tmp_path / "bakery.toml")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        assert not app.query(StrategyOverview)
        assert app.focused is app.query_one("#form-strategy", FormFields).query_one("#field-name")


async def test_a_problem_of_the_strategy_table_opens_the_form_at_its_field(cafe_copy: Path) -> None:
    cafe_copy.write_text(cafe_copy.read_text().replace("end = 2027-02-28", "end = 2026-11-01", 1))
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "1 problem to fix: f8 lists it" in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.query_one("#field-end")
        assert "must be after strategy.start" in str(app.query_one("#error-end").render())


def test_the_overview_says_where_the_period_and_the_coming_week_stand() -> None:
    start = dt.date(2027, 3, 1)
    strategy = Strategy(
        strategy=StrategyInfo(name="Spring", client="Aroma", start=start, end=dt.date(2027, 5, 30)),
        channels=[Channel(id="tg", platform="telegram", name="Aroma news")],
        posts=[
            Post(id="a", date=dt.date(2027, 3, 16), channel="tg"),
            Post(id="b", date=dt.date(2027, 3, 18), channel="tg", status="draft", text="Hello"),
            Post(id="c", date=dt.date(2027, 4, 1), channel="tg", status="published", text="Done"),
        ],
    )
    text = overview(strategy, problems=0, today=dt.date(2027, 3, 15)).plain
    assert "1 Mar 2027 – 30 May 2027, 13 weeks: week 3 of 13" in text
    assert "Channels: 1 (Aroma news)" in text
    assert "Posts: 3 (1 planned, 1 draft, 1 published)" in text
    russian = overview(strategy, problems=2, today=dt.date(2027, 3, 15), lang="ru").plain
    assert "1 мар. 2027 – 30 мая 2027, 13 недель: неделя 3 из 13" in russian
    assert "Посты: 3 (в плане 1, черновик 1, опублик. 1)" in russian
    assert "Ближайшие 7 дней: 2 поста, без текста пока 1" in russian
    assert "2 проблемы: f8 покажет их" in russian
    assert "Next 7 days: 2 posts, 1 without text yet" in text
    before = overview(strategy, problems=2, today=dt.date(2027, 2, 20)).plain
    assert "starts in 9 days" in before and "2 problems to fix" in before


def test_the_overview_counts_weeks_as_the_documents_do() -> None:
    # 1 Dec 2026 – 2 Mar 2027 is 13 weeks and a day: the overview said 14 weeks where the documents said 13.
    from planner.period import period_weeks

    start, end = dt.date(2026, 12, 1), dt.date(2027, 3, 2)
    strategy = Strategy(strategy=StrategyInfo(name="Winter", start=start, end=end))
    assert period_weeks(start, end) == 13
    assert "13 weeks: week 13 of 13" in overview(strategy, problems=0, today=end).plain
    assert "13 weeks: week 1 of 13" in overview(strategy, problems=0, today=start).plain
