"""Small modal questions and messages: confirm, unsaved changes on quit, a failed save and "save as", a text to read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from screens.base import PlannerModal
from screens.words import Say


class ConfirmDialog(PlannerModal[bool]):
    """A yes/no question; dismisses True for yes. `yes` and `no` name the two answers (default: Yes, No)."""

    AREA: ClassVar[str] = "dialog"
    BINDINGS: ClassVar = [
        Binding("y", "answer(True)", "Yes", id="dialog.yes"),
        Binding("n,escape", "answer(False)", "No", id="dialog.no"),
        Binding("left,right", "app.focus_next", "Switch button", show=False, id="dialog.switch"),
    ]

    def __init__(self, title: str, message: str, *, yes: str = "", no: str = "") -> None:
        super().__init__(classes="dialog")
        self.dialog_title = title
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.dialog_title, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-scroll", can_focus=False):
                yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yes = self.yes or self.t("dialog.yes")
                no = self.no or self.t("dialog.no")
                yield Button(f"{yes} (y)", variant="primary", id="yes", compact=True)
                yield Button(f"{no} (n)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class QuitDialog(PlannerModal[str]):
    """Unsaved changes on quit: dismisses "save", "discard" or "cancel"."""

    AREA: ClassVar[str] = "dialog"
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
        t = self.t
        with Vertical(classes="dialog-box"):
            yield Static(t("quit.title"), classes="dialog-title", markup=False)
            yield Static(t("quit.message", name=self.path_name), classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("quit.save"), variant="primary", id="save", compact=True)
                yield Button(t("quit.discard"), variant="error", id="discard", compact=True)
                yield Button(t("quit.cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")


class ErrorDialog(PlannerModal[None]):
    """A problem the person must read: its title and message, closed with Enter or Esc."""

    AREA: ClassVar[str] = "dialog"
    BINDINGS: ClassVar = [Binding("escape,enter", "close", "Close", id="error.close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__(classes="dialog")
        self.error_title = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box -error"):
            yield Static(self.error_title, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-scroll", can_focus=False):
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


class TextDialog(PlannerModal[None]):
    """A longer text to read (what the last generation of the plan did), scrolled, closed with Esc or Enter."""

    AREA: ClassVar[str] = "dialog"
    BINDINGS: ClassVar = [Binding("escape,enter,q", "close", "Close", id="text.close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__(classes="dialog")
        self.text_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box -wide"):
            yield Static(self.text_title, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-scroll", id="text-scroll"):
                yield Static(self.text, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("dialog.close"), variant="primary", id="ok", compact=True)

    def on_mount(self) -> None:
        self.query_one("#text-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self) -> None:
        self.dismiss(None)


def save_failure(path: Path, t: Say) -> str:
    """Why a save of `path` failed, as a person reads it (the core's message is the detail)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return t("save.no_folder", folder=str(folder))
    if path.exists() and not os.access(path, os.W_OK):
        return t("save.read_only", path=str(path))
    if not os.access(folder, os.W_OK):
        return t("save.folder_read_only", folder=str(folder))
    return t("save.failed", path=str(path))


class SaveAsDialog(PlannerModal[Path | None]):
    """A save failed: say why, and offer another path (Enter saves there, Esc keeps editing unsaved)."""

    AREA: ClassVar[str] = "save_as"
    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel", id="save-as.cancel")]

    def __init__(self, path: Path, reason: str, detail: str) -> None:
        super().__init__(classes="dialog")
        self.path = path
        self.reason = reason
        self.detail = detail

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog-box -error"):
            yield Static(t("save.not_saved"), classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-scroll", can_focus=False):
                yield Static(self.reason, classes="dialog-message", markup=False)
                yield Static(self.detail, classes="dialog-detail", markup=False)
            yield Static(t("save.save_as_prompt"), classes="dialog-message", markup=False)
            yield Input(str(self.path), id="save-as-path", compact=True)
            yield Static("", id="save-as-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("save.save_here"), variant="primary", id="save-as", compact=True)
                yield Button(t("dialog.cancel_esc"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#save-as-error").display = False
        self.query_one("#save-as-path", Input).focus()

    def _choose(self) -> None:
        text = self.query_one("#save-as-path", Input).value.strip()
        error = self.query_one("#save-as-error", Static)
        problem = self.check_path(text)
        if problem:
            error.update(problem)
            error.display = True
            return
        self.dismiss(Path(os.path.expanduser(text)))

    def check_path(self, text: str) -> str:
        """What is wrong with the path typed, or "" (a new file in a folder that exists)."""
        t = self.t
        if not text:
            return t("save.path_empty")
        path = Path(os.path.expanduser(text))
        if path.is_dir():
            return t("save.path_is_folder", path=text)
        if path.exists():
            return t("save.path_exists", path=text)
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            return t("save.no_folder", folder=str(folder))
        return ""

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose()

    @on(Button.Pressed, "#save-as")
    def _save_pressed(self) -> None:
        self._choose()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
