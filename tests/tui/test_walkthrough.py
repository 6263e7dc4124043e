"""A first-time user goes from `smm-planner new` through every step to a saved, valid, rendered file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from planner import storage
from screens.app import PlannerApp
from screens.forms import FormFields, ItemForm, ItemsEditor
from tests.tui.conftest import SIZE, fill, opened


async def add_item(pilot, values: dict, step_id: str) -> None:  # type: ignore[no-untyped-def]
    """On a list step: `a`, fill the form, `ctrl+s`; the form must close."""
    app = pilot.app
    assert app.current_step == step_id
    await pilot.press("a")
    assert isinstance(app.screen, ItemForm), f"no form on {step_id}"
    await fill(pilot, values)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert not isinstance(app.screen, ItemForm), f"the {step_id} form did not close"


async def test_from_new_to_a_saved_strategy_that_validates_and_renders(tmp_path: Path) -> None:
    path = tmp_path / "bakery.toml"
    app = PlannerApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        assert app.query_one("#welcome").display

        # 1. Strategy: typed in place, field by field.
        await fill(
            pilot,
            {
                "name": "Rye & Co: winter launch",
                "client": "Rye & Co Bakery",
                "brand": "Rye & Co",
                "website": "https://ryeandco.example",
                "country": "GB",
                "timezone": "Europe/London",
                "start": "2026-12-01",
                "end": "2027-01-31",
                "summary": "Open the second bakery and fill its mornings.",
                "budget": "900",
                "currency": "GBP",
            },
            app.query_one("#form-strategy", FormFields),
        )
        await fill(
            pilot,
            {"moderation": "Hide spam within the hour.", "negative_feedback": "Reply once, then DM."},
            app.query_one("#form-community", FormFields),
        )
        assert app.strategy.strategy.end is not None and app.strategy.community.moderation

        # 2–7. The lists, in the order of the work, each reached with "next step".
        await pilot.press("ctrl+n")
        await add_item(
            pilot,
            {
                "name": "Early commuters",
                "age": "25-45",
                "pains": "no time for breakfast",
                "platforms": ["instagram"],
            },
            "audience",
        )
        await pilot.press("ctrl+n")
        await pilot.press("a")
        await fill(pilot, {"name": "Greggs", "strengths": "price\nspeed", "weaknesses": "no sourdough"})
        app.screen.query_one(ItemsEditor).query_one(DataTable).focus()
        await pilot.press("a")
        await fill(pilot, {"platform": "instagram", "followers": "150000", "posts_per_week": "7"})
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert app.strategy.competitors[0].presence[0].platform == "instagram"

        await pilot.press("ctrl+n")
        await add_item(
            pilot,
            {
                "platform": "instagram",
                "name": "Rye & Co on Instagram",
                "role": "community hub",
                "audience": ["early-commuters"],
                "posts_per_week": "3",
                "days": ["mon", "wed", "fri"],
                "times": "08:00",
            },
            "channels",
        )
        await pilot.press("ctrl+n")
        await add_item(
            pilot,
            {
                "name": "Bakes of the day",
                "share": "60",
                "formats": "photo, clip",
                "topics": "Rye loaf\nCroissant",
            },
            "pillars",
        )
        await add_item(pilot, {"name": "Our bakers", "share": "40", "stage": "transmission"}, "pillars")
        await pilot.press("ctrl+n")
        await add_item(
            pilot,
            {
                "title": "Grow Instagram",
                "metric": "followers",
                "channel": "rye-and-co-on-instagram",
                "baseline": "300",
                "target": "2000",
                "deadline": "2027-01-31",
                "why": "Followers become regulars.",
            },
            "goals",
        )
        await pilot.press("ctrl+n")
        await add_item(
            pilot,
            {
                "name": "Opening week",
                "kind": "event",
                "start": "2026-12-05",
                "end": "2026-12-12",
                "channels": ["rye-and-co-on-instagram"],
                "goal": "grow-instagram",
            },
            "campaigns",
        )
        assert [p.share for p in app.strategy.pillars] == [60, 40]

        # 8. SMO & tactics: mark the first SMO item.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current_step == "smo"
        await pilot.press("space")
        await pilot.pause()
        assert app.strategy.smo

        # 9. Content plan: generate it as `plan` does.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current_step == "plan"
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.strategy.posts) > 20
        assert {p.channel for p in app.strategy.posts} == {"rye-and-co-on-instagram"}

        # 10. Preview, then save.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current_step == "preview"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dirty

    loaded = storage.read(path)
    assert loaded.ok, loaded.problems
    strategy = loaded.strategy
    assert strategy.strategy.brand == "Rye & Co"
    assert [c.id for c in strategy.channels] == ["rye-and-co-on-instagram"]
    assert strategy.goals[0].channel == "rye-and-co-on-instagram"

    from planner.render import render_documents

    documents = render_documents(strategy)
    assert "Rye & Co" in documents["strategy.md"]
    assert "Opening week" in documents["strategy.md"]
    assert "Bakes of the day" in documents["content-plan.md"]
