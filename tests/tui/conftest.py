"""Helpers for driving the planner with Pilot: open a strategy, fill form fields, read what is shown."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea

from screens.forms import FormFields, ItemsEditor

TUI_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tui"
SIZE = (80, 24)


@pytest.fixture
def cafe_copy(tmp_path: Path) -> Path:
    """A frozen copy of the English example (tests/fixtures/tui/cafe.toml), safe to edit and save."""
    return Path(shutil.copy(TUI_FIXTURES / "cafe.toml", tmp_path / "cafe.toml"))


async def opened(pilot: Pilot[Any]) -> None:
    """Wait for the first step: the app paints its frame first and builds the step right after."""
    app = pilot.app
    for _ in range(50):
        if app.query("#steps > StepPane") or app.screen is not app.screen_stack[0]:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("no step was opened")


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
    else:  # the weekday boxes
        for box in widget.query(Checkbox):
            box.value = str(box.label) in value


async def fill(pilot: Pilot[Any], values: dict[str, Any], form: FormFields | None = None) -> None:
    """Fill the fields of the form on screen (or `form`), then let the messages settle."""
    form = form or pilot.app.screen.query_one(FormFields)
    for name, value in values.items():
        set_field(form, name, value)
        await pilot.pause()
