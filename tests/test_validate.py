"""`smm-planner validate`: every malformed file gets one clear line naming the file and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from tests.conftest import EXAMPLES, FIXTURES

MALFORMED = FIXTURES / "malformed"
runner = CliRunner()

# fixture name -> the one line `validate` must print after "PATH"
EXPECTED = {
    "bad-check-status": ": tactics.contests.status: 'yes' is not one of done, todo, n/a",
    "bad-country": ": strategy.country: 'Russia' is not a two-letter ISO 3166 code",
    "bad-id": ": channels[1].id: 'X News' is not a valid id",
    "bad-language": ": strategy.language: 'de' is not one of en, ru",
    "bad-report-cadence": ": community.report_every: 'weekly' is not one of week, month (did you mean 'week'?)",
    "bad-stage": ": pillars[regulars].stage: 'transmision' is not one of adhesion, appropriation, transmission",
    "bad-time": ": channels[x-news].times[0]: '12pm' is not a time: use HH:MM",
    "bad-timezone": ": strategy.timezone: 'Moscow' is not an IANA time zone",
    "bad-weekday": ": channels[x-news].days[1]: 'thursday' is not a weekday",
    "binary-junk": ": is a binary file, not a TOML strategy",
    "cadence-does-not-fit": ": channels[x-news].posts_per_week: 5 posts a week do not fit 2 days × 1 times",
    "campaign-end-before-start": ": campaigns[winter-giveaway].end: is before the campaign's start (2026-12-15)",
    "campaign-unknown-channel": ": campaigns[winter-giveaway].channels[0]: unknown channel 'vk-mian' (did you mean 'vk-main'?)",
    "campaign-unknown-goal": ": campaigns[winter-giveaway].goal: unknown goal 'grow-ok' (did you mean 'grow-vk'?)",
    "date-as-string": ": strategy.start: expected a date, got text '2026-12-01' (write dates without quotes",
    "duplicate-id": ": channels[1].id: duplicate id 'vk-main'",
    "empty": ": is empty; a strategy needs at least `schema_version = 1` and [strategy] name",
    "end-before-start": ": strategy.end: must be after strategy.start (2026-12-01)",
    "float-for-count": ": channels[vk-main].followers: expected a whole number, got number 1200.5",
    "format-not-allowed": ": channels[vk-main].format: VK has no 'channel' format; it allows group, page, account",
    "goal-missing-target": ": goals[grow-vk].target: is required",
    "invalid-utf8": ":15:14: is not valid UTF-8 text; save it as UTF-8",
    "missing-schema-version": ": schema_version: is required",
    "missing-strategy-name": ": strategy.name: is required",
    "negative-budget": ": strategy.budget: must not be negative, got -5",
    "negative-result": ": posts[2026-12-02-vk-main-1].results.likes: must not be negative, got -3",
    "number-as-string": ": channels[vk-main].followers: expected a whole number, got text '1200'",
    "post-missing-date": ": posts[2026-12-02-vk-main-1].date: is required",
    "post-outside-period": ": posts[2026-12-02-vk-main-1].date: 2027-03-02 is outside the strategy period",
    "posts-not-tables": ": posts: expected a list of tables ([[posts]]), got text 'none yet'",
    "presence-missing-platform": ": competitors[bean-bros].presence[0].platform: is required",
    "shares-not-100": ": pillars: shares add up to 90, not 100",
    "strategy-not-table": ": strategy: expected a table, got text 'Coffee Lab'",
    "syntax-duplicate-key": ":5:15: TOML syntax: cannot overwrite a value",
    "syntax-unclosed-array": ":34:1: TOML syntax: unclosed array",
    "syntax-unclosed-string": ":15:21: TOML syntax: illegal character",
    "text-over-limit": ": posts[2026-12-02-vk-main-1].text: is 312 characters; X (Twitter) allows 280",
    "time-literal": ": posts[2026-12-02-vk-main-1].time: expected text, got time 10:00:00",
    "unknown-audience-ref": ": channels[vk-main].audience[0]: unknown audience segment 'parent' (did you mean 'parents'?)",
    "unknown-channel-key": ": channels[vk-main].posts_per_wek: unknown key 'posts_per_wek' (did you mean 'posts_per_week'?)",
    "unknown-metric": ": goals[grow-vk].metric: 'subscribers' is not one of followers, reach",
    "unknown-pillar-ref": ": posts[2026-12-02-vk-main-1].pillar: unknown pillar 'educaton' (did you mean 'education'?)",
    "unknown-platform": ": channels[x-news].platform: unknown platform 'twiter'",
    "unknown-smo-item": ": smo.share-button: unknown SMO checklist item 'share-button' (did you mean 'share-buttons'?)",
    "unknown-top-key": ": chanels: unknown key 'chanels' (did you mean 'channels'?)",
    "utf16": ": is UTF-16 encoded; save it as UTF-8",
    "whitespace-only": ": is empty",
    "wrong-schema-version": ": schema_version: this planner reads format version 1, the file says 2",
    # Bounds on everything a file can hold (issue 12): each of these crashed or hung a command.
    "number-of-5000-digits": ":10:10: TOML syntax: a number of 5,000 digits is far past any count",
    "number-past-its-bound": ": channels[vk-main].followers: must be at most 1,000,000,000,000, got a number of 4,299 digits",
    "nested-500-deep": ":34:89: TOML syntax: values are nested too deeply",
    "timezone-folder": ": strategy.timezone: 'Europe' is not an IANA time zone",
    "timezone-300-segments": ": strategy.timezone: 'a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a…' is not an IANA",
    "country-three-letters": ": strategy.country: 'USA' is not a two-letter ISO 3166 code",
    "period-of-millennia": ": strategy.end: must be on or before 2100-12-31, got 3026-02-28",
    "period-over-five-years": ": strategy.end: is 1,915 days after strategy.start; a strategy covers at most five years",
    "post-in-year-9999": ": posts[2026-12-02-vk-main-1].date: must be on or before 2100-12-31, got 9999-12-02",
    "campaign-in-year-1": ": campaigns[winter-giveaway].start: must be on or after 2000-01-01, got 0001-12-15",
    "currency-too-long": ": strategy.currency: is 65,537 characters long; at most 200 are allowed",
    "rate-past-its-bound": ": competitors[bean-bros].presence[0].engagement_rate: must be at most 1,000, got 5000",
    "cadence-past-its-bound": ": channels[vk-main].posts_per_week: must be at most 100, got 1000",
    "name-too-long": ": strategy.name: is 280 characters long; at most 200 are allowed",
    "result-past-its-bound": (
        ": posts[2026-12-02-vk-main-1].results.reach: must be at most 1,000,000,000,000, got 10000000000000"
    ),
}


def test_every_fixture_has_an_expected_message() -> None:
    names = {p.stem for p in MALFORMED.glob("*.toml")}
    assert names == set(EXPECTED)
    assert len(names) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file_gets_one_clear_line(name: str) -> None:
    path = MALFORMED / f"{name}.toml"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{path}{EXPECTED[name]}"), lines[0]
    assert "Traceback" not in result.output


def test_the_base_of_the_fixtures_is_valid() -> None:
    result = runner.invoke(app, ["validate", str(FIXTURES / "valid-minimal.toml")])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(": ok (1 posts)")


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_examples_are_valid(example: Path) -> None:
    result = runner.invoke(app, ["validate", str(example)])
    assert result.exit_code == 0, result.output


def test_several_problems_are_all_reported(tmp_path: Path) -> None:
    text = (FIXTURES / "valid-minimal.toml").read_text()
    text = text.replace("posts_per_week = 3", "posts_per_wek = 3").replace("share = 40", "share = 30")
    text = text.replace('metric = "followers"', 'metric = "folowers"').replace(
        'platform = "x"', 'platform = "ix"'
    )
    path = tmp_path / "many.toml"
    path.write_text(text)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    wheres = [line.split(": ")[1] for line in result.stderr.splitlines()]
    assert wheres == [
        "channels[vk-main].posts_per_wek",
        "goals[grow-vk].metric",
        "channels[x-news].platform",
        "pillars",
    ]


def test_several_files_in_one_run(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(FIXTURES / "valid-minimal.toml"), str(MALFORMED / "empty.toml")]
    )
    assert result.exit_code == 1
    assert "valid-minimal.toml: ok" in result.stdout
    assert "empty.toml: is empty" in result.stderr


def test_missing_file_folder_and_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "nope.toml"
    result = runner.invoke(app, ["validate", str(missing), str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{missing}: no such file",
        f"{tmp_path}: is a folder, not a strategy file",
    ]

    locked = tmp_path / "locked.toml"
    locked.write_text("schema_version = 1\n")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # root can read a chmod 000 file, so simulate
    result = runner.invoke(app, ["validate", str(locked)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{locked}: cannot be read: permission denied"


def test_validate_without_paths_is_wrong_usage() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
