"""The quick commands: --version, platforms, checklist, schema, and how new/edit treat paths."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import rtoml
from typer.testing import CliRunner

from planner import __version__
from planner.cli import app
from tests.conftest import EXAMPLES, FIXTURES, ROOT

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"smm-planner {__version__}\n"


def test_every_command_has_help() -> None:
    commands = ["new", "edit", "validate", "plan", "render", "export", "results", "report"]
    commands += ["schema", "templates", "platforms", "checklist"]
    for command in commands:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage:" in result.stdout


def test_unknown_command_is_wrong_usage() -> None:
    result = runner.invoke(app, ["plna", "x.toml"])
    assert result.exit_code == 2


@pytest.mark.parametrize(
    "args",
    [["--help"], ["render", "--help"], ["render"], ["render", "--bogus", "x.toml"], ["plan", "--help"]]
    + [
        [c.name or c.callback.__name__.replace("_", "-"), "--help"]
        for c in app.registered_commands
        if c.callback
    ],
)
def test_a_command_alone_parses_and_helps_as_the_whole_app(args: list[str]) -> None:
    """`main` builds only the command it runs (planner.cli.app_for): the same output, the same exit."""
    from planner.cli import app_for

    alone, whole = runner.invoke(app_for(args), args), runner.invoke(app, args)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
    if args[0] != "--help":
        assert app_for(args) is not app


def test_platforms_lists_the_catalog() -> None:
    result = runner.invoke(app, ["platforms"])
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert rows[0].split()[:2] == ["id", "name"]
    ids = [row.split()[0] for row in rows[1:]]
    assert ids == [
        "vk",
        "ok",
        "telegram",
        "dzen",
        "rutube",
        "youtube",
        "instagram",
        "facebook",
        "x",
        "threads",
        "tiktok",
        "linkedin",
        "pinterest",
    ]
    x_row = next(row for row in rows if row.startswith("x "))
    assert x_row.rstrip().endswith("280")


def test_checklist_lists_both_checklists_with_ids() -> None:
    result = runner.invoke(app, ["checklist"])
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")]
    assert ids[:12] == [
        "share-buttons",
        "open-graph",
        "shareable-content",
        "social-comments",
        "social-login",
        "community-widgets",
        "cross-links",
        "share-prompts",
        "subscribe-prompts",
        "community-feed",
        "social-analytics",
        "product-landing",
    ]
    assert ids[12:] == [
        "communities",
        "regular-publishing",
        "video-channel",
        "paid-ads",
        "storefronts",
        "site-traffic",
        "partnerships",
        "comment-links",
        "activity-prompts",
        "contests",
        "influencers",
    ]


def _as_json(value: Any) -> Any:
    """What an editor's JSON Schema validator sees of a TOML file: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", [*sorted(EXAMPLES.glob("*.toml")), FIXTURES / "valid-minimal.toml"], ids=str)
def test_schema_accepts_every_valid_file(schema: dict[str, Any], path: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_as_json(rtoml.load(path)), schema, cls=jsonschema.Draft202012Validator)


def test_schema_rejects_a_typo_and_a_bad_enumeration(schema: dict[str, Any]) -> None:
    data = _as_json(rtoml.load(FIXTURES / "valid-minimal.toml"))
    data["channels"][0]["posts_per_wek"] = 3
    with pytest.raises(jsonschema.ValidationError, match="posts_per_wek"):
        jsonschema.validate(data, schema)
    data = _as_json(rtoml.load(FIXTURES / "valid-minimal.toml"))
    data["posts"][0]["status"] = "publshed"
    with pytest.raises(jsonschema.ValidationError, match="publshed"):
        jsonschema.validate(data, schema)


def test_new_refuses_an_existing_file_and_points_to_edit(minimal: Path) -> None:
    result = runner.invoke(app, ["new", str(minimal)])
    assert result.exit_code == 1
    assert f"smm-planner edit {minimal}" in result.stderr


def test_edit_refuses_a_missing_file_and_points_to_new(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    result = runner.invoke(app, ["edit", str(missing)])
    assert result.exit_code == 1
    assert f"smm-planner new {missing}" in result.stderr


def test_python_dash_m_planner_runs_the_same_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "planner", "validate", str(FIXTURES / "valid-minimal.toml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok (1 posts)")


def test_quick_commands_never_import_textual() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from planner.cli import app; "
        "r = CliRunner().invoke(app, ['validate', sys.argv[1]]); "
        "r2 = CliRunner().invoke(app, ['--help']); "
        "assert r.exit_code == 0 and r2.exit_code == 0; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'screens')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLES / "cafe.toml")], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_core_never_imports_the_ui() -> None:
    # The contract in pyproject.toml (lint-imports) is the check CI makes; this says the same in a test:
    # only the command line starts the TUI, with one import inside the function that runs it.
    ui_import = re.compile(r"^\s*(from|import)\s+(screens|textual)\b")
    for source in (ROOT / "planner").rglob("*.py"):
        lines = [line for line in source.read_text("utf-8").splitlines() if ui_import.match(line)]
        allowed = ["    from screens.app import PlannerApp"] if source == ROOT / "planner" / "cli.py" else []
        assert lines == allowed, source


def test_saving_a_commented_file_keeps_its_comments(minimal: Path) -> None:
    original = "# Our winter plan — agreed with the client on 20 Nov\n" + minimal.read_text()
    minimal.write_text(original)
    result = runner.invoke(app, ["plan", str(minimal)])
    assert result.exit_code == 0, result.output
    assert "comments" not in result.stderr
    assert Path(f"{minimal}.bak").read_text() == original
    assert minimal.read_text().startswith("# Our winter plan — agreed with the client on 20 Nov\n")


@pytest.mark.parametrize("command", [["render", "-o", "-"], ["report"], ["export", "-f", "csv"]])
def test_a_document_on_stdout_is_utf8_whatever_the_terminal_encoding(
    command: list[str], tmp_path: Path
) -> None:
    """A Russian document printed where the output's encoding is ASCII: its UTF-8 bytes, no traceback."""
    import os

    shop = EXAMPLES / "shop-ru.toml"
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "planner", command[0], str(shop), *command[1:]],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    assert re.search("[а-яё]{4}", done.stdout.decode("utf-8"))  # Russian text, encoded as UTF-8
