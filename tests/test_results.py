"""Results: statistics CSVs from the platforms merged into the posts, and every way a file can be wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.errors import PlannerError
from planner.exports import export_posts
from planner.model import Results, Strategy
from planner.results import merge_results
from planner.storage import load, parse

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "results"

STRATEGY = """\
schema_version = 1

[strategy]
name = "Совушка"
language = "ru"
start = 2026-12-01
end = 2026-12-31

[[channels]]
id = "vk-main"
platform = "vk"
name = "Совушка — игрушки из дерева"

[[channels]]
id = "tg-channel"
platform = "telegram"

[[channels]]
id = "ok-group"
platform = "ok"

[[posts]]
id = "vk-1"
date = 2026-12-01
time = "20:00"
channel = "vk-main"

[[posts]]
id = "vk-2"
date = 2026-12-02
time = "12:00"
channel = "vk-main"

[[posts]]
id = "vk-3"
date = 2026-12-02
time = "20:00"
channel = "vk-main"
status = "scheduled"

[[posts]]
id = "tg-1"
date = 2026-12-02
time = "09:00"
channel = "tg-channel"

[[posts]]
id = "ok-1"
date = 2026-12-03
time = "11:00"
channel = "ok-group"
"""


def strategy() -> Strategy:
    loaded = parse(STRATEGY, "shop.toml")
    assert loaded.ok, loaded.problems
    assert loaded.strategy is not None
    return loaded.strategy


def write(tmp_path: Path, text: str, name: str = "stats.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def post(s: Strategy, post_id: str):
    return next(p for p in s.posts if p.id == post_id)


# --- what gets merged -----------------------------------------------------------------------------------


def test_russian_excel_file_with_semicolons_spaces_and_windows_1251(tmp_path):
    csv_path = write(
        tmp_path,
        "Дата;Канал;Время;Охват;Лайки;Комментарии;Репосты;Переходы\r\n"
        "01.12.2026;ВКонтакте;20:00;1 200;64;7;9;21\r\n"
        "02.12.2026;vk-main;20:00;3 400;120;14;9;31\r\n",
        encoding="cp1251",
    )
    before = strategy()
    merged = merge_results(before, csv_path)
    assert post(merged.strategy, "vk-1").results == Results(
        reach=1200, likes=64, comments=7, shares=9, clicks=21
    )
    assert post(merged.strategy, "vk-3").results == Results(
        reach=3400, likes=120, comments=14, shares=9, clicks=31
    )
    assert post(merged.strategy, "vk-3").status == "published"
    assert post(merged.strategy, "vk-2").results is None  # the other post that day is left alone
    assert all(p.results is None for p in before.posts)  # the input is not changed
    assert merged.summary_lines() == [
        f"{csv_path}: our CSV layout; 2 rows, 2 matched a post, 0 unmatched, 0 ambiguous; 2 posts changed, 2 newly published"
    ]


def test_english_export_with_commas_as_thousands_separators(tmp_path):
    csv_path = write(
        tmp_path,
        "Date,Network,Time,Impressions,Reactions,Comments,Shares,Link clicks\n"
        '2026-12-02,Telegram,09:00,"1,200",80,6,"1,005",0\n',
    )
    merged = merge_results(strategy(), csv_path)
    assert post(merged.strategy, "tg-1").results == Results(
        reach=1200, likes=80, comments=6, shares=1005, clicks=0
    )


def test_rows_match_by_id_and_keep_metrics_the_file_does_not_have(tmp_path):
    s = strategy()
    post(s, "ok-1").results = Results(500, 10, 1, 2, 3)
    merged = merge_results(s, write(tmp_path, "ID,Likes\nok-1,25\n"))
    assert post(merged.strategy, "ok-1").results == Results(
        reach=500, likes=25, comments=1, shares=2, clicks=3
    )


def test_date_cell_with_a_time_tells_posts_of_one_day_apart(tmp_path):
    merged = merge_results(strategy(), write(tmp_path, "Дата;Канал;Охват\n02.12.2026 12:00;vk-main;800\n"))
    assert post(merged.strategy, "vk-2").results.reach == 800


def test_unmatched_ambiguous_and_repeated_rows_are_listed_not_applied():
    merged = merge_results(strategy(), FIXTURES / "ru-unmatched.csv")
    assert [post_id for _, post_id in merged.applied] == ["vk-1", "tg-1"]
    assert merged.summary_lines() == [
        f"{FIXTURES / 'ru-unmatched.csv'}: our CSV layout; 7 rows, 2 matched a post, 2 unmatched, 1 ambiguous; "
        "2 posts changed, 2 newly published",
        "1 row without any result skipped",
        "2 rows match no post, not applied:",
        "  line 4: no post in tg-channel on 2026-12-05",
        "  line 8: unknown channel 'Инстаграм'",
        "1 row matches several posts, not applied:",
        "  line 3: several posts in vk-main on 2026-12-02 (vk-2, vk-3): add a time column, or an id column",
        "1 row repeats a post of an earlier row, not applied:",
        "  line 7: post vk-1 already got results from line 2",
    ]
    assert post(merged.strategy, "vk-1").results.reach == 1200  # the first row wins, the repeat is shown


def test_nothing_changes_when_the_results_are_already_there(tmp_path):
    csv_path = write(tmp_path, "id,reach\nvk-1,100\n")
    once = merge_results(strategy(), csv_path).strategy
    assert not merge_results(once, csv_path).changed


def test_the_plan_exported_as_csv_comes_back_with_typed_in_results(tmp_path):
    s = strategy()
    exported = export_posts(s, "csv").data.decode("utf-8-sig").splitlines()
    # A person types the reach of the first post into the spreadsheet; the other rows stay empty.
    header, cells = exported[0].split(";"), exported[1].split(";")
    for metric, typed in zip(
        ("reach", "likes", "comments", "shares", "clicks"), ("4 100", "150", "12", "20", "33"), strict=True
    ):
        cells[header.index(metric)] = typed
    exported[1] = ";".join(cells)
    merged = merge_results(s, write(tmp_path, "\n".join(exported) + "\n"))
    assert [post_id for _, post_id in merged.applied] == ["vk-1"]
    assert post(merged.strategy, "vk-1").results == Results(4100, 150, 12, 20, 33)
    assert len(merged.empty) == len(s.posts) - 1


# --- what is refused ------------------------------------------------------------------------------------


def test_malformed_cells_are_all_named_by_line_and_column():
    with pytest.raises(PlannerError) as e:
        merge_results(strategy(), FIXTURES / "ru-malformed.csv")
    path = FIXTURES / "ru-malformed.csv"
    assert e.value.message.splitlines() == [
        f"{path}: line 2, column «Охваты»: '1 2k' is not a whole number",
        f"{path}: line 3, column «Нравится»: '-5' is negative; results are counts of zero or more",
        f"{path}: line 4, column «Дата»: '32.12.2026' is not a date such as 2026-12-01 or 01.12.2026",
        f"{path}: line 5, column «Время»: '25:00' is not a time such as 09:30",
        f"{path}: nothing was merged",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("Дата|Канал|Охват\n01.12.2026|vk-main|100\n", "line 1 names no known column with ',', ';' or tab"),
        ("Дата;Канал;Подписчики\n01.12.2026;vk-main;100\n", "line 1 has no results column"),
        (
            "Дата;Охват\n01.12.2026;100\n",
            "line 1: no channel column; a row needs an id column, or date and",
        ),
        ("Date,Channel,Reach\n1/2/2026,vk-main,100\n", "day and month cannot be told apart"),
        ("Date,Channel,Reach,Likes\n2026-12-01,vk-main,1,200,80\n", "line 2: 5 cells but the header names 4"),
        (
            "Date,Channel,Reach\n13/2/2026,vk-main,1\n2/13/2026,vk-main,1\n",
            "mix day/month and month/day",
        ),
    ],
)
def test_files_that_cannot_be_read_say_why(tmp_path, text, message):
    with pytest.raises(PlannerError, match=message):
        merge_results(strategy(), write(tmp_path, text))


def test_slash_dates_are_read_in_the_order_the_file_shows(tmp_path):
    merged = merge_results(
        strategy(), write(tmp_path, "Date,Channel,Reach\n1/12/2026,vk-main,100\n25/12/2026,ok,1\n")
    )
    assert post(merged.strategy, "vk-1").results.reach == 100


# --- the command ----------------------------------------------------------------------------------------


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.toml"
    path.write_text(STRATEGY, "utf-8")
    return path


def test_cli_saves_with_a_backup(shop, tmp_path):
    original = shop.read_bytes()
    result = CliRunner().invoke(app, ["results", str(shop), str(write(tmp_path, "id;reach\nvk-1;1 000\n"))])
    assert result.exit_code == 0, result.output
    assert "1 matched a post" in result.output
    assert (shop.parent / "shop.toml.bak").read_bytes() == original
    assert post(load(shop).strategy, "vk-1").results.reach == 1000


def test_cli_dry_run_writes_nothing(shop, tmp_path):
    original = shop.read_bytes()
    result = CliRunner().invoke(
        app, ["results", str(shop), str(write(tmp_path, "id;reach\nvk-1;1000\n")), "--dry-run"]
    )
    assert result.exit_code == 0
    assert "1 newly published" in result.output
    assert shop.read_bytes() == original


def test_cli_malformed_file_exits_1_and_leaves_the_strategy_untouched(shop):
    original = shop.read_bytes()
    result = CliRunner().invoke(app, ["results", str(shop), str(FIXTURES / "ru-malformed.csv")])
    assert result.exit_code == 1
    assert "line 3, column «Нравится»: '-5' is negative" in result.output
    assert "Traceback" not in result.output
    assert shop.read_bytes() == original
    assert not (shop.parent / "shop.toml.bak").exists()


def test_cli_missing_csv_is_one_line(shop, tmp_path):
    result = CliRunner().invoke(app, ["results", str(shop), str(tmp_path / "nope.csv")])
    assert result.exit_code == 1
    assert "nope.csv: No such file or directory" in result.output


def test_a_month_of_results_for_the_russian_example(tmp_path):
    shop = Path(shutil.copy(FIXTURES / "shop-ru-planned.toml", tmp_path / "shop-ru.toml"))
    result = CliRunner().invoke(app, ["results", str(shop), str(FIXTURES / "shop-ru-december.csv")])
    assert result.exit_code == 0, result.output
    assert (
        "63 rows, 63 matched a post, 0 unmatched, 0 ambiguous; 63 posts changed, 63 newly published"
        in result.output
    )
    december = [p for p in load(shop).strategy.posts if p.date.month == 12 and p.results is not None]
    assert len(december) == 63 + 5  # five posts had results in the example already
