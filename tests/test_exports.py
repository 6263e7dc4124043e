"""Exports: every format parsed back (csv module, icalendar) and compared with the plan.

The clock of every test here is 2026-11-20 12:00 UTC (`NOW`), a few days before the plans start:
a scheduler's file leaves out posts already past, and an iCalendar file is stamped with the time.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import os
import textwrap
import threading
import zoneinfo
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from planner import exports
from planner.cli import ExportFormat, app
from planner.errors import PlannerError
from planner.exports import export_posts
from planner.model import Strategy
from planner.storage import load, parse

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "results"
NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "clock", lambda: NOW)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


PLAN = """\
schema_version = 1

[strategy]
name = "«Совушка»: зима 2026/27"
language = "{language}"
timezone = "{timezone}"
start = 2026-12-01
end = 2027-02-28

[[channels]]
id = "vk-main"
platform = "vk"
posts_per_week = 3
times = ["12:00", "20:00"]

[[channels]]
id = "tg-channel"
platform = "telegram"
posts_per_week = 2

[[pillars]]
id = "podarki"
name = "Подарки и акции"
share = 50

[[pillars]]
id = "semi"
name = "Играют наши семьи"
share = 50

[[posts]]
id = "2026-12-01-vk-main-1"
date = 2026-12-01
time = "20:00"
channel = "vk-main"
pillar = "podarki"
format = "carousel"
topic = "Подарки до 2 000 ₽"
text = "Подарки до 2 000 ₽, \\"Домик\\" и пирамидка;\\nссылки в карточках"
status = "published"

  [posts.results]
  reach = 6400
  likes = 318
  comments = 24
  shares = 97
  clicks = 212

[[posts]]
id = "2026-12-02-vk-main-1"
date = 2026-12-02
time = "12:00"
channel = "vk-main"
pillar = "semi"
format = "photo"
topic = "Конкурс рисунков"
status = "planned"

[[posts]]
id = "2026-12-03-vk-main-1"
date = 2026-12-03
channel = "vk-main"
pillar = "semi"
topic = "Покажите любимую игрушку"
text = "Покажите любимую игрушку вашего малыша!"
status = "approved"

[[posts]]
id = "2026-12-04-vk-main-1"
date = 2026-12-04
time = "12:00"
channel = "vk-main"
pillar = "podarki"
topic = "Отменённая акция"
status = "skipped"

[[posts]]
id = "2026-12-02-tg-channel-1"
date = 2026-12-02
time = "09:00"
channel = "tg-channel"
pillar = "semi"
format = "poll"
topic = "Во что играете всей семьёй?"
status = "draft"
"""


def plan(language: str = "ru", timezone: str = "Europe/Moscow") -> Strategy:
    loaded = parse(PLAN.format(language=language, timezone=timezone), "plan.toml")
    assert loaded.ok, loaded.problems
    assert loaded.strategy is not None
    return loaded.strategy


def rows_of(data: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


# --- the generic CSV --------------------------------------------------------------------------------


def test_csv_has_one_row_per_post_with_every_field_and_result():
    s = plan()
    exported = export_posts(s, "csv")
    rows = rows_of(exported.data, ";")
    header, body = rows[0], rows[1:]
    assert header == [
        "id", "date", "time", "channel", "pillar", "format", "topic", "text", "campaign", "status",
        "link", "media", "owner", "url",
        "reach", "likes", "comments", "shares", "clicks", "impressions", "views", "saves", "follows",
    ]  # fmt: skip
    assert exported.count == len(body) == len(s.posts)
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    for post in s.posts:
        row = by_id[post.id]
        assert row["date"] == post.date.isoformat()
        for name in ("time", "channel", "pillar", "format", "topic", "text", "campaign", "status"):
            assert row[name] == getattr(post, name)
        if post.results:
            assert [int(row[m]) for m in ("reach", "likes", "comments", "shares", "clicks")] == [
                6400,
                318,
                24,
                97,
                212,
            ]
        else:
            assert row["reach"] == row["clicks"] == ""  # no results yet: empty, not zero


def test_csv_opens_in_excel_with_cyrillic_and_russian_delimiter():
    data = export_posts(plan("ru"), "csv").data
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert data.split(b"\r\n")[0].decode("utf-8-sig").count(";") == 22
    assert "Подарки до 2 000 ₽" in data.decode("utf-8-sig")
    english = export_posts(plan("en"), "csv").data
    assert english.split(b"\r\n")[0].decode("utf-8-sig").count(",") == 22


def test_csv_is_in_calendar_order_and_filters_one_channel():
    ids = [row[0] for row in rows_of(export_posts(plan(), "csv").data, ";")[1:]]
    assert ids == [
        "2026-12-01-vk-main-1", "2026-12-02-tg-channel-1", "2026-12-02-vk-main-1",
        "2026-12-03-vk-main-1", "2026-12-04-vk-main-1",
    ]  # fmt: skip
    only_tg = export_posts(plan(), "csv", channel="tg-channel")
    assert only_tg.count == 1


# --- iCalendar --------------------------------------------------------------------------------------


def test_ics_has_one_event_per_post_in_the_strategy_time_zone():
    s = plan()
    exported = export_posts(s, "ics")
    cal = Calendar.from_ical(exported.data)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == exported.count == len(s.posts)
    gifts = events["2026-12-01-vk-main-1@sovushka-zima-2026-27.smm-planner"]
    start = gifts.decoded("DTSTART")
    assert start == dt.datetime(2026, 12, 1, 20, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow"))
    assert gifts.decoded("DTEND") - start == dt.timedelta(minutes=30)
    assert str(gifts["SUMMARY"]) == "vk-main: Подарки до 2 000 ₽"
    assert str(gifts["DESCRIPTION"]) == 'Подарки до 2 000 ₽, "Домик" и пирамидка;\nссылки в карточках'
    assert gifts["CATEGORIES"].cats == ["Подарки и акции"]
    assert str(gifts["STATUS"]) == "CONFIRMED"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Moscow"]


def test_ics_marks_drafts_tentative_skipped_cancelled_and_untimed_posts_all_day():
    events = {
        str(e["UID"]).split("@")[0]: e
        for e in Calendar.from_ical(export_posts(plan(), "ics").data).walk("VEVENT")
    }
    assert str(events["2026-12-02-tg-channel-1"]["STATUS"]) == "TENTATIVE"
    assert str(events["2026-12-04-vk-main-1"]["STATUS"]) == "CANCELLED"
    untimed = events["2026-12-03-vk-main-1"]
    assert untimed.decoded("DTSTART") == dt.date(2026, 12, 3)
    # A post without text is described by its topic, and the user is told.
    assert str(events["2026-12-02-tg-channel-1"]["DESCRIPTION"]) == "Во что играете всей семьёй?"
    notes = export_posts(plan(), "ics").notes
    assert notes == ["3 of 5 posts have no text yet: their topic describes the event"]


def test_ics_is_stamped_with_the_time_of_the_export_in_crlf_lines():
    data = export_posts(plan(), "ics").data
    assert data.count(b"\n") == data.count(b"\r\n")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75  # folded as RFC 5545 asks, in octets
    events = Calendar.from_ical(data).walk("VEVENT")
    assert {e.decoded("DTSTAMP") for e in events} == {NOW}  # when the file was made (RFC 5545 3.8.7.2)
    later = export_posts(plan(), "ics", now=NOW + dt.timedelta(hours=1)).data
    assert b"DTSTAMP:20261120T130000Z" in later


def test_source_date_epoch_makes_the_file_the_same_bytes_every_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21 14:13:20 UTC
    first = export_posts(plan(), "ics").data
    second = export_posts(plan(), "ics", now=NOW + dt.timedelta(days=3)).data
    assert first == second  # the same UIDs, DTSTAMP and SEQUENCE: importing again changes nothing
    assert b"DTSTAMP:20260921T141320Z" in first


@pytest.mark.parametrize("epoch", ["yesterday", "99999999999999999999", "-5"])
def test_a_source_date_epoch_that_is_no_moment_is_refused(monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(PlannerError, match="SOURCE_DATE_EPOCH"):
        export_posts(plan(), "ics")


def sequence_of(s: Strategy, when: dt.datetime) -> int:
    event = Calendar.from_ical(export_posts(s, "ics", channel="tg-channel", now=when).data).walk("VEVENT")[0]
    return int(event["SEQUENCE"])


def test_ics_sequence_never_decreases_for_a_post_whatever_changed():
    # A calendar keeps the version with the higher SEQUENCE (RFC 5546): moving a post back in the
    # workflow or editing its text back must still supersede what was sent before.
    s = plan()
    scheduled, draft, edited = copy.deepcopy(s), copy.deepcopy(s), copy.deepcopy(s)
    scheduled.posts[-1].status = "scheduled"
    edited.posts[-1].text = "Новый текст"
    later = [NOW + dt.timedelta(minutes=m) for m in (0, 1, 2, 3)]
    sequences = [
        sequence_of(s, later[0]),
        sequence_of(scheduled, later[1]),
        sequence_of(draft, later[2]),  # moved back from scheduled to draft
        sequence_of(edited, later[3]),
    ]
    assert sequences == sorted(sequences) and len(set(sequences)) == 4
    assert sequences[0] == 14_141_520  # minutes from 2000-01-01 00:00 UTC to the export


def test_ics_of_a_strategy_named_on_two_lines_is_one_line_in_the_calendar():
    s = plan()
    s.strategy.name = "Зима\nи весна"
    s.pillars[0].name = "Подарки\r\nи акции"
    cal = Calendar.from_ical(export_posts(s, "ics").data)
    assert str(cal["X-WR-CALNAME"]) == "Зима и весна"
    event = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("2026-12-01-vk-main-1@"))
    assert event["CATEGORIES"].cats == ["Подарки и акции"]


def test_ics_without_time_zone_uses_floating_local_times():
    cal = Calendar.from_ical(export_posts(plan(timezone=""), "ics").data)
    event = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("2026-12-01-vk-main-1"))
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 1, 20, 0)  # no tzinfo: not guessed as UTC
    assert not cal.walk("VTIMEZONE")


# --- schedulers ---------------------------------------------------------------------------------------

SCHEDULED = """\
schema_version = 1

[strategy]
name = "Coffee Lab: winter"
language = "en"
timezone = "Europe/London"
start = 2026-11-01
end = 2027-01-31

[[channels]]
id = "fb-page"
platform = "facebook"
posts_per_week = 3
times = ["12:00", "20:00"]

[[channels]]
id = "ig-main"
platform = "instagram"
posts_per_week = 2

[[channels]]
id = "vk-main"
platform = "vk"
posts_per_week = 2

[[pillars]]
id = "gifts"
name = "Gifts and offers"
share = 50

[[pillars]]
id = "regulars"
name = "Our regulars"
share = 50

[[posts]]
id = "2026-12-01-fb-page-1"
date = 2026-12-01
time = "20:00"
channel = "fb-page"
pillar = "gifts"
topic = "Gifts under £20"
text = "Gifts under £20, wrapped while you wait"
status = "published"

  [posts.results]
  reach = 6400

[[posts]]
id = "2026-12-02-fb-page-1"
date = 2026-12-02
time = "12:00"
channel = "fb-page"
pillar = "regulars"
topic = "Drawing contest"
status = "planned"

[[posts]]
id = "2026-12-03-fb-page-1"
date = 2026-12-03
channel = "fb-page"
pillar = "regulars"
topic = "Your favourite mug"
text = "Show us your favourite mug!"
link = "https://coffeelab.example/mugs"
status = "approved"

[[posts]]
id = "2026-12-04-fb-page-1"
date = 2026-12-04
time = "12:00"
channel = "fb-page"
pillar = "gifts"
topic = "A cancelled offer"
status = "skipped"

[[posts]]
id = "2026-12-02-ig-main-1"
date = 2026-12-02
time = "09:00"
channel = "ig-main"
pillar = "regulars"
format = "photo"
topic = "Latte art of the week"
text = "Latte art of the week"
media = ["https://cdn.coffeelab.example/latte.jpg", "https://cdn.coffeelab.example/latte-2.jpg"]
status = "approved"

[[posts]]
id = "2026-12-05-ig-main-1"
date = 2026-12-05
time = "09:00"
channel = "ig-main"
pillar = "gifts"
format = "reel"
topic = "Wrapping a gift box"
status = "draft"

[[posts]]
id = "2026-12-02-vk-main-1"
date = 2026-12-02
time = "10:00"
channel = "vk-main"
pillar = "gifts"
topic = "Gifts"
status = "planned"
"""


def scheduled() -> Strategy:
    loaded = parse(SCHEDULED, "scheduled.toml")
    assert loaded.ok, loaded.problems
    assert loaded.strategy is not None
    return loaded.strategy


@pytest.mark.parametrize("fmt", ["buffer", "hootsuite", "sprout"])
def test_schedulers_need_one_channel_per_file(fmt):
    with pytest.raises(PlannerError, match=r"one channel per file .* add --channel ID"):
        export_posts(scheduled(), fmt)


@pytest.mark.parametrize(
    ("fmt", "name", "platforms"),
    [
        (
            "buffer",
            "Buffer",
            "Facebook, Instagram, LinkedIn, Pinterest, Threads, TikTok, X (Twitter), YouTube",
        ),
        (
            "hootsuite",
            "Hootsuite",
            "Facebook, Instagram, LinkedIn, Pinterest, Threads, TikTok, X (Twitter), YouTube",
        ),
        ("sprout", "Sprout Social", "Facebook, Instagram, LinkedIn, Pinterest, TikTok, X (Twitter), YouTube"),
    ],
)
def test_a_scheduler_refuses_a_platform_it_does_not_publish_to_and_says_which_it_does(fmt, name, platforms):
    with pytest.raises(PlannerError) as e:
        export_posts(scheduled(), fmt, channel="vk-main")
    assert e.value.message.startswith(
        f"{name} does not publish to VK (channel vk-main): it publishes to {platforms} (https://"
    )
    assert e.value.message.endswith("; export this channel as csv or ics instead")


@pytest.mark.parametrize("fmt", ["buffer", "hootsuite", "sprout"])
def test_no_scheduler_publishes_to_the_russian_platforms(fmt):
    s = scheduled()
    for platform in ("vk", "telegram", "ok", "dzen", "rutube"):
        s.channels[2].platform = platform
        with pytest.raises(PlannerError, match="does not publish to"):
            export_posts(s, fmt, channel="vk-main")


def test_buffer_file_has_buffer_columns_and_leaves_out_published_and_skipped():
    exported = export_posts(scheduled(), "buffer", channel="fb-page")
    rows = rows_of(exported.data)
    assert rows[0] == ["Text", "Image URL", "Tags", "Posting Time"]
    assert rows[1:] == [
        ["Drawing contest", "", "Our regulars", "2026-12-02 12:00"],
        ["Show us your favourite mug!", "", "Our regulars", "2026-12-03 12:00"],
    ]
    assert exported.count == 2
    assert not exported.data.startswith(b"\xef\xbb\xbf")  # Buffer matches the header text exactly
    notes = " | ".join(exported.notes)
    assert "1 post has no text yet: their topic was exported instead" in notes
    assert "2 posts already published or skipped: left out" in notes
    assert "1 post has no time: scheduled at 12:00" in notes  # the channel's first publishing time


def test_buffer_carries_the_first_image_and_warns_about_posts_without_media():
    exported = export_posts(scheduled(), "buffer", channel="ig-main")
    assert [row[:2] for row in rows_of(exported.data)[1:]] == [
        ["Latte art of the week", "https://cdn.coffeelab.example/latte.jpg"],
        ["Wrapping a gift box", ""],
    ]
    notes = " | ".join(exported.notes)
    assert (
        "1 post has no media, and Instagram publishes nothing without an image or a video: "
        "add their URLs to the posts' media (2026-12-05-ig-main-1)"
    ) in notes
    assert (
        "1 post has more than one image or video: the file carries the first; add the others in Buffer"
        in notes
    )


def test_sprout_writes_the_image_column_only_when_a_post_has_media():
    with_media = rows_of(export_posts(scheduled(), "sprout", channel="ig-main").data)
    assert with_media[0] == ["date", "time_24hr", "message_text", "public_image_url"]
    assert with_media[1] == [
        "02/12/2026",
        "09:00",
        "Latte art of the week",
        "https://cdn.coffeelab.example/latte.jpg",
    ]
    without = rows_of(export_posts(scheduled(), "sprout", channel="fb-page").data)
    assert without[0] == ["date", "time_24hr", "message_text"]


def test_hootsuite_file_is_date_time_text_and_link_without_a_header():
    exported = export_posts(scheduled(), "hootsuite", channel="fb-page")
    rows = rows_of(exported.data)
    assert rows == [
        ["02/12/2026 12:00", "Drawing contest", ""],
        ["03/12/2026 12:00", "Show us your favourite mug!", "https://coffeelab.example/mugs"],
    ]
    assert any("Day/Month/Year" in note for note in exported.notes)


def test_hootsuite_says_which_posts_need_their_media_attached():
    notes = " | ".join(export_posts(scheduled(), "hootsuite", channel="ig-main").notes)
    assert (
        "Hootsuite's file has no column for images or videos: attach those of 1 post "
        "in the composer's review step (2026-12-02-ig-main-1)"
    ) in notes
    assert "1 post has no media, and Instagram publishes nothing without an image or a video" in notes


def test_hootsuite_warns_about_times_it_refuses():
    s = scheduled()
    s.posts[1].time = "12:03"
    s.posts[2].time = "12:03"
    s.posts[2].date = s.posts[1].date
    notes = " | ".join(export_posts(s, "hootsuite", channel="fb-page").notes)
    assert "times ending in 0 or 5" in notes
    assert "one post per time slot" in notes


def test_sprout_file_has_date_time_24hr_and_message_text():
    exported = export_posts(scheduled(), "sprout", channel="fb-page")
    assert rows_of(exported.data) == [
        ["date", "time_24hr", "message_text"],
        ["02/12/2026", "12:00", "Drawing contest"],
        ["03/12/2026", "12:00", "Show us your favourite mug!"],
    ]
    assert any("dd/mm/yyyy" in note for note in exported.notes)


def test_a_channel_with_only_published_posts_has_nothing_to_schedule():
    s = scheduled()
    s.posts = [p for p in s.posts if p.id == "2026-12-01-fb-page-1"]
    with pytest.raises(PlannerError, match="nothing to schedule in channel 'fb-page'"):
        export_posts(s, "buffer", channel="fb-page")


# --- posts already past --------------------------------------------------------------------------------

# 2026-12-02 11:55 in London (UTC in winter): the 12:00 post of that day is 5 minutes away.
LATE = dt.datetime(2026, 12, 2, 11, 55, tzinfo=dt.UTC)


@pytest.mark.parametrize("fmt", ["buffer", "hootsuite", "sprout"])
def test_posts_past_or_less_than_ten_minutes_away_are_left_out_and_counted(fmt):
    exported = export_posts(scheduled(), fmt, channel="fb-page", now=LATE)
    assert exported.count == 1  # only the post of 2026-12-03 12:00 is still ahead
    assert "Show us your favourite mug!" in exported.data.decode()
    assert "Drawing contest" not in exported.data.decode()
    assert (
        "1 post is already past or less than 10 minutes from now (2026-12-02 11:55): "
        "left out; --include-past keeps them"
    ) in exported.notes


def test_include_past_keeps_them_and_says_the_scheduler_may_refuse_them():
    exported = export_posts(scheduled(), "sprout", channel="fb-page", now=LATE, include_past=True)
    assert exported.count == 2
    assert any("kept (--include-past); Sprout Social may refuse them" in note for note in exported.notes)


def test_ten_minutes_ahead_is_soon_enough():
    just_in_time = dt.datetime(2026, 12, 2, 11, 50, tzinfo=dt.UTC)
    assert export_posts(scheduled(), "buffer", channel="fb-page", now=just_in_time).count == 2


def test_a_post_is_past_in_the_strategy_time_zone():
    s = scheduled()
    s.strategy.timezone = "Asia/Tokyo"  # 2026-12-02 12:00 in Tokyo is 03:00 UTC
    at_five_utc = dt.datetime(2026, 12, 2, 5, 0, tzinfo=dt.UTC)
    assert export_posts(s, "buffer", channel="fb-page", now=at_five_utc).count == 1


def test_when_every_post_is_past_the_refusal_says_how_to_keep_them():
    with pytest.raises(PlannerError, match=r"or are already past \(--include-past keeps past posts\)"):
        export_posts(scheduled(), "buffer", channel="fb-page", now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))


def test_generic_csv_and_calendar_keep_past_posts():
    later = dt.datetime(2027, 6, 1, tzinfo=dt.UTC)
    assert export_posts(plan(), "csv", now=later).count == len(plan().posts)
    assert export_posts(plan(), "ics", now=later).count == len(plan().posts)


# --- CSV injection --------------------------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\tTAB",
    "\rCR",
]


def test_no_cell_of_the_plan_csv_is_read_as_a_formula():
    s = plan()
    post = s.posts[0]
    post.topic, post.text, post.owner, post.url = FORMULAS[0], FORMULAS[1], FORMULAS[3], FORMULAS[2]
    post.media = [FORMULAS[4]]
    s.posts[1].topic = FORMULAS[5]
    rows = rows_of(export_posts(s, "csv").data, ";")
    header = rows[0]
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    first = dict(zip(header, rows[1], strict=True))
    assert first["topic"] == "'" + FORMULAS[0]  # shown as written, the ' hidden by the spreadsheet
    assert first["text"] == "'" + FORMULAS[1]
    assert first["reach"] == "6400"  # numbers are written as numbers


@pytest.mark.parametrize("fmt", ["buffer", "hootsuite", "sprout"])
def test_no_cell_of_a_scheduler_file_is_read_as_a_formula_and_the_user_is_told(fmt):
    s = scheduled()
    s.posts[2].text = '=HYPERLINK("http://evil.example")'
    s.posts[2].link = "@evil"
    exported = export_posts(s, fmt, channel="fb-page")
    cells = [cell for row in rows_of(exported.data) for cell in row]
    assert '\'=HYPERLINK("http://evil.example")' in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert any("1 post starts with =, +, - or @: the file puts a ' before it" in n for n in exported.notes)


# --- refusals -----------------------------------------------------------------------------------------


def test_unknown_format_suggests_the_close_one():
    with pytest.raises(PlannerError, match=r"unknown export format 'buffr' \(did you mean 'buffer'\?\)"):
        export_posts(plan(), "buffr")


def test_unknown_channel_lists_the_channels():
    with pytest.raises(
        PlannerError, match=r"unknown channel 'vk' \(did you mean 'vk-main'\?\); the channels are"
    ):
        export_posts(plan(), "csv", channel="vk")


def test_empty_plan_says_how_to_fill_it():
    s = plan()
    s.posts = []
    with pytest.raises(
        PlannerError, match="content plan is empty: fill it first with `smm-planner plan PATH`"
    ):
        export_posts(s, "ics")


# --- the examples, as a user would export them ---------------------------------------------------------


def test_every_channel_of_the_planned_examples_goes_into_every_scheduler_that_publishes_there():
    from planner.exports import buffer, hootsuite, sprout

    schedulers = {
        "buffer": (buffer.SCHEDULER, 1),
        "hootsuite": (hootsuite.SCHEDULER, 0),
        "sprout": (sprout.SCHEDULER, 1),
    }
    for name in ("cafe-planned.toml", "shop-ru-planned.toml"):
        s = load(FIXTURES / name).strategy
        for channel in s.channels:
            todo = [
                p
                for p in s.posts
                if p.channel == channel.id
                and p.status not in ("published", "skipped")
                and (p.text or p.topic)
            ]
            for fmt, (scheduler, header) in schedulers.items():
                if channel.platform not in scheduler.platforms:
                    with pytest.raises(PlannerError, match="does not publish to"):
                        export_posts(s, fmt, channel=channel.id)
                    continue
                exported = export_posts(s, fmt, channel=channel.id)
                assert len(rows_of(exported.data)) - header == exported.count == len(todo)
        cal = Calendar.from_ical(export_posts(s, "ics").data)
        assert len({str(e["UID"]) for e in cal.walk("VEVENT")}) == len(cal.walk("VEVENT")) == len(s.posts)


# --- the command --------------------------------------------------------------------------------------


def write_plan(tmp_path: Path, text: str | None = None) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(text or textwrap.dedent(PLAN.format(language="ru", timezone="Europe/Moscow")), "utf-8")
    return path


def test_cli_writes_the_file_and_prints_notes(tmp_path):
    path = write_plan(tmp_path, SCHEDULED)
    out = tmp_path / "fb.csv"
    result = CliRunner().invoke(
        app, ["export", str(path), "--format", "buffer", "--channel", "fb-page", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert rows_of(out.read_bytes())[0] == ["Text", "Image URL", "Tags", "Posting Time"]
    assert f"wrote {out} (2 posts)" in result.output
    assert "note: 1 post has no text yet" in result.output


def test_cli_leaves_out_past_posts_unless_asked(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "clock", lambda: LATE)
    path = write_plan(tmp_path, SCHEDULED)
    args = ["export", str(path), "-f", "sprout", "--channel", "fb-page"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "note: 1 post is already past or less than 10 minutes from now" in result.output
    assert "Drawing contest" not in result.stdout
    kept = CliRunner().invoke(app, [*args, "--include-past"])
    assert "Drawing contest" in kept.stdout


def test_cli_prints_to_stdout_without_o(tmp_path):
    result = CliRunner().invoke(app, ["export", str(write_plan(tmp_path)), "--format", "ics"])
    assert result.exit_code == 0
    assert result.stdout.startswith("BEGIN:VCALENDAR")


def test_cli_exports_a_strategy_whose_name_has_a_newline(tmp_path):
    text = textwrap.dedent(PLAN.format(language="ru", timezone="Europe/Moscow"))
    text = text.replace('name = "«Совушка»: зима 2026/27"', 'name = "«Совушка»:\\nзима 2026/27"')
    result = CliRunner().invoke(app, ["export", str(write_plan(tmp_path, text)), "-f", "ics"])
    assert result.exit_code == 0, result.output
    assert "X-WR-CALNAME:«Совушка»: зима 2026/27" in result.stdout.splitlines()


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "CSV"])
def test_cli_an_unknown_format_is_wrong_usage(tmp_path, fmt):
    result = CliRunner().invoke(app, ["export", str(write_plan(tmp_path)), "-f", fmt])
    assert result.exit_code == 2
    assert f"'{fmt}' is not one of 'csv', 'ics', 'buffer', 'hootsuite', 'sprout'" in result.output
    assert "Traceback" not in result.output


def test_cli_offers_every_export_format():
    assert [f.value for f in ExportFormat] == list(exports.FORMATS)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "csv", "--channel", "ok"], "unknown channel 'ok'"),
        (["--format", "sprout"], "Sprout Social imports one channel per file"),
        (["--format", "buffer", "--channel", "vk-main"], "Buffer does not publish to VK (channel vk-main)"),
    ],
)
def test_cli_refusals_exit_1_with_one_clear_message(tmp_path, args, message):
    result = CliRunner().invoke(app, ["export", str(write_plan(tmp_path)), *args])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_writes_into_a_pipe_without_replacing_it(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    args = ["export", str(write_plan(tmp_path)), "--format", "ics", "-o", str(pipe)]
    result = CliRunner().invoke(app, args)
    reader.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert received[0].startswith(b"BEGIN:VCALENDAR")
    assert pipe.is_fifo()  # a device or pipe such as /dev/null is written to, never renamed over


def test_cli_refuses_a_folder_as_the_output_file(tmp_path):
    args = ["export", str(write_plan(tmp_path)), "--format", "csv", "-o", str(tmp_path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "is a folder; give the file to write" in result.output
