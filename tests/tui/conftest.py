"""Helpers for driving the planner with Pilot: open a strategy, fill form fields, read what is shown."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea

from screens.forms import FormFields, ItemsEditor

TUI_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tui"
SIZE = (80, 24)


@pytest.fixture(autouse=True)
def config_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config folder of each test's own: the window's remembered language is never the real
    user's, and a test that switches it leaves nothing for the next one."""
    from planner import ui_prefs

    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv(ui_prefs.ENVIRONMENT_VARIABLE, str(folder))
    return folder


@pytest.fixture
def cafe_copy(tmp_path: Path) -> Path:
    """A frozen copy of the English example (tests/fixtures/tui/cafe.toml), safe to edit and save."""
    return Path(shutil.copy(TUI_FIXTURES / "cafe.toml", tmp_path / "cafe.toml"))


@pytest.fixture
def shop_ru_copy(tmp_path: Path) -> Path:
    """A frozen copy of the Russian example (tests/fixtures/tui/shop-ru.toml), safe to edit and save."""
    return Path(shutil.copy(TUI_FIXTURES / "shop-ru.toml", tmp_path / "shop-ru.toml"))


async def opened(pilot: Pilot[Any]) -> None:
    """Wait for the first step: the app paints its frame first and builds the step right after."""
    app = pilot.app
    for _ in range(50):
        if app.query("#steps > StepPane") or app.screen is not app.screen_stack[0]:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("no step was opened")


async def until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    """Wait (up to a second) for what the app does after its next refreshes: a step takes focus
    after the refresh that shows it, and the footer is rebuilt after the one after that; one
    `pause` can end in between on a fast run."""
    for _ in range(50):
        if condition():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


async def steady_cursors(pilot: Pilot[Any]) -> None:
    """Stop the text cursors blinking, so a snapshot shows them on, whenever it is taken.

    A focused Input or TextArea shows its cursor at once and hides it half a second later: on a
    busy machine the snapshot could be taken after that and differ by the cursor alone.
    """
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


def set_field(form: FormFields, name: str, value: Any) -> None:
    """Put a value in a form field as a person would leave it (the widget posts its Changed message)."""
    widget = form.query_one(f"#field-{name}")
    if isinstance(widget, (Input, Select)):
        widget.value = value
    elif isinstance(widget, TextArea):
        widget.text = value
    elif isinstance(widget, SelectionList):
        widget.deselect_all()
        for v in value:
            widget.select(v)
    elif isinstance(widget, ItemsEditor):
        raise TypeError("nested lists are edited through their own form")
    else:  # the weekday boxes: their ids are the file's ("day-mon"), their labels the window's
        for box in widget.query(Checkbox):
            box.value = (box.id or "").removeprefix("day-") in value


async def fill(pilot: Pilot[Any], values: dict[str, Any], form: FormFields | None = None) -> None:
    """Fill the fields of the form on screen (or `form`), then let the messages settle."""
    form = form or pilot.app.screen.query_one(FormFields)
    for name, value in values.items():
        set_field(form, name, value)
        await pilot.pause()


_SVG_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')


def screen_text(app: Any) -> str:
    """What the screen shows, as lines of text (read from the screenshot Textual exports)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in _SVG_TEXT.findall(app.export_screenshot()):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return "\n".join("".join(t for _, t in sorted(parts)) for _, parts in sorted(rows.items()))
