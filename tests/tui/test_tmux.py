"""The installed command in a real terminal (tmux): keys in, screen text out, the file on disk after."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner import storage

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

COMMAND = Path(sys.executable).with_name("smm-planner")


class Terminal:
    """One tmux session running the planner at 100×30."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.name = f"smm-{uuid.uuid4().hex[:8]}"
        command = " ".join([str(COMMAND), *args])
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", "100", "-y", "30", "-c", str(cwd), command],
            check=True,
        )

    def screen(self) -> str:
        result = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True, check=False
        )
        return result.stdout

    def wait_for(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = ["tmux", "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys]
        subprocess.run(args, check=True)
        time.sleep(0.3)

    def running(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def wait_closed(self, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while self.running() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not self.running(), f"the planner did not quit; the screen shows:\n{self.screen()}"

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def test_edit_duplicate_a_channel_save_and_quit(cafe_copy: Path, terminals: list[Terminal]) -> None:
    channels = len(storage.read(cafe_copy).strategy.channels)
    term = Terminal(["edit", cafe_copy.name], cafe_copy.parent)
    terminals.append(term)
    term.wait_for("What the strategy is for")
    term.keys("Escape")  # to the steps…
    term.keys("4")  # …then the fourth: Channels
    term.wait_for("Your communities on each platform")
    term.keys("d")
    term.wait_for("ig-main-2")
    assert "unsaved" in term.screen()
    term.keys("C-s")
    term.wait_for("Saved cafe.toml")
    term.keys("C-q")
    term.wait_closed()
    loaded = storage.read(cafe_copy)
    assert loaded.ok
    assert len(loaded.strategy.channels) == channels + 1
    assert (cafe_copy.parent / "cafe.toml.bak").exists()


def test_new_strategy_typed_in_a_terminal(tmp_path: Path, terminals: list[Terminal]) -> None:
    term = Terminal(["new", "bakery.toml"], tmp_path)
    terminals.append(term)
    term.wait_for("Welcome!")
    term.wait_for("The strategy's title")  # the Strategy step is built right after the frame
    term.keys("Rye & Co: winter", literal=True)
    term.keys("Tab")
    term.keys("C-n")
    term.wait_for("No audience segment yet")
    term.keys("a")
    term.wait_for("New audience segment")
    term.keys("Early commuters", literal=True)
    term.wait_for("early-commuters")  # the id proposed from the name
    term.keys("C-s")
    term.wait_for("Early commuters")
    term.keys("C-q")
    term.wait_for("Unsaved changes")
    term.keys("s")
    term.wait_closed()
    loaded = storage.read(tmp_path / "bakery.toml")
    assert loaded.ok
    assert loaded.strategy.strategy.name == "Rye & Co: winter"
    assert [a.id for a in loaded.strategy.audience] == ["early-commuters"]
