"""Results from each platform's own export, laid out as the platform writes it: each kind recognised by its
headers, every number on the right post, and what cannot be matched listed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.errors import PlannerError
from planner.model import Results, Strategy
from planner.results import SOURCES, merge_results
from planner.storage import load, parse
from tests.xlsx import workbook

STRATEGY = """\
schema_version = 1

[strategy]
name = "Coffee Lab: winter 2026"
timezone = "Europe/London"
start = 2026-12-01
end = 2026-12-31

[[channels]]
id = "ig-main"
platform = "instagram"
url = "https://www.instagram.com/coffeelab.example/"

[[channels]]
id = "fb-page"
platform = "facebook"
name = "Coffee Lab Manchester"

[[channels]]
id = "li-page"
platform = "linkedin"

[[channels]]
id = "x-main"
platform = "x"

[[posts]]
id = "ig-1"
date = 2026-12-03
time = "08:00"
channel = "ig-main"

[[posts]]
id = "ig-2"
date = 2026-12-05
time = "18:30"
channel = "ig-main"
status = "scheduled"

[[posts]]
id = "fb-1"
date = 2026-12-03
time = "12:30"
channel = "fb-page"

[[posts]]
id = "li-1"
date = 2026-12-03
time = "10:00"
channel = "li-page"

[[posts]]
id = "li-2"
date = 2026-12-07
time = "10:00"
channel = "li-page"

[[posts]]
id = "x-1"
date = 2026-12-15
time = "09:00"
channel = "x-main"

[[posts]]
id = "x-2"
date = 2026-12-16
time = "09:00"
channel = "x-main"

[[posts]]
id = "x-3"
date = 2026-12-16
time = "17:00"
channel = "x-main"
"""


def strategy() -> Strategy:
    loaded = parse(STRATEGY, "cafe.toml")
    assert loaded.ok, loaded.problems
    assert loaded.strategy is not None
    return loaded.strategy


def write(tmp_path: Path, data: str | bytes, name: str = "export.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def post(s: Strategy, post_id: str):
    return next(p for p in s.posts if p.id == post_id)


# --- Meta Business Suite ------------------------------------------------------------------------------

INSTAGRAM = (
    '"Post ID","Account ID","Account username","Account name","Description","Duration (sec)",'
    '"Publish time","Permalink","Post type","Data comment","Date","Views","Reach","Likes","Shares",'
    '"Follows","Comments","Saves"\n'
    '"17912345678901234","17841400000000001","coffeelab.example","Coffee Lab","V60 in three steps:\n'
    '1. rinse, 2. bloom, 3. pour","0","12/03/2026 08:07","https://www.instagram.com/p/DAbc123xyz_/",'
    '"IG carousel","","Lifetime","3,950","2,610","187","22","5","14","96"\n'
    '"17912345678905678","17841400000000001","coffeelab.example","Coffee Lab","Saturday queue",'
    '"21","12/05/2026 18:41","https://www.instagram.com/reel/DAdef456uvw/","IG reel","","Lifetime",'
    '"12,400","5,120","402","61","17","33","140"\n'
    '"17912345678909999","17841400000000001","coffeelab.example","Coffee Lab","Pop-up at the market",'
    '"0","12/12/2026 14:40","https://www.instagram.com/p/DAghi789rst/","IG image","","Lifetime",'
    '"1,900","1,300","95","4","1","6","12"\n'
)


def test_instagram_export_with_a_bom_quoted_thousands_and_captions_over_two_lines(tmp_path):
    path = write(tmp_path, "\ufeff" + INSTAGRAM)
    merged = merge_results(strategy(), path)
    assert merged.kind is not None and merged.kind.id == "meta-instagram"
    carousel = post(merged.strategy, "ig-1")
    assert carousel.results == Results(
        reach=2610, likes=187, comments=14, shares=22, views=3950, saves=96, follows=5
    )
    assert carousel.url == "https://www.instagram.com/p/DAbc123xyz_/"
    assert carousel.status == "published"
    assert post(merged.strategy, "ig-2").results.views == 12400  # 18:41 for 18:30
    assert merged.summary_lines()[:3] == [
        f"{path}: Meta Business Suite export (Instagram posts); 3 rows, 2 matched a post, 1 unmatched, "
        "0 ambiguous; 2 posts changed, 2 newly published",
        "1 row matches no post, not applied:",
        "  line 5: no post in ig-main within 3 hours of 2026-12-12 14:40",
    ]


def test_column_order_does_not_matter(tmp_path):
    lines = INSTAGRAM.replace("1. rinse", "1) rinse").split("\n")
    header = lines[0].split(",")
    reordered = ",".join(reversed(header))
    path = write(tmp_path, reordered + "\n" + '"140","33","17","61","402","5,120","12,400","Lifetime","","IG reel",'
                 '"https://www.instagram.com/reel/DAdef456uvw/","12/05/2026 18:41","21","Saturday queue",'
                 '"Coffee Lab","coffeelab.example","17841400000000001","17912345678905678"\n')  # fmt: skip
    merged = merge_results(strategy(), path)
    assert post(merged.strategy, "ig-2").results == Results(
        reach=5120, likes=402, comments=33, shares=61, views=12400, saves=140, follows=17
    )


def test_a_second_import_finds_the_posts_by_their_permalinks(tmp_path):
    path = write(tmp_path, INSTAGRAM)
    once = merge_results(strategy(), path).strategy
    post(once, "ig-1").date = dt.date(2026, 12, 4)  # moved in the plan afterwards: the url still finds it
    again = merge_results(once, path)
    assert [post_id for _, post_id in again.applied] == ["ig-1", "ig-2"]
    assert not again.changed


RUSSIAN_INSTAGRAM = (
    "Идентификатор публикации;Имя пользователя аккаунта;Описание;Время публикации;Постоянная ссылка;"
    "Тип публикации;Дата;Просмотры;Охват;Отметки «Нравится»;Поделились;Подписки;Комментарии;Сохранения\n"
    "17912345678901234;coffeelab.example;Воронка V60;12/03/2026 08:02;https://www.instagram.com/p/DAbc123xyz_/;"
    "Карусель;Lifetime;3 950;2 610;187;22;5;14;96\n"
)


def test_meta_export_with_russian_headers_and_semicolons(tmp_path):
    merged = merge_results(strategy(), write(tmp_path, RUSSIAN_INSTAGRAM))
    assert merged.kind is not None and merged.kind.id == "meta-instagram"
    assert post(merged.strategy, "ig-1").results == Results(
        reach=2610, likes=187, comments=14, shares=22, views=3950, saves=96, follows=5
    )


FACEBOOK = (
    "Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,Permalink,"
    "Is crosspost,Is share,Post type,Languages,Custom labels,Funded content status,Data comment,Date,Views,"
    '"Reach","Reactions, Comments and Shares",Reactions,Comments,Shares,Total clicks,Link clicks,Other Clicks\n'
    "104200000000001_1200000000000001,104200000000001,Coffee Lab Manchester,,Christmas hours,,12/03/2026 12:34,,"
    "https://www.facebook.com/104200000000001/posts/1200000000000001,No,No,Photos,,,,,Lifetime,"
    '"1,810",1240,71,52,6,13,66,34,32\n'
)


def test_facebook_export_reads_reactions_as_likes_and_link_clicks(tmp_path):
    merged = merge_results(strategy(), write(tmp_path, FACEBOOK))
    assert merged.kind is not None and merged.kind.id == "meta-facebook"
    assert post(merged.strategy, "fb-1").results == Results(
        reach=1240, likes=52, comments=6, shares=13, clicks=34, views=1810
    )


# --- LinkedIn --------------------------------------------------------------------------------------------

LI_HEADER = ["Post title", "Post link", "Post type", "Posted by", "Created date", "Audience", "Impressions",
             "Views", "Clicks", "Click through rate (CTR)", "Likes", "Comments", "Reposts", "Follows",
             "Engagement rate"]  # fmt: skip


def linkedin(tmp_path: Path, rows: list[list], header: list[str] = LI_HEADER) -> Path:
    note = ["All posts: metrics for posts created between 12/01/2026 and 12/31/2026"]
    book = workbook({"Metrics": [["Date", "Impressions"]], "All posts": [note, header, *rows]})
    return write(tmp_path, book, "coffee-lab_content_1733000000000.xlsx")


def test_linkedin_workbook_with_a_note_above_the_header_and_date_cells(tmp_path):
    pytest.importorskip("python_calamine")
    path = linkedin(
        tmp_path,
        [
            ["V60 in three steps", "https://www.linkedin.com/feed/update/urn:li:activity:7400000000000000001",
             "Organic", "Anna", dt.date(2026, 12, 3), "All followers", 4120, "", 96, 0.0233, 88, 7, 5, 3, 0.0473],
            ["Hiring baristas", "https://www.linkedin.com/feed/update/urn:li:activity:7400000000000000002/",
             "Organic", "Anna", "12/07/2026", "All followers", "1,260", "", 40, 0.0317, 31, 4, 2, 0, 0.0611],
        ],
    )  # fmt: skip
    merged = merge_results(strategy(), path)
    assert merged.kind is not None and merged.kind.id == "linkedin"
    assert post(merged.strategy, "li-1").results == Results(
        likes=88, comments=7, shares=5, clicks=96, impressions=4120, follows=3
    )
    assert post(merged.strategy, "li-2").results.impressions == 1260
    assert post(merged.strategy, "li-2").url.endswith("7400000000000000002/")


def test_older_linkedin_workbooks_say_update_and_shares(tmp_path):
    pytest.importorskip("python_calamine")
    header = ["Update title", "Update link", "Update type", "Created date", "Impressions", "Clicks", "Likes",
              "Comments", "Shares", "Engagement rate"]  # fmt: skip
    path = linkedin(
        tmp_path, [["Hello", "https://www.linkedin.com/feed/update/urn:li:share:1", "Organic", "12/03/2026",
                    900, 9, 20, 2, 3, 0.03]], header)  # fmt: skip
    assert post(merge_results(strategy(), path).strategy, "li-1").results.shares == 3


def test_without_the_xlsx_extra_the_message_says_what_to_install(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_calamine(name, *args, **kwargs):
        if name == "python_calamine":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_calamine)
    path = linkedin(tmp_path, [])
    with pytest.raises(PlannerError, match=r"pip install 'smm-planner\[xlsx\]'"):
        merge_results(strategy(), path)


# --- X ----------------------------------------------------------------------------------------------------

X_CONTENT = (
    "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Replies,"
    "Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks\n"
    '2000000000000000001,"Tue, Dec 15, 2026","Winter blend is back, 250 g for £11",'
    'https://x.com/coffeelab_example/status/2000000000000000001,"3,480",61,212,9,4,2,7,11,30,80,25,3,6\n'
    '2000000000000000002,"Wed, Dec 16, 2026",Two posts that day,https://x.com/coffeelab_example/status/'
    "2000000000000000002,1200,20,70,1,0,0,2,3,5,30,10,0,2\n"
)


def test_x_content_export_dates_with_a_comma_match_the_one_post_that_day(tmp_path):
    merged = merge_results(strategy(), write(tmp_path, X_CONTENT))
    assert merged.kind is not None and merged.kind.id == "x-content"
    # Engagements (212) is not read: it counts every click, not likes + replies + reposts.
    assert post(merged.strategy, "x-1").results == Results(
        likes=61, comments=7, shares=11, clicks=25, impressions=3480, saves=9, follows=2
    )
    assert merged.ambiguous == [
        (3, "several posts in x-main on 2026-12-16 (x-2, x-3): the file gives the day only")
    ]


X_LEGACY = (
    '"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate",'
    '"retweets","replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands",'
    '"permalink clicks","app opens","app installs","follows","email tweet","dial phone","media views",'
    '"media engagements"\n'
    '"1","https://twitter.com/coffeelab_example/status/1","Winter blend","2026-12-16 17:12:39 +0000",'
    '"2210","95","0.043","6","3","40","10","12","1","20","3","0","0","1","0","0","0","0"\n'
)


def test_x_legacy_export_times_in_utc_are_compared_in_the_strategy_zone(tmp_path):
    s = strategy()
    s.strategy.timezone = (
        "Europe/Moscow"  # 17:12 UTC is 20:12 there: 3 h 12 min after x-3, outside the window
    )
    merged = merge_results(s, write(tmp_path, X_LEGACY))
    assert merged.unmatched == [
        (2, "no post in x-main within 3 hours of 2026-12-16 20:12 (the nearest is x-3 at 2026-12-16 17:00)")
    ]
    s.strategy.timezone = "Europe/London"  # the same 17:12 locally
    merged = merge_results(s, write(tmp_path, X_LEGACY))
    assert post(merged.strategy, "x-3").results == Results(
        likes=40, comments=3, shares=6, clicks=12, impressions=2210, follows=1
    )
    assert post(merged.strategy, "x-3").url == "https://twitter.com/coffeelab_example/status/1"


def test_without_a_timezone_offset_times_are_compared_as_utc_and_the_summary_says_so(tmp_path):
    s = strategy()
    s.strategy.timezone = ""
    merged = merge_results(s, write(tmp_path, X_LEGACY))
    assert [post_id for _, post_id in merged.applied] == ["x-3"]
    assert any("strategy.timezone is empty" in line for line in merged.summary_lines())


# --- every kind, and a file of none -------------------------------------------------------------------


def test_a_file_of_an_unknown_kind_lists_the_kinds_we_read(tmp_path):
    path = write(
        tmp_path, "Video title,Video link,Post time,Total likes\nChair,https://t.co/1,2026-12-03,3\n"
    )
    with pytest.raises(PlannerError) as e:
        merge_results(strategy(), path)
    message = e.value.message
    assert "line 1 names no known column" in message and "'Video title'" in message
    for source in SOURCES:
        assert source.name in message


def test_kinds_are_told_by_headers_never_by_the_file_name(tmp_path):
    merged = merge_results(strategy(), write(tmp_path, FACEBOOK, name="instagram-posts.xlsx"))
    assert merged.kind is not None and merged.kind.id == "meta-facebook"


def test_a_channel_on_another_platform_is_refused(tmp_path):
    with pytest.raises(
        PlannerError, match=r"\(Facebook posts\): --channel ig-main is on instagram, not Facebook\Z"
    ):
        merge_results(strategy(), write(tmp_path, FACEBOOK), channel="ig-main")


def test_a_strategy_without_the_files_platform_is_told_so(tmp_path):
    s = strategy()
    s.channels = [ch for ch in s.channels if ch.platform != "facebook"]
    with pytest.raises(
        PlannerError, match="the strategy has no channel on Facebook; add one, or pass --channel"
    ):
        merge_results(s, write(tmp_path, FACEBOOK))


@pytest.mark.parametrize(
    "encoding",
    ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig", "cp1251"],
)
def test_unicode_encodings_with_or_without_a_bom_are_read(tmp_path, encoding):
    text = RUSSIAN_INSTAGRAM if encoding in ("cp1251", "utf-16-le", "utf-32-be") else INSTAGRAM
    merged = merge_results(strategy(), write(tmp_path, text, encoding=encoding))
    assert post(merged.strategy, "ig-1").results.reach == 2610


# --- the command -------------------------------------------------------------------------------------------


@pytest.fixture
def cafe(tmp_path: Path) -> Path:
    path = tmp_path / "cafe.toml"
    path.write_text(STRATEGY, "utf-8")
    return path


def test_cli_reads_several_files_and_adds_unplanned_posts(cafe, tmp_path):
    ig, fb = write(tmp_path, INSTAGRAM, "ig.csv"), write(tmp_path, FACEBOOK, "fb.csv")
    result = CliRunner().invoke(app, ["results", str(cafe), str(ig), str(fb), "--add-unplanned"])
    assert result.exit_code == 0, result.output
    assert f"{ig}: Meta Business Suite export (Instagram posts); 3 rows, 2 matched a post" in result.output
    assert f"{fb}: Meta Business Suite export (Facebook posts); 1 row, 1 matched a post" in result.output
    assert (
        "1 row added as unplanned published posts:\n  line 5: 2026-12-12-ig-main-unplanned" in result.output
    )
    saved = load(cafe).strategy
    added = post(saved, "2026-12-12-ig-main-unplanned")
    assert (added.date, added.time, added.status, added.format) == (
        dt.date(2026, 12, 12),
        "14:40",
        "published",
        "photo",
    )
    assert (added.text, added.url) == ("Pop-up at the market", "https://www.instagram.com/p/DAghi789rst/")
    assert added.results == Results(
        reach=1300, likes=95, comments=6, shares=4, views=1900, saves=12, follows=1
    )
    assert CliRunner().invoke(app, ["validate", str(cafe)]).exit_code == 0


def test_cli_one_bad_file_saves_nothing(cafe, tmp_path):
    original = cafe.read_bytes()
    good, bad = write(tmp_path, INSTAGRAM, "ig.csv"), write(tmp_path, "Date,Reach\n", "bad.csv")
    result = CliRunner().invoke(app, ["results", str(cafe), str(good), str(bad)])
    assert result.exit_code == 1
    assert "bad.csv: line 1: no channel column" in result.output
    assert cafe.read_bytes() == original
