"""What a person sees on each step of the shell at 80×24, in English (the café) and Russian (the toy shop).

Russian words are longer: these are the snapshots to read first when a label, a footer or a
column changes. Both examples are frozen copies (tests/fixtures/tui).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from screens.app import PlannerApp
from tests.tui.conftest import SIZE, TUI_FIXTURES, opened, steady_cursors

EXAMPLES = {"en": "cafe.toml", "ru": "shop-ru.toml"}
LANGS = pytest.mark.parametrize("lang", ["en", "ru"])


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    # The Strategy step's overview counts from today: a fixed day in the second week of the period.
    monkeypatch.setattr("screens.strategy_step.current_day", lambda: dt.date(2026, 12, 10))


def example(lang: str, tmp_path: Path) -> PlannerApp:
    path = Path(shutil.copy(TUI_FIXTURES / EXAMPLES[lang], tmp_path / EXAMPLES[lang]))
    return PlannerApp(path, ui_lang=lang)


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


@LANGS
@pytest.mark.parametrize(
    "step_id", ["strategy", "audience", "competitors", "channels", "pillars", "goals", "campaigns"]
)
def test_step(snap_compare: Any, tmp_path: Path, step_id: str, lang: str) -> None:
    assert snap_compare(example(lang, tmp_path), terminal_size=SIZE, run_before=go_to(step_id))


@LANGS
def test_channel_form(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert snap_compare(example(lang, tmp_path), terminal_size=SIZE, run_before=go_to("channels", "enter"))


@LANGS
def test_new_goal_form_with_its_messages(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    # ctrl+s on an empty form: every required field says what it needs.
    app = example(lang, tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=go_to("goals", "a", "ctrl+s"))


@LANGS
def test_delete_asks_and_names_the_references(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert snap_compare(example(lang, tmp_path), terminal_size=SIZE, run_before=go_to("pillars", "x"))


@LANGS
def test_new_strategy(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    app = PlannerApp(tmp_path / "strategy.toml", ui_lang=lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=opened_steady)


@LANGS
def test_key_help(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert snap_compare(example(lang, tmp_path), terminal_size=SIZE, run_before=go_to("channels", "f1"))
