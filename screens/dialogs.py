"""Small modal questions and messages: confirm, unsaved changes on quit, errors."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; dismisses True for yes."""

    AREA: ClassVar[str] = "Dialog"
    BINDINGS: ClassVar = [
        Binding("y", "answer(True)", "Yes", id="dialog.yes"),
        Binding("n,escape", "answer(False)", "No", id="dialog.no"),
        Binding("left,right", "app.focus_next", "Switch button", show=False, id="dialog.switch"),
    ]

    def __init__(self, title: str, message: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="dialog")
        self.dialog_title = title
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.dialog_title, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="primary", id="yes", compact=True)
                yield Button(f"{self.no} (n)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class QuitDialog(ModalScreen[str]):
    """Unsaved changes on quit: dismisses "save", "discard" or "cancel"."""

    AREA: ClassVar[str] = "Dialog"
    BINDINGS: ClassVar = [
        Binding("s", "answer('save')", "Save and quit", id="quit.save"),
        Binding("d", "answer('discard')", "Quit without saving", id="quit.discard"),
        Binding("escape,c", "answer('cancel')", "Keep editing", id="quit.cancel"),
        Binding("left,right", "app.focus_next", "Switch button", show=False, id="quit.switch"),
    ]

    def __init__(self, path_name: str) -> None:
        super().__init__(classes="dialog")
        self.path_name = path_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static("Unsaved changes", classes="dialog-title")
            yield Static(
                f"{self.path_name} has changes that are not saved yet.",
                classes="dialog-message",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (s)", variant="primary", id="save", compact=True)
                yield Button("Don't save (d)", variant="error", id="discard", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")


class ErrorDialog(ModalScreen[None]):
    """A problem the person must read (a failed save): its title and message, closed with Enter or Esc."""

    AREA: ClassVar[str] = "Dialog"
    BINDINGS: ClassVar = [Binding("escape,enter", "close", "Close", id="error.close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__(classes="dialog")
        self.error_title = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box -error"):
            yield Static(self.error_title, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok", compact=True)

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self) -> None:
        self.dismiss(None)
