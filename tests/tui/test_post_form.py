"""The post form: the fields of format v1's additions, the nine results, and what fits a small terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Input, Static

from planner.model import RESULT_METRICS, Results
from screens.post_form import PostForm
from tests.tui.step_harness import StepHarness
from tests.tui.test_content_plan import bakery, harness, shown


def in_view(form: PostForm, widget: Widget) -> bool:
    """The widget is on screen where a person sees it: what lies at its centre is the widget itself."""
    region = widget.region
    if not region.width or not region.height:
        return False
    found, _ = form.get_widget_at(region.x + region.width // 2, region.y)
    return found is widget or widget in found.ancestors


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_every_result_and_the_buttons_fit(size: tuple[int, int], tmp_path: Path) -> None:
    app = harness(bakery(), tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PostForm)
        for metric in RESULT_METRICS:
            assert in_view(form, form.query_one(f"#result-{metric}")), metric
        assert in_view(form, form.query_one("#save")) and in_view(form, form.query_one("#cancel"))


async def test_owner_links_media_and_the_new_results_are_saved(tmp_path: Path) -> None:
    strategy = bakery()
    app = harness(strategy, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        post = next(p for p in strategy.posts if p.id == shown(app)[0])
        await pilot.press("e")
        form = app.screen
        values = {
            "owner": "Anna",
            "link": "https://bread.example/rye?utm_source=vk",
            "media": "https://cdn.bread.example/rye.jpg  https://cdn.bread.example/rye-2.jpg",
            "url": "https://vk.com/wall-1_2",
            "result-reach": "900",
            "result-impressions": "1400",
            "result-views": "0",
            "result-saves": "12",
            "result-follows": "3",
        }
        for field_id, value in values.items():
            form.query_one(f"#{field_id}", Input).value = value
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, PostForm)
        assert (post.owner, post.link, post.url) == (
            "Anna",
            "https://bread.example/rye?utm_source=vk",
            "https://vk.com/wall-1_2",
        )
        assert post.media == ["https://cdn.bread.example/rye.jpg", "https://cdn.bread.example/rye-2.jpg"]
        assert post.results == Results(reach=900, impressions=1400, saves=12, follows=3)


async def test_a_value_past_its_bound_is_named_and_the_form_stays_open(tmp_path: Path) -> None:
    strategy = bakery()
    app: StepHarness = harness(strategy, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        form = app.screen
        form.query_one("#link", Input).value = "https://bread.example/" + "x" * 3000
        form.query_one("#result-reach", Input).value = "10000000000000"
        await pilot.pause()  # the form offers `published` for a post with results first
        await pilot.press("ctrl+s")
        assert app.screen is form
        message = str(form.query_one("#form-message", Static).render())
        assert "Link: is 3,022 characters long; at most 2,048 are allowed" in message
        assert "must be at most 1,000,000,000,000, got 10000000000000" in message
