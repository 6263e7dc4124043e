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


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursors that never blink: a snapshot taken more than half a second after a field got focus
    (a loaded machine) would otherwise show the cursor off, and differ from the stored one."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


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
