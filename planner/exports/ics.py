"""The content plan as an iCalendar file (RFC 5545): one event per post, for the team's calendar.

Choices the standard leaves open:
- UID `<post-id>@<strategy-slug>.smm-planner`: the same post keeps its UID across exports, so
  importing the file again updates events instead of duplicating them. Renaming the strategy
  changes the slug and so every UID.
- SEQUENCE is the post's place in the workflow (planned 0, draft 1, approved 2, scheduled 3,
  published 4, skipped 5): it grows as a post moves on, so a calendar accepts the newer version.
- DTSTAMP is midnight UTC of the strategy's first day (or of the earliest post): the same
  strategy gives the same bytes, which a clock reading would not.
- Times are local to `strategy.timezone`, with TZID and a VTIMEZONE block; without a time zone
  they are floating (the same wall-clock time wherever the calendar is), never guessed as UTC.
- An event lasts 30 minutes: the slot to publish and answer the first comments. A post without
  a time is an all-day event.
- SUMMARY is `channel: topic`, DESCRIPTION the post's text (its topic while it has none),
  CATEGORIES the pillar's name; a skipped post is CANCELLED, a planned or draft one TENTATIVE.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from icalendar import Calendar, Event

from planner.exports import Exported
from planner.model import POST_STATUSES, Post, Strategy
from planner.slugs import slugify

DURATION = dt.timedelta(minutes=30)
STATUS = {"planned": "TENTATIVE", "draft": "TENTATIVE", "skipped": "CANCELLED"}  # others CONFIRMED
PRODID = "-//smm-planner//Content plan//EN"


def export(strategy: Strategy, posts: list[Post]) -> Exported:
    info = strategy.strategy
    tz = zoneinfo.ZoneInfo(info.timezone) if info.timezone else None
    slug = strategy_slug(info.name)
    dates = [p.date for p in posts if p.date]
    first_day = info.start or min(dates)
    stamp = dt.datetime.combine(first_day, dt.time(0, 0), tzinfo=dt.UTC)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", info.name)
    if info.timezone:
        cal.add("x-wr-timezone", info.timezone)
    for post in posts:
        cal.add_component(_event(strategy, post, slug, stamp, tz))
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


def _event(strategy: Strategy, post: Post, slug: str, stamp: dt.datetime, tz: dt.tzinfo | None) -> Event:
    assert post.date is not None  # required by the format
    event = Event()
    event.add("uid", post_uid(post, slug))
    event.add("dtstamp", stamp)
    event.add("sequence", POST_STATUSES.index(post.status))
    if post.time:
        hours, minutes = (int(x) for x in post.time.split(":"))
        start = dt.datetime.combine(post.date, dt.time(hours, minutes), tzinfo=tz)
        event.add("dtstart", start)
        event.add("dtend", start + DURATION)
    else:
        event.add("dtstart", post.date)
        event.add("dtend", post.date + dt.timedelta(days=1))
    event.add("summary", f"{post.channel}: {_headline(post)}")
    description = post.text.strip() or post.topic.strip()
    if description:
        event.add("description", description)
    pillar = strategy.pillar(post.pillar)
    if pillar is not None:
        event.add("categories", [pillar.name])
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
