"""The performance report: goals and pace, results tables, best and worst posts, findings, two languages."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from planner.cli import app
from planner.errors import TemplateProblem
from planner.model import Goal, Results, Strategy
from planner.report import render_report
from planner.results import merge_results
from planner.storage import load, parse
from planner.views.report import report_context, totals

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "results"
GOLDEN = Path(__file__).resolve().parent / "golden"
D = dt.date

STRATEGY = """\
schema_version = 1

[strategy]
name = "Coffee Lab"
client = "Coffee Lab Ltd"
language = "en"
start = 2026-12-01
end = 2026-12-28

[[channels]]
id = "ig-main"
platform = "instagram"
posts_per_week = 3

[[pillars]]
id = "tips"
name = "Brew | tips *fast*"
share = 50

[[pillars]]
id = "regulars"
name = "Our regulars"
share = 50

[[goals]]
id = "followers"
title = "Grow Instagram"
metric = "followers"
channel = "ig-main"
baseline = 1000
target = 2000
current = 1500
"""


def strategy(posts: list[tuple[str, str, int, int]] = ()) -> Strategy:
    """A small strategy; each post is (date, pillar, reach, engagements) with results."""
    loaded = parse(STRATEGY, "cafe.toml")
    assert loaded.ok, loaded.problems
    s = loaded.strategy
    assert s is not None
    from planner.model import Post

    for i, (day, pillar, reach, engagements) in enumerate(posts):
        s.posts.append(
            Post(
                id=f"p{i}",
                date=dt.date.fromisoformat(day),
                time="18:30" if i % 2 else "09:00",
                channel="ig-main",
                pillar=pillar,
                format="photo",
                topic=f"Post {i}",
                status="published",
                results=Results(reach, engagements, 0, 0, 1),
            )
        )
    return s


# --- golden reports, as a user gets them ----------------------------------------------------------------


@pytest.mark.parametrize(("example", "lang"), [("shop-ru", "ru"), ("cafe", "en")])
def test_a_month_of_results_gives_the_golden_report(tmp_path, example, lang):
    """`plan` (frozen in the fixture), `results` with December's statistics, then `report`."""
    path = Path(shutil.copy(FIXTURES / f"{example}-planned.toml", tmp_path / f"{example}.toml"))
    runner = CliRunner()
    merged = runner.invoke(app, ["results", str(path), str(FIXTURES / f"{example}-december.csv")])
    assert merged.exit_code == 0, merged.output
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["report", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"report.{lang}.md"
    text = out.read_text("utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


def test_the_russian_report_has_no_english_words_left():
    text = (GOLDEN / "report.ru.md").read_text("utf-8")
    latin = set(re.findall(r"[A-Za-z]{2,}", text)) - {"ER", "Telegram"}  # ER is the metric's usual name
    assert latin == set()
    assert "31 декабря 2026" in text
    assert "263\u00a0110" in text  # Russian thousands separator, a no-break space (planner.l10n nbsp)


def test_every_table_of_the_reports_has_rows_as_wide_as_its_header():
    for golden in GOLDEN.glob("report.*.md"):
        tokens = MarkdownIt("commonmark").enable("table").parse(golden.read_text("utf-8"))
        tables = [t for t in tokens if t.type == "table_open"]
        assert len(tables) >= 8
        cells_per_row: list[int] = []
        for token in tokens:
            if token.type == "tr_open":
                cells_per_row.append(0)
            elif token.type in ("th_open", "td_open"):
                cells_per_row[-1] += 1
        assert min(cells_per_row) >= 4


# --- what the report computes -----------------------------------------------------------------------------


def test_engagement_rate_adds_up_engagements_over_reach():
    s = strategy([("2026-12-01", "tips", 1000, 50), ("2026-12-02", "tips", 3000, 90)])
    t = totals(s.posts)
    assert (t.posts, t.reach, t.engagements) == (2, 4000, 140)
    assert t.er == pytest.approx(3.5)
    assert t.avg_reach == 2000


def test_report_is_as_of_the_latest_results_not_today():
    s = strategy([("2026-12-01", "tips", 1000, 50), ("2026-12-09", "tips", 1000, 50)])
    assert report_context(s, "en")["as_of"] == D(2026, 12, 9)
    assert render_report(s) == render_report(s)
    earlier = report_context(s, "en", as_of=D(2026, 12, 5))
    assert earlier["overall"].posts == 1  # posts after the date are left out


@pytest.mark.parametrize(
    ("current", "as_of", "pace"),
    [
        (1500, D(2026, 12, 10), "on_pace"),  # half the way after 10 of 28 days
        (1200, D(2026, 12, 20), "behind"),  # a fifth of the way after 20 of 28 days
        (2000, D(2026, 12, 20), "reached"),
        (1900, D(2027, 1, 5), "missed"),  # the deadline (the period's end) has passed
    ],
)
def test_a_goal_is_on_pace_when_progress_keeps_up_with_time(current, as_of, pace):
    s = strategy([("2026-12-01", "tips", 1000, 50)])
    s.goals[0].current = current
    goal = report_context(s, "en", as_of=as_of)["goals"][0]
    assert goal.pace == pace
    assert goal.progress_pct == pytest.approx((current - 1000) / 10)


def test_post_level_goals_are_averages_of_the_posts_results():
    s = strategy([("2026-12-01", "tips", 1000, 50), ("2026-12-02", "regulars", 3000, 90)])
    s.goals = [
        Goal(id="reach", title="Reach", metric="reach", baseline=1000, target=3000, current=1),
        Goal(id="er", title="ER", metric="engagement_rate", baseline=2, target=6),
    ]
    reach, er = report_context(s, "en")["goals"]
    assert (reach.now, reach.from_posts, reach.per_post) == (2000, 2, True)  # `current` is not used
    assert er.now == pytest.approx(3.5)
    assert not er.per_post


def test_best_and_worst_posts_never_repeat_a_post():
    s = strategy([(f"2026-12-0{i}", "tips", 1000, 10 * i) for i in range(1, 8)])
    context = report_context(s, "en")
    best = [p.id for p in context["best"]]
    worst = [p.id for p in context["worst"]]
    assert best == ["p6", "p5", "p4", "p3", "p2"]
    assert worst == ["p0", "p1"]  # only the posts not already among the best, weakest first


def test_ties_in_engagement_rate_go_to_the_bigger_reach():
    s = strategy([("2026-12-01", "tips", 1000, 50), ("2026-12-02", "tips", 2000, 100)])
    assert [p.id for p in report_context(s, "en")["best"]] == ["p1", "p0"]


def test_findings_name_the_best_pillar_the_slow_channel_and_the_pillars_off_their_share():
    s = strategy(
        [
            ("2026-12-01", "tips", 1000, 30),
            ("2026-12-02", "tips", 1000, 30),
            ("2026-12-03", "tips", 1000, 30),
            ("2026-12-05", "tips", 1000, 30),
            ("2026-12-08", "regulars", 1000, 90),
            ("2026-12-10", "regulars", 1000, 90),
        ]
    )
    s.channels[0].posts_per_week = 5  # 5 a week over the 10 days to December 10 asks for 7 posts
    kinds = [f.kind for f in report_context(s, "en")["findings"]]
    assert kinds == ["best_pillar", "best_slot", "behind_cadence", "over_share", "under_share"]
    text = render_report(s)
    assert "pillar is **Our regulars**: engagement rate 9% over 2 posts (all posts: 5%)." in text
    assert "**Instagram** is behind its cadence: 6 posts published against the 7 that 5 a week asks" in text
    # A pipe is escaped only inside tables (planner.md_tables): in a list item it is no markup.
    assert r"**Brew | tips \*fast\*** takes 66.7% of the published posts against a planned 50%" in text


def test_a_report_without_results_shows_the_goals_and_says_how_to_add_results():
    text = render_report(strategy())
    assert "No post has results yet" in text
    assert "| Grow Instagram | followers | Instagram | 1,000 | 1,500 | 2,000 |" in text
    assert "## Results" not in text


def test_user_text_cannot_break_a_table():
    text = render_report(strategy([("2026-12-01", "tips", 1000, 50), ("2026-12-02", "tips", 1000, 60)]))
    assert r"| Brew \| tips \*fast\* | 2 |" in text


def test_user_templates_run_in_the_sandbox(tmp_path):
    (tmp_path / "report.md.j2").write_text("{{ goals.__class__.__mro__ }}", "utf-8")
    with pytest.raises(TemplateProblem, match="sandbox"):
        render_report(strategy(), templates=tmp_path)


# --- the command --------------------------------------------------------------------------------------------


def test_cli_prints_the_report_in_the_language_asked(tmp_path):
    path = tmp_path / "cafe.toml"
    path.write_text(STRATEGY, "utf-8")
    result = CliRunner().invoke(app, ["report", str(path), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Coffee Lab\n\n*Отчёт о результатах*")


def test_cli_refuses_an_unknown_language_as_usage(tmp_path):
    path = tmp_path / "cafe.toml"
    path.write_text(STRATEGY, "utf-8")
    result = CliRunner().invoke(app, ["report", str(path), "--lang", "de"])
    assert result.exit_code == 2


def test_the_merged_example_reports_what_its_results_say():
    planned = load(FIXTURES / "shop-ru-planned.toml").strategy
    s = merge_results(planned, FIXTURES / "shop-ru-december.csv").strategy
    context = report_context(s, "ru")
    assert context["as_of"] == D(2026, 12, 31)
    assert context["overall"].posts == sum(1 for p in s.posts if p.results is not None)
    assert {g.label for g in context["by_channel"]} == {"ВКонтакте", "Telegram", "Одноклассники", "Дзен"}
