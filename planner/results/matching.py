"""The matcher: which planned post each row of a statistics file is about, or why none can be said.

The rules, in order (a row that none of them settles is listed, never guessed):

1. **Our id**, in our own layout's `id` column.
2. **The post's url** (its permalink): a post whose `url` is the row's, compared without
   `https://`, `www.`, the query (except on `…php` pages, where it names the post) and a
   trailing `/`; Instagram's `/reel/` and `/p/` and X's `twitter.com/user/status/N` and
   `x.com/i/status/N` are one post each.
3. **Channel and publish time.** The channel is `--channel`, else the row's own channel cell
   (our layout), else the one channel of the strategy on the file's platform; with several
   there, the row's account (`Account username`, `Page name`) picks the channel whose url ends
   with it or whose name it is. Then the time:
   - A row with a time matches the post of that channel planned nearest to it within WINDOW
     (3 hours) either side: publishing is rarely on the minute, and a channel's posts are
     hardly ever planned closer than that. The window crosses midnight (a post planned at
     23:30 and published at 00:40 the next day matches). The nearest wins only when every
     other post in the window is at least MARGIN (30 minutes) farther; otherwise the row is
     ambiguous (planned 10:00 and 12:00, published 11:05: which one is not ours to guess).
     A post planned without a time counts as at the row's time on its own day.
   - A row with a day only (X's content export, LinkedIn's Created date, our layout without a
     time column) matches the one post of that channel that day; with several it is ambiguous.
   - A post that already has a different url is a different published post: not a candidate.
4. **One row per post.** When two rows come to one post, the one by id or url wins, else the
   nearer in time, else the earlier line; the other is listed as repeating it, or, when it has
   a permalink of its own, as a post the plan does not have (which `--add-unplanned` adds).

Time zones: a time the file writes without an offset (Meta, our layout) is read as local time
in `strategy.timezone`, the zone the plan's times are in and the one a person exporting from
that account sees; a time with an offset (X's legacy "+0000") is converted to it. With no
`strategy.timezone`, offset times are compared as UTC, and the summary says so.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from planner.errors import PlannerError, did_you_mean
from planner.model import Channel, Post, Strategy
from planner.results.cells import quote
from planner.results.source import Source, StatRow

WINDOW = dt.timedelta(hours=3)
MARGIN = dt.timedelta(minutes=30)


@dataclass
class Outcome:
    """What became of one row: matched to a post, or unmatched / ambiguous / repeated, and why."""

    row: StatRow
    status: str  # matched | unmatched | ambiguous | repeated | empty
    post: Post | None = None
    channel: str = ""  # the channel the row is about, when known (an unplanned post goes there)
    why: str = ""
    rank: tuple[int, dt.timedelta] = (0, dt.timedelta(0))  # how sure: 0 by id or url, 1 by time


def file_channel(strategy: Strategy, source: Source, channel_id: str | None) -> Channel | None:
    """The channel `--channel` names, checked against the file's platform; PlannerError if it cannot be."""
    if channel_id is None:
        if source.platforms and not _on_platforms(strategy, source):
            raise PlannerError(
                f"the strategy has no channel on {_platform_names(source)}; add one, or pass --channel"
            )
        return None
    channel = strategy.channel(channel_id)
    if channel is None:
        known = [ch.id for ch in strategy.channels]
        raise PlannerError(f"--channel: unknown channel '{channel_id}'{did_you_mean(channel_id, known)}")
    if source.platforms and channel.platform not in source.platforms:
        raise PlannerError(f"--channel {channel_id} is on {channel.platform}, not {_platform_names(source)}")
    return channel


def match_rows(
    strategy: Strategy, source: Source, rows: list[StatRow], channel: Channel | None
) -> tuple[list[Outcome], list[str]]:
    """Every row's outcome, in the file's order, and notes for the summary."""
    notes: list[str] = []
    index = _Index(strategy.posts)
    tz = _zone(strategy.strategy.timezone)
    outcomes: list[Outcome] = []
    for row in rows:
        if row.tz is not None:
            _to_local(row, tz, notes)
        if not row.metrics:
            outcomes.append(Outcome(row, "empty"))
        else:
            outcomes.append(_by_id_or_url(row, index))
    taken = {o.post.id for o in outcomes if o.post is not None}
    resolver = _ChannelResolver(strategy, source, channel)
    for i, outcome in enumerate(outcomes):
        if outcome.status == "pending":
            outcomes[i] = _by_time(outcome.row, resolver, index, taken, source)
    _one_row_per_post(outcomes)
    return outcomes, notes


# --- id and url -----------------------------------------------------------------------------------


class _Index:
    """Posts by id, by url and by (channel, date): a year's plan has thousands, and so may the file."""

    def __init__(self, posts: list[Post]) -> None:
        self.by_id = {p.id: p for p in posts}
        self.by_url = {url_key(p.url): p for p in posts if p.url}
        self.by_day: dict[tuple[str, dt.date], list[Post]] = defaultdict(list)
        for p in posts:
            if p.date is not None:
                self.by_day[(p.channel, p.date)].append(p)


def _by_id_or_url(row: StatRow, index: _Index) -> Outcome:
    if row.post_id:
        found = index.by_id.get(row.post_id)
        if found is None:
            return Outcome(
                row,
                "unmatched",
                why=f"no post with id {quote(row.post_id)}{did_you_mean(row.post_id, index.by_id)}",
            )
        return Outcome(row, "matched", found, found.channel)
    found = index.by_url.get(url_key(row.url)) if row.url else None
    if found is not None:
        return Outcome(row, "matched", found, found.channel)
    return Outcome(row, "pending")


@lru_cache(maxsize=2**14)  # each url is reduced for the index and again for its row
def url_key(url: str) -> str:
    """A post's url reduced to what tells posts apart (see rule 2 above); "" for no url."""
    text = url.strip()
    if not text:
        return ""
    try:
        parts = urlsplit(text if "://" in text else "https://" + text)
        host = (parts.hostname or "").removeprefix("www.").removeprefix("m.").removeprefix("mobile.")
    except ValueError:
        return text.lower()
    path = parts.path.rstrip("/")
    if host == "twitter.com":
        host = "x.com"
    if host == "x.com":
        path = re.sub(r"\A/[^/]+/status/", "/i/status/", path)
    if host == "instagram.com":
        path = re.sub(r"\A/(?:[^/]+/)?(?:reels?|tv|p)/", "/p/", path)
    query = f"?{parts.query}" if parts.query and path.endswith(".php") else ""
    return f"{host}{path}{query}"


# --- channel and time -----------------------------------------------------------------------------


class _ChannelResolver:
    """The channel of a row: --channel, the row's channel cell, the file's platform, its account."""

    def __init__(self, strategy: Strategy, source: Source, channel: Channel | None) -> None:
        self.strategy, self.source, self.channel = strategy, source, channel
        self.on_platform = [ch for ch in strategy.channels if ch.platform in source.platforms]

    def resolve(self, row: StatRow) -> tuple[str | None, str]:
        if self.channel is not None and not row.channel:
            return self.channel.id, ""
        if row.channel:
            return channel_named(self.strategy, row.channel)
        if not self.source.platforms:
            return None, "no id, and no date or no channel to find the post by"
        if len(self.on_platform) == 1:
            return self.on_platform[0].id, ""
        named = [ch for ch in self.on_platform if row.account and _names(ch, row.account)]
        if len(named) == 1:
            return named[0].id, ""
        ids = ", ".join(ch.id for ch in self.on_platform)
        account = f" and {quote(row.account)} names none of them" if row.account else ""
        return (
            None,
            f"several channels are on {_platform_names(self.source)} ({ids}){account}: pass --channel",
        )


def channel_named(strategy: Strategy, value: str) -> tuple[str | None, str]:
    """The channel id a cell means: an id, a name, the handle in its url, or a platform with one channel."""
    from planner.catalog import platforms

    wanted = value.strip().lower()
    for ch in strategy.channels:
        if wanted in (ch.id.lower(), ch.name.strip().lower()) or _names(ch, value):
            return ch.id, ""
    catalog = platforms()
    on_platform = [
        ch
        for ch in strategy.channels
        if ch.platform in catalog
        and wanted in {ch.platform, catalog[ch.platform].name.lower(), catalog[ch.platform].name_ru.lower()}
    ]
    if len(on_platform) == 1:
        return on_platform[0].id, ""
    if len(on_platform) > 1:
        ids = ", ".join(ch.id for ch in on_platform)
        return None, f"several channels are on {quote(value)} ({ids}): write the channel id instead"
    known = [ch.id for ch in strategy.channels]
    return None, f"unknown channel {quote(value)}{did_you_mean(value, known)}"


def _names(channel: Channel, account: str) -> bool:
    """Whether an account name or handle from a file is this channel's (its url ends with it, or its name)."""
    handle = account.strip().lstrip("@").lower()
    if not handle:
        return False
    tail = channel.url.strip().rstrip("/").rsplit("/", 1)[-1].lstrip("@").lower()
    return handle in (tail, channel.name.strip().lower())


def _by_time(
    row: StatRow, resolver: _ChannelResolver, index: _Index, taken: set[str], source: Source
) -> Outcome:
    channel, why = resolver.resolve(row)
    if channel is None:
        return Outcome(row, "unmatched", why=why)
    if row.day is None:
        return Outcome(row, "unmatched", channel=channel, why="no date to find the post by")
    row_url = url_key(row.url)

    def candidates(day: dt.date) -> list[Post]:
        return [
            p
            for p in index.by_day.get((channel, day), [])
            if p.id not in taken and not (row_url and p.url and url_key(p.url) != row_url)
        ]

    day = row.day.isoformat()
    if row.at is None:
        found = candidates(row.day)
        if not found:
            return Outcome(row, "unmatched", channel=channel, why=f"no post in {channel} on {day}")
        if len(found) > 1:
            ids = ", ".join(p.id for p in found)
            why = f"several posts in {channel} on {day} ({ids}): {source.no_time_hint}"
            return Outcome(row, "ambiguous", channel=channel, why=why)
        return Outcome(row, "matched", found[0], channel, rank=(1, dt.timedelta(0)))
    moment = dt.datetime.combine(row.day, row.at)
    near: list[tuple[dt.timedelta, dt.datetime, Post]] = []
    for offset in (-1, 0, 1):
        for p in candidates(row.day + dt.timedelta(days=offset)):
            planned = _planned(p, moment)
            if planned is not None and abs(planned - moment) <= WINDOW:
                near.append((abs(planned - moment), planned, p))
    near.sort(key=lambda n: (n[0], n[1], n[2].id))
    at = f"{day} {row.at:%H:%M}"
    if not near:
        why = f"no post in {channel} within 3 hours of {at}{_nearest(candidates, moment)}"
        return Outcome(row, "unmatched", channel=channel, why=why)
    if len(near) > 1 and near[1][0] - near[0][0] < MARGIN:
        close = ", ".join(f"{p.id} at {planned:%H:%M}" for _, planned, p in near[:3])
        why = f"posts in {channel} too close to {at} to tell which ({close}): give the file the post's url"
        return Outcome(row, "ambiguous", channel=channel, why=why)
    return Outcome(row, "matched", near[0][2], channel, rank=(1, near[0][0]))


def _nearest(candidates: Callable[[dt.date], list[Post]], moment: dt.datetime) -> str:
    """ " (the nearest is … at …)" for a post of the channel within a day of `moment`, else ""."""
    planned = [
        (abs(at - moment), at, p)
        for offset in (-1, 0, 1)
        for p in candidates(moment.date() + dt.timedelta(days=offset))
        if (at := _planned(p, moment)) is not None
    ]
    if not planned:
        return ""
    _, at, post = min(planned, key=lambda n: (n[0], n[1], n[2].id))
    return f" (the nearest is {post.id} at {at:%Y-%m-%d %H:%M})"


def _planned(post: Post, moment: dt.datetime) -> dt.datetime | None:
    assert post.date is not None
    if not post.time:
        return moment if post.date == moment.date() else None
    hour, minute = (int(part) for part in post.time.split(":"))
    return dt.datetime.combine(post.date, dt.time(hour, minute))


def _one_row_per_post(outcomes: list[Outcome]) -> None:
    by_post: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if o.status == "matched" and o.post is not None:
            by_post[o.post.id].append(o)
    for post_id, claims in by_post.items():
        if len(claims) < 2:
            continue
        claims.sort(key=lambda o: (o.rank, o.row.line))
        winner = claims[0]
        for loser in claims[1:]:
            if loser.row.url and winner.row.url and url_key(loser.row.url) != url_key(winner.row.url):
                # Another permalink: another published post, which the plan does not have (as a second
                # import would find, once the post carries the winner's url).
                loser.status, loser.post = "unmatched", None
                loser.why = (
                    f"the post nearest to its time, {post_id}, went to line {winner.row.line} (nearer)"
                )
            else:
                loser.status = "repeated"
                loser.why = f"post {post_id} already got results from line {winner.row.line}"


def _to_local(row: StatRow, tz: dt.tzinfo | None, notes: list[str]) -> None:
    """A time the file gives with an offset, as the strategy's local time (UTC without a zone)."""
    assert row.day is not None and row.at is not None and row.tz is not None
    aware = dt.datetime.combine(row.day, row.at, tzinfo=row.tz)
    if tz is None:
        note = (
            "strategy.timezone is empty: the file's UTC times were compared with the plan's times as they are"
        )
        if note not in notes:
            notes.append(note)
        tz = dt.UTC
    local = aware.astimezone(tz)
    row.day, row.at, row.tz = local.date(), local.time(), None


def _zone(name: str) -> dt.tzinfo | None:
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _on_platforms(strategy: Strategy, source: Source) -> bool:
    return any(ch.platform in source.platforms for ch in strategy.channels)


def _platform_names(source: Source) -> str:
    from planner.catalog import platforms

    catalog = platforms()
    return " or ".join(catalog[p].name if p in catalog else p for p in source.platforms)
