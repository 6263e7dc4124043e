"""Exports: every format parsed back (csv module, icalendar) and compared with the plan."""

from __future__ import annotations

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

from planner.cli import app
from planner.errors import PlannerError
from planner.exports import export_posts
from planner.model import Strategy
from planner.storage import load, parse

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "results"

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


def test_ics_is_the_same_bytes_every_time_with_crlf_lines():
    first, second = export_posts(plan(), "ics").data, export_posts(plan(), "ics").data
    assert first == second  # stable UIDs and DTSTAMP: importing again updates, never duplicates
    assert first.count(b"\n") == first.count(b"\r\n")
    assert max(len(line) for line in first.split(b"\r\n")) <= 75  # folded as RFC 5545 asks, in octets
    assert b"DTSTAMP:20261201T000000Z" in first


def test_ics_sequence_grows_as_a_post_moves_through_the_workflow():
    s = plan()
    before = Calendar.from_ical(export_posts(s, "ics", channel="tg-channel").data).walk("VEVENT")[0]
    s.posts[-1].status = "scheduled"
    after = Calendar.from_ical(export_posts(s, "ics", channel="tg-channel").data).walk("VEVENT")[0]
    assert str(before["UID"]) == str(after["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_ics_without_time_zone_uses_floating_local_times():
    cal = Calendar.from_ical(export_posts(plan(timezone=""), "ics").data)
    event = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("2026-12-01-vk-main-1"))
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 1, 20, 0)  # no tzinfo: not guessed as UTC
    assert not cal.walk("VTIMEZONE")


# --- schedulers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["buffer", "hootsuite", "sprout"])
def test_schedulers_need_one_channel_per_file(fmt):
    with pytest.raises(PlannerError, match=r"one channel per file .* add --channel ID"):
        export_posts(plan(), fmt)


def test_buffer_file_has_buffer_columns_and_leaves_out_published_and_skipped():
    exported = export_posts(plan(), "buffer", channel="vk-main")
    rows = rows_of(exported.data)
    assert rows[0] == ["Text", "Image URL", "Tags", "Posting Time"]
    assert rows[1:] == [
        ["Конкурс рисунков", "", "Играют наши семьи", "2026-12-02 12:00"],
        ["Покажите любимую игрушку вашего малыша!", "", "Играют наши семьи", "2026-12-03 12:00"],
    ]
    assert exported.count == 2
    assert not exported.data.startswith(b"\xef\xbb\xbf")  # Buffer matches the header text exactly
    notes = " | ".join(exported.notes)
    assert "1 post has no text yet: their topic was exported instead" in notes
    assert "2 posts already published or skipped: left out" in notes
    assert "1 post has no time: scheduled at 12:00" in notes  # the channel's first publishing time


def test_hootsuite_file_is_date_time_text_and_link_without_a_header():
    exported = export_posts(plan(), "hootsuite", channel="vk-main")
    rows = rows_of(exported.data)
    assert rows == [
        ["02/12/2026 12:00", "Конкурс рисунков", ""],
        ["03/12/2026 12:00", "Покажите любимую игрушку вашего малыша!", ""],
    ]
    assert any("Day/Month/Year" in note for note in exported.notes)


def test_hootsuite_warns_about_times_it_refuses():
    s = plan()
    s.posts[1].time = "12:03"
    s.posts[2].time = "12:03"
    s.posts[2].date = s.posts[1].date
    notes = " | ".join(export_posts(s, "hootsuite", channel="vk-main").notes)
    assert "times ending in 0 or 5" in notes
    assert "one post per time slot" in notes


def test_sprout_file_has_date_time_24hr_and_message_text():
    exported = export_posts(plan(), "sprout", channel="tg-channel")
    assert rows_of(exported.data) == [
        ["date", "time_24hr", "message_text"],
        ["02/12/2026", "09:00", "Во что играете всей семьёй?"],
    ]
    assert any("dd/mm/yyyy" in note for note in exported.notes)


def test_a_channel_with_only_published_posts_has_nothing_to_schedule():
    s = plan()
    s.posts = [p for p in s.posts if p.id == "2026-12-01-vk-main-1"]
    with pytest.raises(PlannerError, match="nothing to schedule in channel 'vk-main'"):
        export_posts(s, "buffer", channel="vk-main")


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


# --- the Russian example, as a user would export it --------------------------------------------------


def test_every_channel_of_the_planned_example_goes_into_every_scheduler():
    s = load(FIXTURES / "shop-ru-planned.toml").strategy
    for channel in s.channels:
        todo = [p for p in s.posts if p.channel == channel.id and p.status not in ("published", "skipped")]
        for fmt, header in (("buffer", 1), ("hootsuite", 0), ("sprout", 1)):
            exported = export_posts(s, fmt, channel=channel.id)
            assert len(rows_of(exported.data)) - header == exported.count == len(todo)
    cal = Calendar.from_ical(export_posts(s, "ics").data)
    assert len(cal.walk("VEVENT")) == len(s.posts)
    assert len({str(e["UID"]) for e in cal.walk("VEVENT")}) == len(s.posts)


# --- the command --------------------------------------------------------------------------------------


def write_plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(textwrap.dedent(PLAN.format(language="ru", timezone="Europe/Moscow")), "utf-8")
    return path


def test_cli_writes_the_file_and_prints_notes(tmp_path):
    path = write_plan(tmp_path)
    out = tmp_path / "vk.csv"
    result = CliRunner().invoke(
        app, ["export", str(path), "--format", "buffer", "--channel", "vk-main", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert rows_of(out.read_bytes())[0] == ["Text", "Image URL", "Tags", "Posting Time"]
    assert f"wrote {out} (2 posts)" in result.output
    assert "note: 1 post has no text yet" in result.output


def test_cli_prints_to_stdout_without_o(tmp_path):
    result = CliRunner().invoke(app, ["export", str(write_plan(tmp_path)), "--format", "ics"])
    assert result.exit_code == 0
    assert result.stdout.startswith("BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "unknown export format 'xlsx'"),
        (["--format", "csv", "--channel", "ok"], "unknown channel 'ok'"),
        (["--format", "sprout"], "Sprout Social imports one channel per file"),
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
