"""What the report learns from the results: when to post, what to post, and which posts stood out.

Every comparison is like with like. A post, pillar, format or campaign is judged against the
average of its own channels (`Lift`: its engagements against those its posts would have had at
their channel's rate), since channels differ in rate far more than pillars do; a time slot or a
weekday against the rest of its channel. A channel's average is a baseline only from
MIN_BASELINE_POSTS posts, a group is judged only from MIN_GROUP_POSTS, and it is better or worse
only MIN_LIFT_PCT percent away from its baseline (planner.views.report_totals), so a finding
never stands on two posts nor names a "best" below the average.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from planner.l10n import format_date
from planner.metrics import EngagementRate, engagements, group_engagement_rate
from planner.model import Post, Strategy
from planner.views.common import View, share
from planner.views.report_totals import (
    MIN_BASELINE_POSTS,
    MIN_CELL_POSTS,
    MIN_GROUP_POSTS,
    MIN_LIFT_PCT,
    Totals,
    group_by,
    totals,
)

TOP = 5


# --- against the channel's average -----------------------------------------------------------------


class Lift(View):
    """Engagements of some posts against those their channels' average rates give: +20 means 20 % more."""

    pct: float
    posts: int  # the posts it stands on (those of channels with a baseline)


def channel_rates(measured: Iterable[Post]) -> dict[str, EngagementRate]:
    """Each channel's engagement rate, for the channels with MIN_BASELINE_POSTS posts measured."""
    rates = {}
    for channel, posts in group_by(measured, lambda p: p.channel).items():
        rate = group_engagement_rate(p.results for p in posts)
        if rate is not None and rate.posts >= MIN_BASELINE_POSTS:
            rates[channel] = rate
    return rates


def lift(posts: Iterable[Post], rates: dict[str, EngagementRate]) -> Lift | None:
    actual, expected, counted = 0, 0.0, 0
    for p in posts:
        rate, r = rates.get(p.channel), p.results
        if rate is None or r is None:
            continue
        # The post counts on its channel's basis: a post without reach on a channel measured by
        # reach is left out, as the channel's rate leaves it out.
        denominator = r.reach if rate.basis == "reach" else (0 if r.reach else r.impressions)
        if not denominator:
            continue
        actual += engagements(r)
        expected += denominator * rate.percent / 100
        counted += 1
    if not counted or not expected:
        return None
    return Lift((actual / expected - 1) * 100, counted)


def stands_out(value: Lift | None) -> bool:
    """Whether a group's lift is a finding: enough posts, far enough from its baseline."""
    return value is not None and value.posts >= MIN_GROUP_POSTS and abs(value.pct) >= MIN_LIFT_PCT


# --- when to post: the weekday × hour grid ---------------------------------------------------------


class Cell(View):
    posts: int
    er: float | None  # None below MIN_CELL_POSTS posts: the cell is left blank


class GridRow(View):
    label: str  # the hour, "08:00–09:00", or "all hours"
    cells: list[Cell]  # one per weekday of the grid, then all days


class ChannelGrid(View):
    channel: str
    basis: str
    weekdays: list[str]  # the weekdays the channel published on, short names
    rows: list[GridRow]  # one per hour slot, then the row of all hours


class TimeGroup(View):
    """A slot or weekday of one channel, against the channel."""

    channel: str
    dimension: str  # slot | weekday
    label: str
    totals: Totals
    channel_er: float
    lift_pct: float


def slot_of(post: Post) -> str:
    """The whole hour a post went out in ("20" for 20:30); "" without a time."""
    return post.time[:2] if post.time else ""


def slot_label(hour: str) -> str:
    start = int(hour)
    return f"{start:02d}:00–{(start + 1) % 24:02d}:00"


def weekday_of(post: Post) -> str:
    return str(post.date.isoweekday()) if post.date else ""


def weekday_label(isoweekday: str, lang: str, style: str = "weekday") -> str:
    monday = dt.date(2024, 1, 1)  # any Monday: only the weekday's name is wanted
    return format_date(monday + dt.timedelta(days=int(isoweekday) - 1), lang, style)


def grids(
    s: Strategy, measured: list[Post], names: dict[str, str], lang: str, all_label: str
) -> list[ChannelGrid]:
    """A weekday × hour grid per channel with at least MIN_CELL_POSTS timed posts measured."""
    out = []
    for c in s.channels:
        posts = [p for p in measured if p.channel == c.id and p.time and p.date]
        if len(posts) < MIN_CELL_POSTS:
            continue
        days = sorted({weekday_of(p) for p in posts})
        by_hour = group_by(posts, slot_of)
        rows = [_grid_row(slot_label(h), by_hour[h], days) for h in sorted(by_hour)]
        rows.append(_grid_row(all_label, posts, days))
        rate = group_engagement_rate(p.results for p in posts)
        weekdays = [weekday_label(d, lang) for d in days]
        out.append(ChannelGrid(names.get(c.id, c.id), rate.basis if rate else "", weekdays, rows))
    return out


def _grid_row(label: str, posts: list[Post], days: list[str]) -> GridRow:
    by_day = group_by(posts, weekday_of)
    return GridRow(label, [_cell(by_day.get(d, [])) for d in days] + [_cell(posts)])


def _cell(posts: list[Post]) -> Cell:
    rate = group_engagement_rate(p.results for p in posts)
    shown = rate is not None and len(posts) >= MIN_CELL_POSTS
    return Cell(len(posts), rate.percent if shown and rate else None)


def time_groups(s: Strategy, measured: list[Post], names: dict[str, str], lang: str) -> list[TimeGroup]:
    """Slots and weekdays that stand out within their channel, strongest first.

    A dimension counts only where the channel has two groups of MIN_GROUP_POSTS or more in it:
    with one time a day there is no "best time" to find, only the channel's own average.
    """
    found = []
    for c in s.channels:
        posts = [p for p in measured if p.channel == c.id and p.date]
        rate = group_engagement_rate(p.results for p in posts)
        if rate is None or rate.posts < MIN_BASELINE_POSTS or not rate.percent:
            continue
        dimensions: tuple[tuple[str, Callable[[Post], str], Callable[[str], str]], ...] = (
            ("slot", slot_of, slot_label),
            ("weekday", weekday_of, lambda d: weekday_label(d, lang, "weekday_name")),
        )
        for dimension, key, label in dimensions:
            groups = {k: v for k, v in group_by(posts, key).items() if k and len(v) >= MIN_GROUP_POSTS}
            if len(groups) < 2:
                continue
            for k, group in groups.items():
                t = totals(group)
                if t.er is None or t.basis != rate.basis:
                    continue
                change = (t.er / rate.percent - 1) * 100
                if abs(change) >= MIN_LIFT_PCT:
                    found.append(
                        TimeGroup(names.get(c.id, c.id), dimension, label(k), t, rate.percent, change)
                    )
    return sorted(found, key=lambda g: (-abs(g.lift_pct), g.channel, g.label))


# --- what to post: pillars, formats and campaigns against the plan ---------------------------------


class MixRow(View):
    key: str
    label: str
    target: float | None  # the pillar's share in the strategy; None for formats and campaigns
    planned: float  # share the plan gives it among the posts published (`expected_shares`)
    published: float  # share of the posts published up to the report's date
    totals: Totals
    lift: Lift | None


def mix_rows(
    keys: list[str],
    key: Callable[[Post], str],
    label: Callable[[str], str],
    targets: dict[str, float],
    planned: list[Post],
    published: list[Post],
    rates: dict[str, EngagementRate],
) -> list[MixRow]:
    expected = expected_shares(planned, published, key)
    published_by = group_by(published, key)
    extra = sorted(k for k in {*expected, *published_by} if k not in keys)
    rows = []
    for k in [*keys, *extra]:
        mine = published_by.get(k, [])
        if k not in expected and not mine and k not in targets:
            continue
        rows.append(
            MixRow(
                k, label(k), targets.get(k), expected.get(k, 0.0), share(len(mine), len(published)),
                totals(mine), lift([p for p in mine if p.results], rates),
            )
        )  # fmt: skip
    return rows


def expected_shares(
    planned: list[Post], published: list[Post], key: Callable[[Post], str]
) -> dict[str, float]:
    """Each group's share of the published posts had every channel published its planned posts
    alike, whatever their group: the like-with-like yardstick of the published mix.

    A channel that published 1 of its 14 planned posts weighs 1 post, not 14: the mix is not
    "off the plan" because one channel's posts are missing (the publishing table says that).
    """
    done: dict[str, float] = {}
    out_by_channel = {c: len(posts) for c, posts in group_by(published, lambda p: p.channel).items()}
    for channel, mine in group_by(planned, lambda p: p.channel).items():
        weight = out_by_channel.get(channel, 0) / len(mine)
        for p in mine:
            done[key(p)] = done.get(key(p), 0.0) + weight
    total = sum(done.values())
    return {k: v * 100 / total for k, v in done.items() if v} if total else {}


# --- posts that stood out ------------------------------------------------------------------------------


class PostLine(View):
    id: str
    date: dt.date | None
    time: str
    channel: str
    topic: str
    url: str  # the published post, when it is a plain web address; else ""
    pillar: str
    format: str
    reach: int
    er: float
    basis: str
    lift_pct: float


def ranked_posts(
    measured: list[Post],
    rates: dict[str, EngagementRate],
    names: dict[str, str],
    pillars: dict[str, str],
    fmt_label: Callable[[str], str],
) -> list[PostLine]:
    """Posts of channels with a baseline, by engagement against their channel's average."""
    from planner.markdown import url as markdown_url

    lines = []
    for p in measured:
        change = lift([p], rates)
        rate = group_engagement_rate([p.results])
        if change is None or rate is None:
            continue
        link = p.url if markdown_url(p.url).startswith("<") else ""
        lines.append(
            PostLine(
                p.id, p.date, p.time, names.get(p.channel, p.channel), p.topic or p.text.split("\n", 1)[0],
                link, pillars.get(p.pillar, p.pillar), fmt_label(p.format), p.results.reach if p.results else 0,
                rate.percent, rate.basis, change.pct,
            )
        )  # fmt: skip
    # Furthest above the channel first; ties by reach (more is better), then date and id, for a stable order.
    lines.sort(key=lambda line: (-line.lift_pct, -line.reach, line.date or dt.date.min, line.id))
    return lines


def best_and_worst(ranked: list[PostLine]) -> tuple[list[PostLine], list[PostLine]]:
    """The TOP best and the TOP weakest, never the same post twice; only posts away from their average."""
    best = [line for line in ranked if line.lift_pct > 0][:TOP]
    rest = [line for line in ranked if line.lift_pct < 0 and line not in best]
    return best, list(reversed(rest[-TOP:]))
