"""What a person sees on each step of the shell at 80×24, on the English example (a frozen copy)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from screens.app import PlannerApp
from tests.tui.conftest import SIZE, opened, steady_cursors


def go_to(step_id: str, *keys: str) -> Any:
    async def run_before(pilot: Any) -> None:
        await opened(pilot)
        await pilot.app.show_step(step_id)
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        await steady_cursors(pilot)

    return run_before


async def opened_steady(pilot: Any) -> None:
    await opened(pilot)
    await steady_cursors(pilot)


@pytest.mark.parametrize(
    "step_id", ["strategy", "audience", "competitors", "channels", "pillars", "goals", "campaigns"]
)
def test_step(snap_compare: Any, cafe_copy: Path, step_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The Strategy step's overview counts from today: a fixed day in the second week of the period.
    monkeypatch.setattr("screens.strategy_step.current_day", lambda: dt.date(2026, 12, 10))
    assert snap_compare(PlannerApp(cafe_copy), terminal_size=SIZE, run_before=go_to(step_id))


def test_channel_form(snap_compare: Any, cafe_copy: Path) -> None:
    assert snap_compare(PlannerApp(cafe_copy), terminal_size=SIZE, run_before=go_to("channels", "enter"))


def test_new_goal_form_with_its_messages(snap_compare: Any, cafe_copy: Path) -> None:
    # ctrl+s on an empty form: every required field says what it needs.
    assert snap_compare(PlannerApp(cafe_copy), terminal_size=SIZE, run_before=go_to("goals", "a", "ctrl+s"))


def test_delete_asks_and_names_the_references(snap_compare: Any, cafe_copy: Path) -> None:
    assert snap_compare(PlannerApp(cafe_copy), terminal_size=SIZE, run_before=go_to("pillars", "x"))


def test_new_strategy(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(PlannerApp(tmp_path / "strategy.toml"), terminal_size=SIZE, run_before=opened_steady)
