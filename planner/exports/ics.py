"""The content plan as an iCalendar file (RFC 5545): one event per post, for the team's calendar.

Choices the standard leaves open:
- UID `<post-id>@<strategy-slug>.smm-planner`: the same post keeps its UID across exports, so
  importing the file again updates events instead of duplicating them. Renaming the strategy
  changes the slug and so every UID.
- DTSTAMP is when the file was made (RFC 5545, 3.8.7.2), in UTC; with `SOURCE_DATE_EPOCH` set
  (seconds since 1970, https://reproducible-builds.org/specs/source-date-epoch/) it is that moment
  instead, so that the same strategy gives the same bytes.
- SEQUENCE is the whole minutes from 2000-01-01 00:00 UTC to DTSTAMP, the same for every event of
  a file. RFC 5545 (3.8.7.4) asks that a revision never lowers it, and a calendar keeps the
  version with the higher one (RFC 5546, 2.1.5): a number derived from the post alone cannot
  promise that (a post moved back from scheduled to draft, a text edited back), and the plan keeps
  no history to count revisions with. The time of the export grows with every export, so each
  file's events supersede every earlier file's, whatever changed; an event re-sent unchanged is
  the same event again to a calendar. Two exports in one minute share it, and DTSTAMP (to the
  second) tells them apart, as RFC 5546 says.
- Times are local to `strategy.timezone`, with TZID and a VTIMEZONE block; without a time zone
  they are floating (the same wall-clock time wherever the calendar is), never guessed as UTC.
- An event lasts 30 minutes: the slot to publish and answer the first comments. A post without
  a time is an all-day event.
- SUMMARY is `channel: topic` and the calendar's name the strategy's, each on one line (a newline
  in them is a space); DESCRIPTION the post's text (its topic while it has none), CATEGORIES the
  pillar's name; a skipped post is CANCELLED, a planned or draft one TENTATIVE.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo

from icalendar import Calendar, Event

from planner.errors import PlannerError
from planner.exports import Exported, ExportOptions
from planner.model import Post, Strategy
from planner.slugs import slugify

DURATION = dt.timedelta(minutes=30)
STATUS = {"planned": "TENTATIVE", "draft": "TENTATIVE", "skipped": "CANCELLED"}  # others CONFIRMED
PRODID = "-//smm-planner//Content plan//EN"
SEQUENCE_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def export(strategy: Strategy, posts: list[Post], options: ExportOptions) -> Exported:
    info = strategy.strategy
    tz = zoneinfo.ZoneInfo(info.timezone) if info.timezone else None
    slug = strategy_slug(info.name)
    dates = [p.date for p in posts if p.date]
    stamp = dtstamp(options.now)
    sequence = revision(stamp)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", one_line(info.name))
    if info.timezone:
        cal.add("x-wr-timezone", info.timezone)
    for post in posts:
        cal.add_component(_event(strategy, post, slug, stamp, sequence, tz))
    if tz is not None:
        # Only the rules of the plan's years: a VTIMEZONE from 1970 would run to hundreds of lines.
        cal.add_missing_timezones(
            first_date=dt.date(min(dates).year - 1, 1, 1), last_date=dt.date(max(dates).year + 2, 1, 1)
        )
    notes = []
    topic_only = sum(1 for p in posts if not p.text.strip() and p.topic.strip())
    if topic_only:
        notes.append(f"{topic_only} of {len(posts)} posts have no text yet: their topic describes the event")
    return Exported(cal.to_ical(), len(posts), notes)


def dtstamp(now: dt.datetime) -> dt.datetime:
    """The file's DTSTAMP: `SOURCE_DATE_EPOCH` when set, else `now`; in UTC, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise PlannerError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got '{epoch[:40]}'"
            ) from None
        if not 2000 <= moment.year <= 2100:  # SEQUENCE is minutes since 2000, and must fit 31 bits
            raise PlannerError(f"SOURCE_DATE_EPOCH is {moment:%Y-%m-%d}: give a moment from 2000 to 2100")
        return moment
    return now.astimezone(dt.UTC).replace(microsecond=0)


def revision(stamp: dt.datetime) -> int:
    """SEQUENCE: whole minutes since 2000 (the module's docstring says why)."""
    return int((stamp - SEQUENCE_EPOCH).total_seconds() // 60)


def one_line(text: str) -> str:
    return " ".join(text.split())


def _event(
    strategy: Strategy, post: Post, slug: str, stamp: dt.datetime, sequence: int, tz: dt.tzinfo | None
) -> Event:
    assert post.date is not None  # required by the format
    event = Event()
    event.add("uid", post_uid(post, slug))
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    if post.time:
        hours, minutes = (int(x) for x in post.time.split(":"))
        start = dt.datetime.combine(post.date, dt.time(hours, minutes), tzinfo=tz)
        event.add("dtstart", start)
        event.add("dtend", start + DURATION)
    else:
        event.add("dtstart", post.date)
        event.add("dtend", post.date + dt.timedelta(days=1))
    event.add("summary", one_line(f"{post.channel}: {_headline(post)}"))
    description = post.text.strip() or post.topic.strip()
    if description:
        event.add("description", description)
    pillar = strategy.pillar(post.pillar)
    if pillar is not None:
        event.add("categories", [one_line(pillar.name)])
    event.add("status", STATUS.get(post.status, "CONFIRMED"))
    event.add("transp", "TRANSPARENT")  # a post does not make anyone busy
    return event


def post_uid(post: Post, slug: str) -> str:
    return f"{post.id}@{slug}.smm-planner"


def strategy_slug(name: str) -> str:
    """An ASCII slug of the strategy's name: «Совушка»: зима 2026/27 → sovushka-zima-2026-27."""
    return slugify(name) or "strategy"


def _headline(post: Post) -> str:
    if post.topic.strip():
        return post.topic.strip()
    first_line = post.text.strip().split("\n", 1)[0]
    return first_line or post.pillar or post.format or post.id
