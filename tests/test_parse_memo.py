"""A command line Typer parsed once runs again without Typer (planner.parse_memo), the same in every way."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from planner import parse_memo
from planner.cli import app, app_for, run_remembered

ROOT = Path(__file__).resolve().parent.parent
CAFE = ROOT / "examples" / "cafe.toml"

# Runs the console script's `main` with `args`, then says on its last line whether Typer was imported.
RUN = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('typer imported:', 'typer' in sys.modules, file=sys.stderr))\n"
    "sys.argv = ['smm-planner', *sys.argv[1:]]\n"
    "from planner.entry import main\n"
    "main()\n"
)


def run(args: list[str], cache: Path, cwd: Path) -> tuple[int, str, str, bool]:
    env = {**os.environ, "SMM_PLANNER_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )
    *stderr, last = done.stderr.splitlines()
    assert last.startswith("typer imported: "), done.stderr
    return done.returncode, done.stdout, "\n".join(stderr), last.endswith("True")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "remembered"),
    [
        (["render", str(CAFE), "-o", "out"], True),
        (["render", str(CAFE), "--lang", "ru", "--no-charts", "-o", "-"], True),
        (["validate", str(CAFE), "missing.toml"], True),  # exit 1: the parse was right, the file is not
        (["export", str(CAFE), "-f", "csv"], True),  # (a calendar holds the time it was made)
        (["render", "missing.toml"], True),
        (["render"], False),  # wrong usage, exit 2: Typer exits before the command runs
        (["export", str(CAFE), "-f", "pdf"], False),
        (["render", "--help"], False),
        (["templates", "copied"], False),  # its folder parameter checks the disk (readable)
    ],
)
def test_a_second_run_is_the_first_without_typer(args: list[str], remembered: bool, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run(args, cache, tmp_path)
    assert first[3], "the first run parses with Typer"
    for path in (tmp_path / "out", tmp_path / "copied"):
        if path.exists():
            os.rename(path, tmp_path / f"{path.name}-first")
    second = run(args, cache, tmp_path)
    assert second[:3] == first[:3]
    assert second[3] is not remembered
    if (tmp_path / "out").exists():
        for name in ("strategy.md", "content-plan.md"):
            assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "out-first" / name).read_bytes()


def click_command(name: str) -> Any:
    group: Any = typer.main.get_command(app)
    return group.commands[name]


def test_only_commands_that_the_words_alone_decide_are_remembered() -> None:
    assert parse_memo.pure(click_command("render"))
    assert parse_memo.pure(click_command("plan"))  # dates parsed from the words
    assert not parse_memo.pure(click_command("templates"))  # Typer checks that DIR is readable
    assert not parse_memo.pure(click_command("new"))


def test_the_key_follows_the_words_the_versions_and_the_declarations(monkeypatch: pytest.MonkeyPatch) -> None:
    render = parse_memo.key(["render", "a.toml"])
    assert render is not None
    assert render == parse_memo.key(["render", "a.toml"])
    assert render != parse_memo.key(["render", "b.toml"])
    assert render != parse_memo.key(["render", "a.toml", "--no-charts"])
    monkeypatch.setattr(parse_memo, "installed_version", lambda package: "99.0")
    assert render != parse_memo.key(["render", "a.toml"])
    monkeypatch.undo()
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(
        Path, "read_bytes", lambda self: real_read_bytes(self) + (b"#" if self.name == "cli.py" else b"")
    )
    assert render != parse_memo.key(["render", "a.toml"])


def test_completion_is_always_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_SMM_PLANNER_COMPLETE", "bash_complete")
    assert parse_memo.key(["render", "a.toml"]) is None


def test_what_is_learned_is_recalled_and_a_damaged_file_is_empty(tmp_path: Path) -> None:
    key = parse_memo.key(["render", "a.toml"])
    assert key is not None
    values = {"path": Path("a.toml"), "output": None, "no_charts": True}
    parse_memo.learn(key, "render", values)
    assert parse_memo.recall(key) == ("render", values)
    memo = parse_memo._path()
    assert memo is not None
    memo.write_bytes(b"\x00not marshal")
    assert parse_memo.recall(key) is None
    parse_memo.learn(key, "render", values)  # a damaged file is replaced
    assert parse_memo.recall(key) == ("render", values)


def test_the_memo_keeps_the_newest_command_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_memo, "MAX_ENTRIES", 3)
    keys = [bytes([n]) * 16 for n in range(5)]
    for n, key in enumerate(keys):
        parse_memo.learn(key, "render", {"n": n})
    assert [parse_memo.recall(key) is not None for key in keys] == [False, False, True, True, True]


def test_a_remembered_command_ends_as_typer_would(capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    def closed_pipe() -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def failing() -> None:
        raise SystemExit(1)

    outcomes = []
    for function in (lambda: None, failing, interrupted, closed_pipe):
        stdout, stderr = sys.stdout, sys.stderr
        with pytest.raises(SystemExit) as ended:
            run_remembered(function, {})
        sys.stdout, sys.stderr = stdout, stderr  # a closed pipe points them at the null device
        outcomes.append(ended.value.code)
    assert outcomes == [0, 1, 1, 1]
    assert capsys.readouterr().err == "\nAborted!\n"


def test_the_app_of_one_command_is_built_from_the_same_declaration() -> None:
    alone: Any = typer.main.get_command(app_for(["render", "x.toml"]))
    whole: Any = typer.main.get_command(app)
    assert list(alone.commands) == ["render"]
    names = [[p.name for p in group.commands["render"].params] for group in (alone, whole)]
    assert names[0] == names[1] == ["path", "output", "templates", "lang", "no_charts"]


@pytest.mark.parametrize(
    ("values", "parsed_again"),
    [({"paths": [CAFE]}, False), ({"paths": [CAFE], "bogus": 1}, True), ({}, True)],
)
def test_remembered_values_that_are_not_the_commands_parameters_are_parsed_again(
    values: dict[str, Any],
    parsed_again: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from planner import cli

    args = ["validate", str(CAFE)]
    key = parse_memo.key(args)
    assert key is not None
    parse_memo.learn(key, "validate", values)
    parsed = []
    real_app_for = cli.app_for
    monkeypatch.setattr(cli, "app_for", lambda *a: parsed.append(a) or real_app_for(*a))
    monkeypatch.setattr(sys, "argv", ["smm-planner", *args])
    monkeypatch.setattr("gc.freeze", lambda: None)  # main's last step, for a process about to end
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 0
    assert bool(parsed) is parsed_again
    assert capsys.readouterr().out == f"{CAFE}: ok (130 posts)\n"
