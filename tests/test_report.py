"""The performance report: a month of platform exports gives a report to send; every finding stands on enough data."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import rtoml
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from planner.cli import app
from planner.errors import TemplateProblem
from planner.l10n import label_function
from planner.model import Campaign, Channel, Community, Goal, Pillar, Post, Results, Strategy, StrategyInfo
from planner.report import render_report
from planner.typography import keep_numbers_whole
from planner.views.report import report_context
from planner.views.report_totals import MIN_CELL_POSTS, MIN_GROUP_POSTS
from planner.views.strategy import goal_rows

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "results"
GOLDEN = ROOT / "tests" / "golden"
LOCALES = ROOT / "planner" / "locales"
D = dt.date
NBSP = "\u00a0"
EXPORTS = {
    "cafe": ["cafe-instagram-december.csv", "cafe-facebook-december.csv"],
    "shop-ru": ["shop-ru-vk-december.csv", "shop-ru-telegram-december.csv"],
}
runner = CliRunner()


def december(
    channels: dict[str, str] | None = None, pillars: tuple[str, ...] = ("tips", "regulars"), **info: object
) -> Strategy:
    """December 2026 with channels {id: platform} and pillars of equal shares; posts are added by `publish`."""
    channels = channels or {"ig": "instagram"}
    return Strategy(
        strategy=StrategyInfo(name="Coffee Lab", client="Coffee Lab Ltd", language="en", currency="GBP",
                              start=D(2026, 12, 1), end=D(2026, 12, 31), **info),  # type: ignore[arg-type]
        channels=[Channel(id=c, platform=p, posts_per_week=5) for c, p in channels.items()],
        pillars=[Pillar(id=p, name=p.title(), share=100 // len(pillars)) for p in pillars] if pillars else [],
    )  # fmt: skip


def publish(s: Strategy, day: int, reach: int, engagements: int, **kw: object) -> Post:
    """A published December post with `engagements` likes on `reach`; `kw` sets channel, time, pillar, …"""
    results = kw.pop("results", None) or Results(reach=reach, likes=engagements)
    fields = {
        "channel": s.channels[0].id,
        "time": "09:00",
        "pillar": s.pillars[0].id if s.pillars else "",
    } | kw
    post = Post(
        id=f"p{len(s.posts)}",
        date=D(2026, 12, day),
        status="published",
        results=results,
        topic=f"Post {len(s.posts)}",
        **fields,
    )  # type: ignore[arg-type]
    s.posts.append(post)
    return post


def kinds(s: Strategy, lang: str = "en") -> list[str]:
    return [f.kind for f in report_context(s, lang)["findings"]]


def import_december(example: str, tmp_path: Path) -> Path:
    """The example frozen in the fixtures, with its December exports imported as a user does it."""
    path = Path(shutil.copy(FIXTURES / f"{example}.toml", tmp_path / f"{example}.toml"))
    result = runner.invoke(app, ["results", str(path), *(str(FIXTURES / f) for f in EXPORTS[example])])
    assert result.exit_code == 0, result.output
    return path


def prose(markdown: str) -> str:
    """The report's words: code blocks (the Mermaid charts), code spans and link targets left out."""
    text = re.sub(r"^```.*?^```$", "", markdown, flags=re.M | re.S)
    text = re.sub(r"`[^`]*`", "", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


# --- the golden reports, as a new user makes them ---------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "lang"), [("shop-ru", "ru"), ("shop-ru", "en"), ("cafe", "en"), ("cafe", "ru")]
)
def test_a_month_of_platform_exports_gives_the_golden_report(tmp_path, example, lang):
    """`results` with the platforms' December files, then `report -o`: the Done-when of issue 13."""
    path = import_december(example, tmp_path)
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["report", str(path), "--lang", lang, "-o", str(out)])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"report.{example}.{lang}.md"
    text = out.read_text("utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


def test_the_russian_report_has_no_english_word_left():
    text = prose((GOLDEN / "report.shop-ru.ru.md").read_text("utf-8"))
    # ER is how Russian SMM writes the engagement rate; Telegram is the platform's own name.
    assert set(re.findall(r"[A-Za-z]{2,}", text)) == {"ER", "Telegram", "UTM"}  # UTM: the tags' own name


def test_every_russian_label_of_the_report_is_russian():
    names = {"ER", "LinkedIn", "Telegram", "Meta", "Business", "Suite", "UTM"}  # names, not English words
    for key, label in _labels("ru").items():
        text = " ".join(label.values()) if isinstance(label, dict) else str(label)
        words = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"\{\w+\}", "", prose(text)))) - names
        assert not words, (key, words)


def test_russian_plurals_follow_the_number():
    t = label_function("ru")
    assert [t("report.from_posts", count=n) for n in (1, 3, 5, 11, 21, 22)] == [
        "1 публикация", "3 публикации", "5 публикаций", "11 публикаций", "21 публикация", "22 публикации",
    ]  # fmt: skip
    assert t("report.finding.best_pillar", count=21, name="А", lift="", er="").endswith(
        "по 21 публикации (ER )."
    )
    for key, text in _labels("ru").items():
        if isinstance(text, dict):
            assert set(text) == {"one", "few", "many", "other"}, key


def test_english_and_russian_labels_have_the_same_keys():
    assert _labels("en").keys() == _labels("ru").keys()


def test_numbers_are_never_broken_from_their_units_nor_inside():
    text = (GOLDEN / "report.shop-ru.ru.md").read_text("utf-8")
    assert f"167{NBSP}433" in text and f"7,4{NBSP}%" in text and f"60{NBSP}000{NBSP}₽" in text
    assert not re.search(r"\d (?:\d{3}(?!\d)|%|₽)", prose(text))
    assert (
        keep_numbers_whole("```mermaid\nbar [1 200]\n```\n1 200 ₽")
        == f"```mermaid\nbar [1 200]\n```\n1{NBSP}200{NBSP}₽"
    )


def test_every_table_of_the_reports_has_rows_as_wide_as_its_header():
    for golden in GOLDEN.glob("report.*.md"):
        tokens = MarkdownIt("commonmark").enable("table").parse(golden.read_text("utf-8"))
        rows: list[list[int]] = []
        for token in tokens:
            if token.type == "table_open":
                rows.append([])
            elif token.type == "tr_open":
                rows[-1].append(0)
            elif token.type in ("th_open", "td_open"):
                rows[-1][-1] += 1
        assert len(rows) >= 10, golden.name
        for table in rows:
            assert len(set(table)) == 1 and 4 <= table[0] <= 7, (
                golden.name,
                table,
            )  # narrow enough for a page


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_every_table_of_the_reports(tmp_path):
    for golden in GOLDEN.glob("report.*.md"):
        text = golden.read_text("utf-8")
        tables = len(re.findall(r"^\| ---", text, flags=re.M))
        ast = subprocess.run(
            ["pandoc", "-f", "gfm", "-t", "native", str(golden)], capture_output=True, text=True, check=True
        )
        assert len(re.findall(r"\bTable\s+\(", ast.stdout)) == tables, golden.name
        docx = tmp_path / f"{golden.stem}.docx"
        subprocess.run(["pandoc", "-f", "gfm", str(golden), "-o", str(docx)], check=True)
        assert docx.stat().st_size > 5000


def test_the_report_shows_the_goal_figure_the_strategy_shows(tmp_path):
    from planner.storage import load

    s = load(import_december("cafe", tmp_path)).strategy
    assert [g.now for g in report_context(s, "en")["goals"]] == [row.current for row in goal_rows(s)]


def test_the_charts_keep_their_table_and_go_with_no_charts(tmp_path):
    path = import_december("shop-ru", tmp_path)
    with_charts = runner.invoke(app, ["report", str(path)]).stdout
    without = runner.invoke(app, ["report", str(path), "--no-charts"]).stdout
    assert with_charts.count("```mermaid\nxychart-beta\n") == 2
    assert "```" not in without
    assert "| 1–7 декабря | 12 |" in without.replace(NBSP, " ")


# --- no finding from too little data (issue 10.2) ------------------------------------------------------------


def test_a_time_slot_is_compared_within_its_channel_and_must_beat_its_average():
    s = december()
    for day in range(1, 13):
        publish(s, day, 1000, 30, time="09:00")
        publish(s, day, 1000, 60, time="18:30")
    groups = {
        (f.kind, f.values["name"]) for f in report_context(s, "en")["findings"] if f.category == "timing"
    }
    assert groups == {("best_slot", "18:00–19:00"), ("weak_slot", "09:00–10:00")}
    best = next(f for f in report_context(s, "en")["findings"] if f.kind == "best_slot")
    assert (best.values["er"], best.values["channel_er"], best.count) == ("6%", "4.5%", 12)


def test_when_each_time_belongs_to_one_channel_there_is_no_best_time():
    s = december({"ig": "instagram", "fb": "facebook"})
    for day in range(1, 13):
        publish(s, day, 1000, 30, channel="fb", time="12:30")
        publish(s, day, 1000, 90, channel="ig", time="08:00")
    assert not [k for k in kinds(s) if k.endswith(("_slot", "_weekday"))]


def test_a_pillar_is_not_judged_on_a_few_posts_nor_on_a_small_difference():
    s = december()
    for day in range(1, 13):
        publish(s, day, 1000, 50, pillar="tips")
    for day in range(1, MIN_GROUP_POSTS):  # one post short of the minimum, four times as engaging
        publish(s, day, 1000, 200, pillar="regulars")

    def named() -> set[str]:
        return {f.values["name"] for f in report_context(s, "en")["findings"] if f.kind.endswith("_pillar")}

    assert named() == {"Tips"}  # twelve posts well below the channel's average
    publish(s, 20, 1000, 200, pillar="regulars")
    assert named() == {"Tips", "Regulars"}
    close = december()
    for day in range(1, 13):
        publish(close, day, 1000, 50, pillar="tips")
        publish(close, day, 1000, 54, pillar="regulars")  # 8 % apart: not a finding
    assert not {"best_pillar", "weak_pillar"} & set(kinds(close))


def test_pillars_are_judged_against_their_own_channels_not_against_all_posts():
    """Regulars runs only on the high-rate channel: it is no better than that channel's average."""
    s = december({"ig": "instagram", "fb": "facebook"})
    for day in range(1, 13):
        publish(s, day, 1000, 80, channel="ig", pillar="regulars")
        publish(s, day, 1000, 20, channel="fb", pillar="tips")
    context = report_context(s, "en")
    assert {row.key: round(row.lift.pct) for row in context["by_pillar"]} == {"tips": 0, "regulars": 0}
    assert not {"best_pillar", "weak_pillar"} & set(kinds(s))


def test_no_share_of_the_published_posts_is_judged_after_five_posts():
    s = december()
    for day in range(1, 6):
        publish(s, day, 1000, 50, pillar="tips")
    assert not {"over_share", "under_share"} & set(kinds(s))
    findings = render_report(s).split("## What the results say", 1)[1].split("\n## ", 1)[0]
    assert "0%" not in findings.replace("10%", "")


def test_a_channel_left_unpublished_does_not_make_the_mix_look_off():
    s = december({"ig": "instagram", "tt": "tiktok"})
    for day in range(1, 25):
        publish(s, day, 1000, 50, channel="ig", pillar="regulars" if day % 2 else "tips")
        s.posts.append(
            Post(id=f"tt{day}", date=D(2026, 12, day), channel="tt", pillar="tips", status="planned")
        )
    rows = {
        row.key: (round(row.planned), round(row.published)) for row in report_context(s, "en")["by_pillar"]
    }
    assert rows == {"tips": (50, 50), "regulars": (50, 50)}  # TikTok's unpublished tips weigh nothing
    assert "behind_plan" in kinds(s)  # the publishing table says what is missing instead


def test_a_pillar_skipped_within_its_channel_is_off_the_plan():
    s = december()
    for day in range(1, 25):
        publish(s, day, 1000, 50, pillar="tips")
        s.posts.append(
            Post(
                id=f"r{day}",
                date=D(2026, 12, day),
                channel="ig",
                pillar="regulars",
                status="skipped" if day > 6 else "planned",
            )
        )
    s.posts = [p for p in s.posts if p.status != "skipped"]
    assert "over_share" in kinds(s)


def test_the_grid_leaves_cells_of_one_post_blank_and_says_the_minimum():
    s = december()
    for day in (1, 8, 15):  # three Tuesdays at nine
        publish(s, day, 1000, 40)
    publish(s, 3, 1000, 80)  # one Thursday
    (grid,) = report_context(s, "en")["grids"]
    assert grid.weekdays == ["Tue", "Thu"]
    nine, _all = grid.rows
    assert [c.er for c in nine.cells] == [4.0, None, 5.0]
    text = render_report(s)
    assert f"A cell with fewer than {MIN_CELL_POSTS} posts is left blank." in text
    assert "| 09:00–10:00 | 4% (3) |  | 5% (4) |" in text


def test_a_rate_by_impressions_says_so_and_is_never_added_to_rates_by_reach():
    s = december({"li": "linkedin"})
    for day in range(1, 6):
        publish(s, day, 0, 30, results=Results(impressions=1000, likes=30))
    (row,) = report_context(s, "en")["by_channel"]
    assert (row.totals.er, row.totals.basis) == (3.0, "impressions")
    assert "| LinkedIn | 5 | 0 | — | 150 | 3% (of impressions) | — |" in render_report(s)


def test_a_measure_the_platform_does_not_give_is_a_dash_not_a_zero():
    s = december({"tg": "telegram"})
    for day in range(1, 6):
        publish(s, day, 1000, 50)
    assert "| Telegram | 5 | 5,000 | 1,000 | 250 | 5% | — |" in render_report(s)


def test_every_recommendation_names_its_figure_and_there_are_fewer_when_data_is_thin():
    s = december()
    for day in range(1, 13):
        publish(s, day, 1000, 30, time="09:00", pillar="tips")
        publish(s, day, 1000, 60, time="18:30", pillar="regulars")
    s.goals = [
        Goal(id="g", title="Grow", metric="followers", channel="ig", baseline=1000, target=5000, current=1100)
    ]
    advice = report_context(s, "en")["recommendations"]
    assert [a.category for a in advice] == ["goal", "content", "timing"]
    text = render_report(s)
    block = text.split("## Recommendations for the next period\n\n", 1)[1].split("\n\n", 1)[0]
    assert block.count("\n") == 2 and all(re.search(r"\d", line) for line in block.splitlines())
    thin = december()
    publish(thin, 1, 1000, 50)
    assert report_context(thin, "en")["recommendations"] == []
    assert "No recommendation stands on enough data yet" in render_report(thin)


def test_a_goal_read_from_a_post_or_two_is_shown_but_not_judged():
    s = december()
    publish(s, 2, 9000, 300)
    s.goals = [Goal(id="r", title="Reach", metric="reach", channel="ig", baseline=1000, target=5000)]
    (goal,) = report_context(s, "en")["goals"]
    assert (goal.now, goal.pace) == (9000, "few_posts")
    assert "| 9,000 (1 post) | 5,000 |" in render_report(s) and "too few posts to judge" in render_report(s)


# --- what the report adds up --------------------------------------------------------------------------------


def test_follower_growth_runs_from_the_baseline_to_the_latest_measure():
    s = december()
    for day in range(1, 29):
        publish(s, day, 1000, 50, results=Results(reach=1000, likes=50, follows=2))
    s.goals = [
        Goal(
            id="g",
            title="Grow",
            metric="followers",
            channel="ig",
            baseline=1000,
            target=2000,
            current=1400,
            deadline=D(2027, 1, 25),
        )
    ]
    (line,) = report_context(s, "en")["followers"]
    assert (line.start, line.now, line.change, line.per_week, line.follows) == (1000, 1400, 400, 100, 56)
    assert line.needed_per_week == pytest.approx(600 / 4)  # four weeks from December 29 to January 25


def test_the_last_week_is_compared_with_the_week_before_channel_by_channel():
    s = december()
    for day in range(18, 25):
        publish(s, day, 1000, 50)
    for day in range(25, 32):
        publish(s, day, 2000, 60)
    change = report_context(s, "en")["change"]
    assert (change.days, change.after_start, change.before_start) == (7, D(2026, 12, 25), D(2026, 12, 18))
    (row,) = change.rows
    assert (row.reach_pct, round(row.er_points, 1)) == (100, -2.0)
    assert "er_fell" in kinds(s)


def test_a_monthly_report_compares_four_weeks_when_it_can_and_falls_back_to_a_week():
    s = december()
    s.community = Community(report_every="month")
    for day in range(1, 32):
        publish(s, day, 1000, 50)
    assert (
        report_context(s, "en")["change"].days == 7
    )  # December alone has no four weeks before its last four
    s.strategy.start = D(2026, 11, 1)
    for day in range(1, 31):
        s.posts.append(
            Post(
                id=f"n{day}",
                date=D(2026, 11, day),
                channel="ig",
                status="published",
                results=Results(reach=1000, likes=40),
            )
        )
    assert report_context(s, "en")["change"].days == 28


def test_spend_is_planned_spend_to_date_against_clicks_and_followers():
    s = december()
    s.channels[0].ads_budget = 310
    s.campaigns = [
        Campaign(
            id="c",
            name="Giveaway",
            kind="giveaway",
            start=D(2026, 12, 1),
            end=D(2026, 12, 31),
            channels=["ig"],
            budget=620,
            goal="g",
        )
    ]
    s.goals = [
        Goal(id="g", title="Grow", metric="followers", channel="ig", baseline=1000, target=2000, current=1100)
    ]
    for day in range(1, 16):
        publish(s, day, 1000, 50, campaign="c", results=Results(reach=1000, likes=50, clicks=10))
    ads, campaign, total = report_context(s, "en")["spend"]
    assert (ads.spend, ads.per_click) == (150, 1)  # 15 days of £310 a month, 150 clicks
    assert (campaign.spend, campaign.per_result, campaign.result_metric) == (300, 3, "followers")
    assert total.spend == 450
    assert "**Giveaway**: £3 per new follower (100 since the baseline" in render_report(s)


def test_no_cost_per_click_from_a_few_posts_or_from_posts_without_clicks():
    s = december()
    s.channels[0].ads_budget = 300
    for day in range(1, 3):
        publish(s, day, 1000, 50, results=Results(reach=1000, likes=50, clicks=10))
    assert report_context(s, "en")["spend"][0].per_click is None  # two posts
    for day in range(3, 15):
        publish(s, day, 1000, 50)  # no clicks reported
    assert report_context(s, "en")["spend"][0].per_click is None


def test_best_and_weakest_posts_rank_against_their_channel_and_link_to_the_post():
    s = december({"ig": "instagram", "fb": "facebook"})
    for day in range(1, 13):
        publish(s, day, 1000, 80, channel="ig", url=f"https://www.instagram.com/p/{day}/")
        publish(s, day, 1000, 20 + 2 * day, channel="fb")
    star = publish(s, 13, 1000, 160, channel="ig", url="https://www.instagram.com/p/star/")
    context = report_context(s, "en")
    best, worst = [p.id for p in context["best"]], [p.id for p in context["worst"]]
    assert not set(best) & set(worst)
    # 44 engagements on Facebook (3.4% on average) beat 80 on Instagram (8.6%); the 160 beats both.
    assert best[:2] == [star.id, "p23"]
    assert all(p.lift_pct > 0 for p in context["best"]) and all(p.lift_pct < 0 for p in context["worst"])
    assert f"| [{star.topic}](https://www.instagram.com/p/star/) |" in render_report(s)


def test_the_publishing_table_counts_what_is_not_recorded():
    s = december()
    publish(s, 5, 1000, 50)
    s.posts += [Post(id=f"x{d}", date=D(2026, 12, d), channel="ig", status="approved") for d in (2, 3)]
    s.posts.append(Post(id="skip", date=D(2026, 12, 4), channel="ig", status="skipped"))
    (c,) = report_context(s, "en")["cadence"]
    assert (c.planned, c.published, c.unrecorded) == (3, 1, 2)


def test_report_is_as_of_the_latest_results_not_today():
    s = december()
    publish(s, 1, 1000, 50)
    publish(s, 9, 1000, 50)
    assert report_context(s, "en")["as_of"] == D(2026, 12, 9)
    assert render_report(s) == render_report(s)
    assert report_context(s, "en", as_of=D(2026, 12, 5))["overall"].posts == 1


@pytest.mark.parametrize(
    ("current", "as_of", "pace"),
    [
        (1500, D(2026, 12, 10), "on_pace"),  # half the way after 10 of 31 days
        (1200, D(2026, 12, 20), "behind"),  # a fifth of the way after 20 of 31 days
        (2000, D(2026, 12, 20), "reached"),
        (1900, D(2027, 1, 5), "missed"),  # the deadline (the period's end) has passed
    ],
)
def test_a_goal_is_on_pace_when_progress_keeps_up_with_time(current, as_of, pace):
    s = december()
    publish(s, 1, 1000, 50)
    s.goals = [
        Goal(
            id="g",
            title="Grow",
            metric="followers",
            channel="ig",
            baseline=1000,
            target=2000,
            current=current,
        )
    ]
    (goal,) = report_context(s, "en", as_of=as_of)["goals"]
    assert goal.pace == pace
    assert goal.progress_pct == pytest.approx((current - 1000) / 10)


# --- the document and the command -----------------------------------------------------------------------------


def test_a_report_without_results_shows_the_goals_and_says_how_to_add_results():
    s = december()
    s.goals = [
        Goal(
            id="g",
            title="Grow Instagram",
            metric="followers",
            channel="ig",
            baseline=1000,
            target=2000,
            current=1500,
        )
    ]
    text = render_report(s)
    assert "No post has results yet" in text
    assert "| Grow Instagram | followers, Instagram | 1,000 | 1,500 | 2,000 |" in text
    assert "## Results by channel" not in text


def test_user_text_cannot_break_a_table():
    s = december()
    s.pillars[0].name = "Brew | tips *fast*"
    publish(s, 1, 1000, 50)
    assert r"| Brew \| tips \*fast\* |" in render_report(s)


def test_user_templates_run_in_the_sandbox(tmp_path):
    (tmp_path / "report.md.j2").write_text("{{ goals.__class__.__mro__ }}", "utf-8")
    with pytest.raises(TemplateProblem, match="sandbox"):
        render_report(december(), templates=tmp_path)


def test_cli_prints_the_report_in_the_language_asked(tmp_path):
    path = import_december("cafe", tmp_path)
    result = runner.invoke(app, ["report", str(path), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Coffee Lab: winter 2026/27\n\n*Отчёт о результатах*")


def test_cli_refuses_an_unknown_language_as_usage(tmp_path):
    path = import_december("cafe", tmp_path)
    assert runner.invoke(app, ["report", str(path), "--lang", "de"]).exit_code == 2


def _labels(lang: str) -> dict[str, object]:
    flat: dict[str, object] = {}

    def walk(table: dict, prefix: str) -> None:
        for key, value in table.items():
            if isinstance(value, dict) and not set(value) <= {"one", "few", "many", "other"}:
                walk(value, f"{prefix}{key}.")
            else:
                flat[f"{prefix}{key}"] = value

    walk(rtoml.loads((LOCALES / f"report.{lang}.toml").read_text("utf-8")), "")
    return flat
