"""The Content plan step: generating the plan, filtering it, editing, adding and deleting posts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Select, Static, TextArea

from planner.model import Channel, Pillar, Post, Results, Strategy, StrategyInfo
from planner.planning import plan_strategy
from planner.storage import load
from screens.app import PlannerApp
from screens.content_plan import CHUNK, ContentPlanStep, PostTable
from screens.dialogs import ConfirmDialog
from screens.post_form import PostForm
from tests.tui.step_harness import StepHarness

SIZE = (80, 24)


def bakery(*, planned: bool = True) -> Strategy:
    """Two channels (VK and X, whose posts are limited to 280 characters) over December and January."""
    strategy = Strategy(
        strategy=StrategyInfo(
            name="Bread & Co", start=dt.date(2026, 12, 1), end=dt.date(2027, 1, 31), language="en"
        ),
        channels=[
            Channel(
                id="vk-main", platform="vk", posts_per_week=3, days=["mon", "wed", "fri"], times=["10:00"]
            ),
            Channel(id="x-news", platform="x", posts_per_week=2, days=["tue", "thu"], times=["12:00"]),
        ],
        pillars=[
            Pillar(id="recipes", name="Recipes", share=50, formats=["photo"], topics=["Sourdough starter"]),
            Pillar(id="team", name="Our team", share=50, formats=["video"]),
        ],
    )
    if planned:
        strategy.posts = plan_strategy(strategy).strategy.posts
    return strategy


def harness(strategy: Strategy, tmp_path: Path) -> StepHarness:
    return StepHarness(ContentPlanStep, strategy, tmp_path / "bakery.toml")


def shown(app: StepHarness) -> list[str]:
    """The ids of the posts in the table, top to bottom."""
    step = app.query_one(ContentPlanStep)
    table = app.query_one(PostTable)
    return [step._slice[int(row.value)].id for row in table.rows]


def notifications(app: StepHarness) -> list[tuple[str, str, str]]:
    """(title, message, severity) of every notification shown so far."""
    return [(n.title, n.message, n.severity) for n in app._notifications]


def status_line(app: StepHarness) -> str:
    return str(app.query_one("#plan-status", Static).render())


async def test_the_plan_opens_on_the_first_month_of_the_period(tmp_path: Path) -> None:
    strategy = bakery()
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one("#filter-month", Select).value == "2026-12"
        december = [p.id for p in strategy.posts if p.date and p.date.month == 12]
        assert shown(app) == december
        assert status_line(app).startswith(f"Dec 2026: {len(december)} of {len(strategy.posts)} posts")
        assert app.focused is app.query_one(PostTable)


async def test_generating_fills_the_table_at_once_and_tells_what_changed(tmp_path: Path) -> None:
    strategy = bakery(planned=False)
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "No posts yet: press g" in status_line(app)
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert strategy.posts == plan_strategy(bakery(planned=False)).strategy.posts
        assert app.edits == ["plan"]
        assert shown(app)[0] == "2026-12-01-x-news-1"
        assert app.focused is app.query_one(PostTable)  # the keys still work after the wait
        # One short line, not the planner's whole report over the table; the rest is in the line
        # under the table and in the palette's plan log (test_new_user.py).
        assert notifications(app) == [
            (
                "Content plan",
                "Plan generated: 44 added. Details: ctrl+p → plan log.",
                "information",
            )
        ]
        summary = str(app.query_one("#plan-summary", Static).render())
        assert summary == "Last generated: 44 added · 39 posts need a topic"

        await pilot.press("g")  # a second run changes nothing
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.edits == ["plan"]
        assert notifications(app)[-1][1].startswith("The plan is up to date.")


async def test_a_strategy_without_channels_gets_a_message_not_a_crash(tmp_path: Path) -> None:
    strategy = bakery(planned=False)
    strategy.channels.clear()
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        title, message, severity = notifications(app)[-1]
        assert (title, severity) == ("Could not generate the plan", "error")
        assert "channel" in message
        assert strategy.posts == []
        assert app.edits == []


async def test_filters_narrow_the_table_by_month_channel_pillar_and_status(tmp_path: Path) -> None:
    strategy = bakery()
    strategy.posts[3].status = "approved"
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.query_one("#filter-channel", Select).value = "x-news"
        await pilot.pause()
        assert shown(app) and all(p.startswith("2026-12") and "x-news" in p for p in shown(app))

        app.query_one("#filter-pillar", Select).value = "team"
        await pilot.pause()
        by_id = {p.id: p for p in strategy.posts}
        assert shown(app) and all(
            by_id[i].pillar == "team" and by_id[i].channel == "x-news" for i in shown(app)
        )

        await pilot.press("]")  # next month
        assert app.query_one("#filter-month", Select).value == "2027-01"
        assert all(by_id[i].date.month == 1 for i in shown(app))  # type: ignore[union-attr]

        await pilot.press("0")  # every filter off: the whole plan
        assert status_line(app).startswith(f"All months: {len(strategy.posts)} of {len(strategy.posts)}")
        app.query_one("#filter-status", Select).value = "approved"
        await pilot.pause()
        assert shown(app) == [strategy.posts[3].id]
        assert "1 approved" in status_line(app)
        app.query_one("#filter-status", Select).value = "published"
        await pilot.pause()
        assert shown(app) == []
        assert (
            status_line(app)
            == f"All months: none of the {len(strategy.posts)} posts match the filters; 0 shows them all."
        )


async def test_a_long_plan_is_shown_a_chunk_at_a_time(tmp_path: Path) -> None:
    strategy = bakery()
    start = dt.date(2026, 12, 1)
    strategy.posts = [
        Post(id=f"p{i}", date=start + dt.timedelta(days=i % 28), time="10:00", channel="vk-main")
        for i in range(450)
    ]
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(PostTable)
        assert table.row_count == CHUNK
        assert status_line(app).startswith("Dec 2026: 450 of 450 posts")
        for _ in range(12):
            await pilot.press("pagedown")
        assert table.row_count > CHUNK  # more rows arrive as the cursor nears the end
        loaded = table.row_count
        table.scroll_end(animate=False)  # scrolling (the mouse wheel) near the end brings more too
        await pilot.pause()
        await pilot.pause()
        assert table.row_count > loaded


async def test_editing_a_planned_post_makes_it_a_draft(tmp_path: Path) -> None:
    strategy = bakery()
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        post = next(p for p in strategy.posts if p.id == shown(app)[0])
        assert post.status == "planned"
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, PostForm)
        assert app.focused is form.query_one("#topic")
        form.query_one("#topic", Input).value = "Why rye loves the cold"
        await pilot.press("ctrl+s")
        assert post.topic == "Why rye loves the cold"
        assert post.status == "draft"
        assert not post.owned_by_planner  # `plan` keeps it from now on
        assert app.edits == ["plan"]
        assert str(app.query_one(PostTable).get_cell("0", "status")) == "draft"

        await pilot.press("e", "escape")  # cancelling changes nothing
        assert app.edits == ["plan"]


async def test_results_offer_published_and_are_saved_with_the_post(tmp_path: Path) -> None:
    strategy = bakery()
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        post = next(p for p in strategy.posts if p.id == shown(app)[0])
        await pilot.press("e")
        form = app.screen
        form.query_one("#result-reach", Input).value = "1200"
        form.query_one("#result-likes", Input).value = "48"
        await pilot.pause()
        assert form.query_one("#status", Select).value == "published"
        assert "published" in str(form.query_one("#form-message", Static).render())
        await pilot.press("ctrl+s")
        assert post.status == "published"
        assert post.results == Results(reach=1200, likes=48)


async def test_the_text_shows_the_platforms_limit_as_you_type(tmp_path: Path) -> None:
    strategy = bakery()
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.query_one("#filter-channel", Select).value = "x-news"
        await pilot.pause()
        post = next(p for p in strategy.posts if p.id == shown(app)[0])
        await pilot.press("e")
        form = app.screen
        counter = form.query_one("#text-count", Static)
        assert str(counter.render()) == "0 / 280 · X (Twitter)"
        form.query_one("#text", TextArea).text = "Fresh rye at 8. " * 20  # 320 characters
        await pilot.pause()
        assert str(counter.render()) == "320 / 280 · X (Twitter)"
        assert counter.has_class("over")

        await pilot.press("ctrl+s")  # the same check as `validate`: the form stays open
        assert app.screen is form
        assert "X (Twitter) allows 280" in str(form.query_one("#form-message", Static).render())
        assert post.text == ""

        form.query_one("#text", TextArea).text = "Fresh rye at 8."
        await pilot.pause()
        assert not counter.has_class("over")
        await pilot.press("ctrl+s")
        assert post.text == "Fresh rye at 8." and post.status == "draft"


async def test_adding_and_deleting_posts_by_hand(tmp_path: Path) -> None:
    strategy = bakery()
    count = len(strategy.posts)
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, PostForm) and form.new
        form.query_one("#date", Input).value = "2026-12-24"
        form.query_one("#time", Input).value = "09:00"
        form.query_one("#topic", Input).value = "Christmas Eve opening hours"
        await pilot.press("ctrl+s")
        added = next(p for p in strategy.posts if p.topic == "Christmas Eve opening hours")
        # The planner's id pattern; the planner already has an X post that Thursday, so this is the second.
        assert "2026-12-24-x-news-1" in {p.id for p in strategy.posts if p is not added}
        assert (added.id, added.channel, added.time) == ("2026-12-24-x-news-2", "x-news", "09:00")
        assert added.status == "draft"  # a person's post from the start: `plan` keeps it
        assert len(strategy.posts) == count + 1
        assert strategy.posts == sorted(strategy.posts, key=lambda p: (p.date, p.time))
        step = app.query_one(ContentPlanStep)
        assert step._current() is added

        await pilot.press("x")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert added not in strategy.posts
        assert len(strategy.posts) == count
        assert app.edits == ["plan", "plan"]


async def test_a_bad_date_is_named_and_the_form_stays_open(tmp_path: Path) -> None:
    app = harness(bakery(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        form = app.screen
        form.query_one("#date", Input).value = "12/24/2026"  # the month first: never guessed
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "'12/24/2026' puts the month first: write it day first, 24/12/2026, or as 2026-12-24" in str(
            form.query_one("#form-message", Static).render()
        )
        form.query_one("#date", Input).value = "2027-03-01"  # outside the period: the core's check
        await pilot.press("ctrl+s")
        assert "outside the strategy period" in str(form.query_one("#form-message", Static).render())
        await pilot.press("escape")
        assert app.edits == []


async def test_the_post_form_reads_dates_times_and_results_as_people_type_them(tmp_path: Path) -> None:
    app = harness(bakery(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, PostForm)
        form.query_one("#date", Input).value = "24.12.2026"
        form.query_one("#time", Input).value = "9.30"
        form.query_one("#topic", Input).value = "Christmas Eve hours"
        form.query_one("#result-reach", Input).value = "1\u00a0200"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    added = next(p for p in app.strategy.posts if p.topic == "Christmas Eve hours")
    assert (added.date, added.time, added.results.reach) == (dt.date(2026, 12, 24), "09:30", 1200)


async def test_focus_field_shows_the_post_of_a_problem(tmp_path: Path) -> None:
    strategy = bakery()
    target = strategy.posts[-1]
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.query_one("#filter-status", Select).value = "draft"
        await pilot.pause()
        assert app.step.focus_field(f"posts[{target.id}].text")
        await pilot.pause()
        assert app.query_one("#filter-month", Select).value == "2027-01"
        assert app.query_one("#filter-status", Select).value == Select.NULL
        assert app.query_one(ContentPlanStep)._current() is target


async def test_in_the_planner_a_generated_plan_is_saved(cafe_copy: Path) -> None:
    before = len(load(cafe_copy).strategy.posts)
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("alt+9")
        await pilot.pause()
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load(cafe_copy).strategy
    assert len(saved.posts) > before
    assert plan_strategy(saved).changed is False


async def test_generating_from_the_command_palette(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("alt+9")
        await pilot.pause()
        before = len(app.strategy.posts)
        await pilot.press("ctrl+p", *"content plan: generate")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.strategy.posts) > before
        assert app.dirty
