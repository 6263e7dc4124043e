"""What the CSV exports share: writing rows, and choosing what a scheduler should publish and when.

Scheduler files (Buffer, Hootsuite, Sprout Social) are read by machines that match their headers
exactly, so they are written without a byte-order mark; the generic plan CSV, meant for Excel and
Google Sheets, carries one (csv_plan.py says why).

Every text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` before
it, so that a spreadsheet opening the file shows the text instead of running it as a formula
(`=HYPERLINK(…)`, `+cmd|…`): OWASP's advice on CSV injection
(https://owasp.org/www-community/attacks/CSV_Injection; ASVS 5.0 requirement 1.2.10). Numbers are
written as numbers and never prefixed: every number we write (results, counts) is a whole number
of zero or more, and dates and times start with a digit.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planner import catalog
from planner.errors import PlannerError
from planner.exports import ExportOptions
from planner.model import Post, Strategy

# Already out, or dropped on purpose: a scheduler must not publish these (again).
NOT_SCHEDULED = ("published", "skipped")
# A post without a time and a channel without publishing times: midday is a safe guess.
DEFAULT_TIME = "12:00"
# Sprout Social takes posts at least 10 minutes after the upload, Hootsuite only future times:
# a post sooner than this is left out of a scheduler's file (unless --include-past).
LEAD = dt.timedelta(minutes=10)
# What a spreadsheet takes for the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_csv(rows: Iterable[Sequence[object]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    """RFC 4180 CSV (CRLF line ends, quotes where needed) in UTF-8, no cell read as a formula."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([defused(cell) for cell in row] for row in rows)
    data = out.getvalue().encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def defused(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula, with a `'` before it; anything else as it is."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


@dataclass(frozen=True)
class Scheduler:
    """A scheduling service: its name, the platforms it publishes to (catalog ids), and where that is said."""

    name: str
    platforms: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Publication:
    """One post as a scheduler should publish it: local date and time, the message and its media."""

    post: Post
    when: dt.datetime
    message: str
    media: tuple[str, ...]


def publications(
    strategy: Strategy, posts: list[Post], scheduler: Scheduler, options: ExportOptions
) -> tuple[list[Publication], list[str]]:
    """The posts a scheduler should publish, with notes on every choice made for the user.

    Schedulers import one profile per file, so the posts must come from one channel, on a platform
    the scheduler publishes to. Published and skipped posts stay out, and so do posts already past
    or less than ten minutes away (unless `options.include_past`); a post without text sends its
    topic; a post without a time gets its channel's first publishing time.
    """
    channels = sorted({p.channel for p in posts})
    if len(channels) > 1:
        raise PlannerError(
            f"{scheduler.name} imports one channel per file and the plan has {len(channels)} "
            f"({', '.join(channels)}): add --channel ID and export each channel to its own file"
        )
    channel = strategy.channel(channels[0])
    platform = catalog.platforms().get(channel.platform) if channel else None
    _check_platform(scheduler, channels[0], platform)
    notes: list[str] = []
    left_out = [p for p in posts if p.status in NOT_SCHEDULED]
    if left_out:
        notes.append(f"{_posts(len(left_out))} already published or skipped: left out")
    empty = [p for p in posts if p.status not in NOT_SCHEDULED and not p.text.strip() and not p.topic.strip()]
    if empty:
        notes.append(f"{_posts(len(empty))} with neither text nor topic: left out ({_ids(empty)})")
    empty_ids = {p.id for p in empty}
    fallback = channel.times[0] if channel and channel.times else DEFAULT_TIME
    tz = zoneinfo.ZoneInfo(strategy.strategy.timezone) if strategy.strategy.timezone else None
    result = [
        _publication(p, fallback)
        for p in posts
        if p.status not in NOT_SCHEDULED and p.id not in empty_ids and p.date is not None
    ]
    past = [pub for pub in result if _moment(pub.when, tz) < options.now + LEAD]
    if past:
        now = options.now.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        if options.include_past:
            notes.append(
                f"{_posts(len(past), 'is', 'are')} already past or less than 10 minutes from now ({now}): "
                f"kept (--include-past); {scheduler.name} may refuse them"
            )
        else:
            notes.append(
                f"{_posts(len(past), 'is', 'are')} already past or less than 10 minutes from now ({now}): "
                "left out; --include-past keeps them"
            )
            past_ids = {pub.post.id for pub in past}
            result = [pub for pub in result if pub.post.id not in past_ids]
    if not result:
        raise PlannerError(
            f"nothing to schedule in channel '{channels[0]}': all its {_posts(len(posts))} are "
            "published, skipped, have neither text nor topic, or are already past "
            "(--include-past keeps past posts)"
        )
    topic_only = [pub for pub in result if not pub.post.text.strip()]
    if topic_only:
        notes.append(
            f"{_posts(len(topic_only), 'has', 'have')} no text yet: their topic was exported instead; "
            "write the text before they go out"
        )
    untimed = [pub for pub in result if not pub.post.time]
    if untimed:
        notes.append(f"{_posts(len(untimed), 'has', 'have')} no time: scheduled at {fallback}")
    if platform is not None and platform.media_required:
        bare = [pub.post for pub in result if not pub.media]
        if bare:
            notes.append(
                f"{_posts(len(bare), 'has', 'have')} no media, and {platform.name} publishes nothing "
                f"without an image or a video: add their URLs to the posts' media ({_ids(bare)})"
            )
    return result, notes


def _check_platform(scheduler: Scheduler, channel: str, platform: catalog.Platform | None) -> None:
    if platform is not None and platform.id in scheduler.platforms:
        return
    known = catalog.platforms()
    names = sorted(known[p].name for p in scheduler.platforms if p in known)
    where = f"{platform.name} (channel {channel})" if platform else f"the platform of channel {channel}"
    raise PlannerError(
        f"{scheduler.name} does not publish to {where}: it publishes to {', '.join(names)} "
        f"({scheduler.source}); export this channel as csv or ics instead"
    )


def _publication(post: Post, fallback: str) -> Publication:
    assert post.date is not None
    hours, minutes = (int(x) for x in (post.time or fallback).split(":"))
    when = dt.datetime.combine(post.date, dt.time(hours, minutes))
    media = tuple(m.strip() for m in post.media if m.strip())
    return Publication(post, when, post.text.strip() or post.topic.strip(), media)


def _moment(when: dt.datetime, tz: dt.tzinfo | None) -> dt.datetime:
    """A local publishing time as an instant: in the strategy's time zone, else the computer's."""
    return when.replace(tzinfo=tz) if tz is not None else when.astimezone()


def media_notes(pubs: list[Publication], scheduler: str) -> list[str]:
    """For files with one media column: posts whose other images or videos must be added by hand."""
    several = [pub.post for pub in pubs if len(pub.media) > 1]
    if not several:
        return []
    return [
        f"{_posts(len(several), 'has', 'have')} more than one image or video: the file carries the first; "
        f"add the others in {scheduler} ({_ids(several)})"
    ]


def attach_media_notes(pubs: list[Publication], scheduler: str, where: str) -> list[str]:
    """For files without a media column: the posts whose images or videos must be attached by hand."""
    with_media = [pub.post for pub in pubs if pub.media]
    if not with_media:
        return []
    return [
        f"{scheduler}'s file has no column for images or videos: attach those of "
        f"{_posts(len(with_media))} in {where} ({_ids(with_media)})"
    ]


def formula_notes(pubs: list[Publication], scheduler: str) -> list[str]:
    """The posts whose message got a `'` so that a spreadsheet does not run it (see `defused`)."""
    marked = [pub.post for pub in pubs if pub.message.startswith(FORMULA_START)]
    if not marked:
        return []
    return [
        f"{_posts(len(marked), 'starts', 'start')} with =, +, - or @: the file puts a ' before "
        f"{'it' if len(marked) == 1 else 'them'} so that a spreadsheet shows the text instead of running "
        f"a formula; remove the ' in {scheduler} ({_ids(marked)})"
    ]


def too_close(pubs: list[Publication], minutes: int) -> list[Publication]:
    """Publications less than `minutes` after the previous one (schedulers reject or merge them)."""
    close = []
    ordered = sorted(pubs, key=lambda pub: pub.when)
    for before, after in itertools.pairwise(ordered):
        if after.when - before.when < dt.timedelta(minutes=minutes):
            close.append(after)
    return close


def limit_note(count: int, limit: int, scheduler: str) -> list[str]:
    if count <= limit:
        return []
    return [f"{scheduler} takes at most {limit} posts per upload and this file has {count}: upload in parts"]


def _posts(n: int, verb_one: str = "", verb_many: str = "") -> str:
    noun = "post" if n == 1 else "posts"
    verb = verb_one if n == 1 else verb_many
    return f"{n} {noun} {verb}".rstrip()


def _ids(posts: list[Post], limit: int = 5) -> str:
    shown = ", ".join(p.id for p in posts[:limit])
    return shown + (f" and {len(posts) - limit} more" if len(posts) > limit else "")
