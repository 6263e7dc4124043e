"""A command line Typer parsed once runs again without Typer (planner.parse_memo), the same in every way."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer.main
from typer.testing import CliRunner

from planner import parse_memo
from planner.cli import SETTINGS, app, app_for, run_remembered
from planner.commands import echo

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
    while True:  # the documents carry the day they were made: both runs on one day
        day = dt.date.today()
        cache = tmp_path / "cache"
        shutil.rmtree(tmp_path, ignore_errors=True)
        tmp_path.mkdir()
        first = run(args, cache, tmp_path)
        assert first[3], "the first run parses with Typer"
        for path in (tmp_path / "out", tmp_path / "copied"):
            if path.exists():
                os.rename(path, tmp_path / f"{path.name}-first")
        second = run(args, cache, tmp_path)
        if dt.date.today() == day:
            break
    assert second[:3] == first[:3]
    assert second[3] is not remembered
    if (tmp_path / "out").exists():
        for name in ("strategy.md", "content-plan.md"):
            assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "out-first" / name).read_bytes()


def context_of(name: str, **settings: Any) -> typer.Context:
    group: Any = typer.main.get_command(app)
    return typer.Context(group.commands[name], **settings)


def test_only_commands_that_the_words_alone_decide_are_remembered() -> None:
    assert parse_memo.pure(context_of("render"))
    assert parse_memo.pure(context_of("plan"))  # dates parsed from the words
    assert parse_memo.pure(context_of("validate"))  # a list of paths
    assert not parse_memo.pure(context_of("templates"))  # Typer checks that DIR is readable
    assert not parse_memo.pure(context_of("new"))
    assert not parse_memo.pure(context_of("render", auto_envvar_prefix="SMM"))  # values from the environment


def test_a_parameter_of_a_kind_not_known_to_be_pure_is_parsed_each_time() -> None:
    def shout(word: Annotated[str, typer.Argument(parser=str.upper)]) -> None:
        """Say it louder."""

    plain = typer.Typer()
    plain.command()(shout)
    plain.command()(lambda: None)
    group: Any = typer.main.get_command(plain)
    assert not parse_memo.pure(typer.Context(group.commands["shout"]))


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


def test_the_memo_keeps_the_newest_command_lines(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(parse_memo, "_path", lambda: tmp_path / "memo")
    monkeypatch.setattr(parse_memo, "MAX_ENTRIES", 3)
    keys = [bytes([n]) * 16 for n in range(5)]
    for n, key in enumerate(keys):
        parse_memo.learn(key, "render", {"n": n})
    assert [parse_memo.recall(key) is not None for key in keys] == [False, False, True, True, True]


def interrupted() -> None:
    raise KeyboardInterrupt


def out_of_input() -> None:
    raise EOFError


def closed_pipe() -> None:
    raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def failing() -> None:
    print("half of it")
    raise SystemExit(1)


def fine() -> None:
    print("all of it")


@pytest.mark.parametrize("function", [fine, failing, interrupted, out_of_input, closed_pipe])
def test_a_remembered_command_ends_as_typer_ends_it(
    function: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typer itself, running the bare function, against the command run from the memo."""
    plain = typer.Typer(**{**SETTINGS, "no_args_is_help": False})  # as ours: plain text, no Rich
    plain.command()(function)
    by_typer = CliRunner().invoke(plain, [])
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # a closed pipe points stdout at the null device
    with pytest.raises(SystemExit) as ended:
        run_remembered(function, {})
    captured = capsys.readouterr()
    assert (ended.value.code, captured.out, captured.err) == (
        by_typer.exit_code,
        by_typer.stdout,
        by_typer.stderr,
    )


def test_echo_prints_plain_text_whatever_the_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    echo("x\x1b[31mred.toml: ok — 3 posts")
    assert raw.getvalue() == b"xred.toml: ok ? 3 posts\n"


def test_a_read_only_cache_costs_speed_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refused(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "write_bytes", refused)
    monkeypatch.setattr(Path, "unlink", refused)
    monkeypatch.setattr(parse_memo, "_path", lambda: tmp_path / "memo")
    parse_memo.learn(b"k" * 16, "render", {"path": Path("a.toml")})
    assert parse_memo.recall(b"k" * 16) is None


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
