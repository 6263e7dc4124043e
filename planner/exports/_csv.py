"""What the CSV exports share: writing rows, and choosing what a scheduler should publish and when.

Scheduler files (Buffer, Hootsuite, Sprout Social) are read by machines that match their headers
exactly, so they are written without a byte-order mark; the generic plan CSV, meant for Excel and
Google Sheets, carries one (csv_plan.py says why).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planner.errors import PlannerError
from planner.model import Post, Strategy

# Already out, or dropped on purpose: a scheduler must not publish these (again).
NOT_SCHEDULED = ("published", "skipped")
# A post without a time and a channel without publishing times: midday is a safe guess.
DEFAULT_TIME = "12:00"


def to_csv(rows: Iterable[Sequence[object]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    """RFC 4180 CSV (CRLF line ends, quotes where needed) in UTF-8."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


@dataclass(frozen=True)
class Publication:
    """One post as a scheduler should publish it: local date and time, and the message."""

    post: Post
    when: dt.datetime
    message: str


def publications(
    strategy: Strategy, posts: list[Post], scheduler: str
) -> tuple[list[Publication], list[str]]:
    """The posts a scheduler should publish, with notes on every choice made for the user.

    Schedulers import one profile per file, so the posts must come from one channel. Published
    and skipped posts stay out; a post without text sends its topic; a post without a time gets
    its channel's first publishing time.
    """
    channels = sorted({p.channel for p in posts})
    if len(channels) > 1:
        raise PlannerError(
            f"{scheduler} imports one channel per file and the plan has {len(channels)} "
            f"({', '.join(channels)}): add --channel ID and export each channel to its own file"
        )
    channel = strategy.channel(channels[0])
    notes: list[str] = []
    left_out = [p for p in posts if p.status in NOT_SCHEDULED]
    if left_out:
        notes.append(f"{_posts(len(left_out))} already published or skipped: left out")
    empty = [p for p in posts if p.status not in NOT_SCHEDULED and not p.text.strip() and not p.topic.strip()]
    if empty:
        notes.append(f"{_posts(len(empty))} with neither text nor topic: left out ({_ids(empty)})")
    empty_ids = {p.id for p in empty}
    chosen = [p for p in posts if p.status not in NOT_SCHEDULED and p.id not in empty_ids]
    if not chosen:
        raise PlannerError(
            f"nothing to schedule in channel '{channels[0]}': all its {_posts(len(posts))} are "
            "published, skipped or have neither text nor topic"
        )
    topic_only = [p for p in chosen if not p.text.strip()]
    if topic_only:
        notes.append(
            f"{_posts(len(topic_only), 'has', 'have')} no text yet: their topic was exported instead; "
            "write the text before they go out"
        )
    fallback = channel.times[0] if channel and channel.times else DEFAULT_TIME
    untimed = [p for p in chosen if not p.time]
    if untimed:
        notes.append(f"{_posts(len(untimed), 'has', 'have')} no time: scheduled at {fallback}")
    result = []
    for p in chosen:
        assert p.date is not None  # required by the format; a loaded strategy always has it
        hours, minutes = (int(x) for x in (p.time or fallback).split(":"))
        when = dt.datetime.combine(p.date, dt.time(hours, minutes))
        result.append(Publication(p, when, p.text.strip() or p.topic.strip()))
    return result, notes


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
