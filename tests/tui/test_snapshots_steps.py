"""What a person sees on the SMO & tactics, Content plan and Preview steps at 80×24, in English and Russian (frozen examples)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from screens.preview import PreviewStep
from tests.tui.conftest import SIZE, steady_cursors
from tests.tui.test_snapshots_shell import LANGS, example


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The documents' "prepared" date, fixed so the preview looks the same every day."""
    monkeypatch.setattr(PreviewStep, "prepared", dt.date(2026, 11, 20))


def go_to(step_id: str, *keys: str) -> Any:
    async def run_before(pilot: Any) -> None:
        await pilot.pause()  # the app opens its first step on mount: let it, then go
        await pilot.app.show_step(step_id)
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await steady_cursors(pilot)

    return run_before


async def settle(pilot: Any) -> None:
    """Let workers (planning, holidays, rendering) finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@LANGS
def test_checklists(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert snap_compare(example(lang, tmp_path), terminal_size=SIZE, run_before=go_to("smo", "down", "down"))


@LANGS
def test_checklist_note(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert snap_compare(
        example(lang, tmp_path), terminal_size=SIZE, run_before=go_to("smo", "right_square_bracket", "n")
    )


@LANGS
def test_content_plan_as_written_by_hand(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert snap_compare(example(lang, tmp_path), terminal_size=SIZE, run_before=go_to("plan"))


@LANGS
def test_content_plan_generated(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    keys = ("g", "down", "down", "down", "down", "down", "down", "down", "down", "down")
    assert snap_compare(example(lang, tmp_path), terminal_size=SIZE, run_before=go_to("plan", *keys))


@LANGS
def test_post_form(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert snap_compare(
        example(lang, tmp_path), terminal_size=SIZE, run_before=go_to("plan", "down", "enter")
    )


@LANGS
def test_preview_strategy(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert snap_compare(example(lang, tmp_path), terminal_size=SIZE, run_before=go_to("preview"))


@LANGS
def test_preview_content_plan(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    keys = ("right_square_bracket", "pagedown")
    assert snap_compare(example(lang, tmp_path), terminal_size=SIZE, run_before=go_to("preview", *keys))
