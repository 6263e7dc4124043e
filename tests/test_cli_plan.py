"""`smm-planner plan`: fills the content plan, says what changed, keeps people's work and the file safe."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner import planning
from planner.cli import app
from planner.storage import load
from tests.conftest import EXAMPLES

runner = CliRunner()

NO_PERIOD = """\
schema_version = 1

[strategy]
name = "No dates yet"

[[channels]]
id = "vk-main"
platform = "vk"
posts_per_week = 3
"""


def plan(*args: str | Path):
    return runner.invoke(app, ["plan", *map(str, args)])


def test_plan_fills_the_period_and_keeps_the_people_posts(minimal: Path):
    mine = load(minimal).strategy.posts
    result = plan(minimal)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "vk-main 2026-12: 12 added, 0 removed, 1 kept",
        "vk-main 2027-01: 13 added, 0 removed, 0 kept",
        "vk-main 2027-02: 12 added, 0 removed, 0 kept",
        "x-news  2026-12: 10 added, 0 removed, 0 kept",
        "x-news  2027-01: 8 added, 0 removed, 0 kept",
        "x-news  2027-02: 8 added, 0 removed, 0 kept",
    ]
    assert lines[6] == "total 2026-12-01 – 2027-02-28: 63 added, 0 removed, 1 kept; times in Europe/Moscow"
    assert lines[-1] == f"saved {minimal}; the previous version is in {minimal}.bak"
    strategy = load(minimal).strategy  # still a valid strategy file
    assert len(strategy.posts) == 64
    assert all(p in strategy.posts for p in mine)
    assert runner.invoke(app, ["validate", str(minimal)]).exit_code == 0


def test_plan_keeps_the_previous_file_as_bak(minimal: Path):
    original = minimal.read_bytes()
    assert plan(minimal).exit_code == 0
    assert Path(f"{minimal}.bak").read_bytes() == original
    assert minimal.read_bytes() != original


def test_a_second_plan_changes_nothing_and_leaves_the_bytes_identical(minimal: Path):
    assert plan(minimal).exit_code == 0
    planned = minimal.read_bytes()
    bak = Path(f"{minimal}.bak").read_bytes()
    result = plan(minimal)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "the content plan is up to date: 64 posts from 2026-12-01 – 2027-02-28, nothing to change",
        # the fixture's pillars have no topic banks: what they need is said on every run
        "education: 9 more topics would fill every post (36 posts have none)",
        "regulars: 6 more topics would fill every post (23 posts have none)",
    ]
    assert minimal.read_bytes() == planned
    assert Path(f"{minimal}.bak").read_bytes() == bak  # nothing was saved


def test_dry_run_prints_the_changes_and_writes_nothing(minimal: Path):
    original = minimal.read_bytes()
    result = plan(minimal, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "vk-main 2026-12: 12 added, 0 removed, 1 kept" in result.stdout
    assert "x-news  2027-02: 8 added, 0 removed, 0 kept" in result.stdout
    assert result.stdout.splitlines()[-1] == f"dry run: {minimal} was not changed"
    assert minimal.read_bytes() == original
    assert not Path(f"{minimal}.bak").exists()


def test_from_and_to_replan_part_of_the_period(minimal: Path):
    assert plan(minimal).exit_code == 0
    before = load(minimal).strategy.posts
    text = minimal.read_text().replace('days = ["mon", "wed", "fri"]', 'days = ["tue", "thu", "sat"]')
    minimal.write_text(text)
    result = plan(minimal, "--from", "2027-01-01", "--to", "2027-01-31")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "vk-main 2027-01: 13 added, 13 removed, 0 kept"
    after = load(minimal).strategy.posts
    outside = [p for p in before if p.date.month != 1]
    assert [p for p in after if p.date.month != 1] == outside


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2027-02-01", "--to", "2027-01-01"],
            "cannot plan from 2027-02-01 to 2027-01-01: the end is before",
        ),
        (["--from", "2026-11-30"], "cannot plan from 2026-11-30: it is outside the strategy period"),
        (["--to", "2027-03-01"], "cannot plan to 2027-03-01: it is outside the strategy period"),
    ],
)
def test_a_range_that_makes_no_sense_is_refused(minimal: Path, args, message):
    original = minimal.read_bytes()
    result = plan(minimal, *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert minimal.read_bytes() == original


def test_a_date_that_is_not_a_date_is_a_usage_error(minimal: Path):
    assert plan(minimal, "--from", "1 December").exit_code == 2


def test_an_invalid_file_is_refused_with_its_problems(minimal: Path):
    minimal.write_text(minimal.read_text().replace('days = ["tue", "thu"]', 'days = ["tue", "thursday"]'))
    original = minimal.read_bytes()
    result = plan(minimal)
    assert result.exit_code == 1
    assert f"{minimal}: channels[x-news].days[1]: 'thursday' is not a weekday" in result.stderr
    assert minimal.read_bytes() == original


def test_a_missing_file_is_refused(tmp_path: Path):
    result = plan(tmp_path / "nowhere.toml")
    assert result.exit_code == 1
    assert "nowhere.toml: no such file" in result.stderr


def test_a_strategy_without_a_period_cannot_be_planned(tmp_path: Path):
    path = tmp_path / "strategy.toml"
    path.write_text(NO_PERIOD)
    result = plan(path)
    assert result.exit_code == 1
    assert result.stderr == "the strategy has no period: set strategy.start and strategy.end to plan posts\n"


def test_a_file_changed_on_disk_while_planning_is_not_overwritten(minimal: Path, monkeypatch):
    edited = (
        minimal.read_text() + '\n[[posts]]\nid = "typed-meanwhile"\ndate = 2026-12-03\nchannel = "x-news"\n'
    )

    def plan_while_someone_edits(*args, **kwargs):
        change = real_plan(*args, **kwargs)
        minimal.write_text(edited)  # another editor saves between our reading and our saving
        return change

    real_plan = planning.plan_strategy
    monkeypatch.setattr(planning, "plan_strategy", plan_while_someone_edits)
    result = plan(minimal)
    assert result.exit_code == 1
    assert "the file changed on disk since it was opened; nothing was saved" in result.stderr
    assert minimal.read_text() == edited
    assert not Path(f"{minimal}.bak").exists()


@pytest.mark.parametrize("example", ["cafe.toml", "shop-ru.toml"])
def test_the_examples_plan_into_valid_files_and_a_second_plan_is_a_no_op(tmp_path: Path, example: str):
    path = Path(shutil.copy(EXAMPLES / example, tmp_path / example))
    result = plan(path)
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    planned = path.read_bytes()
    again = plan(path)
    assert again.stdout.startswith(("the content plan is up to date", "контент-план актуален"))
    assert path.read_bytes() == planned


@pytest.mark.parametrize(("example", "month"), [("cafe.toml", "2027-01"), ("shop-ru.toml", "2026-12")])
def test_replanning_a_month_of_an_unchanged_plan_changes_nothing(tmp_path: Path, example: str, month: str):
    path = Path(shutil.copy(EXAMPLES / example, tmp_path / example))
    first, last = f"{month}-01", f"{month}-{'31'}"
    result = plan(path, "--from", first, "--to", last)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(("the content plan is up to date", "контент-план актуален"))


def test_plan_speaks_the_language_of_a_russian_strategy(shop_ru: Path):
    text = shop_ru.read_text("utf-8")
    shop_ru.write_text(text.replace('"thu", "sat"]', '"thu", "fri"]', 1), "utf-8")  # vk-main moves a day
    result = plan(shop_ru, "--dry-run", "--from", "2026-12-28", "--to", "2027-01-10")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("vk-main      2026-12: ")
    assert any(
        line.startswith("всего 2026-12-28 – 2027-01-10: ") and "время — Europe/Moscow" in line
        for line in lines
    )
    holidays = next(line for line in lines if "на праздники" in line)
    assert holidays.startswith("примечание: ") and "Новогодние каникулы" in holidays
    assert "New Year" not in result.stdout
