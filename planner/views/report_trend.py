"""The report's time line: results week by week, and this period against the one before it.

Weeks are the period's own (days 1–7 from its start, 8–14, …; planner.period), cut at the
report's date, so that the last row may hold fewer days (its per-post figures still compare).
The period comparison takes the report cadence (`community.report_every`): the last 7 days
against the 7 before, or the last 28 days (four whole weeks, so that weekdays weigh alike)
against the 28 before; a month with nothing before it in the period falls back to weeks. It is
made channel by channel, like with like, from MIN_SPAN_POSTS posts in each span.
"""

from __future__ import annotations

import datetime as dt

from planner.l10n import format_range
from planner.model import Post, Strategy
from planner.views.common import View
from planner.views.report_totals import MIN_SPAN_POSTS, Totals, change_pct, totals


class Week(View):
    number: int
    start: dt.date
    end: dt.date
    label: str
    totals: Totals


class Chart(View):
    """A Mermaid xychart: one series over the weeks (the weekly table is its text version)."""

    title: str
    axis: str
    labels: list[str]
    kind: str  # bar | line
    values: list[float] | list[int]


def weeks(s: Strategy, measured: list[Post], as_of: dt.date | None, lang: str) -> list[Week]:
    start = s.strategy.start
    if start is None or as_of is None or as_of < start:
        return []
    out = []
    number, first = 1, start
    while first <= as_of:
        last = min(first + dt.timedelta(days=6), as_of)
        mine = [p for p in measured if p.date is not None and first <= p.date <= last]
        if mine:
            out.append(Week(number, first, last, format_range(first, last, lang), totals(mine)))
        number, first = number + 1, first + dt.timedelta(days=7)
    return out


def charts(rows: list[Week], er_title: str, er_axis: str, reach_title: str, reach_axis: str) -> list[Chart]:
    """The weekly trend as charts, from two weeks on (one point is no trend)."""
    if len(rows) < 2:
        return []
    labels = [mermaid_text(w.label) for w in rows]
    out = [Chart(reach_title, reach_axis, labels, "bar", [w.totals.reach for w in rows])]
    if all(w.totals.er is not None for w in rows):
        out.append(Chart(er_title, er_axis, labels, "line", [round(w.totals.er or 0, 1) for w in rows]))
    return out


def mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid string: no quotes, no line breaks, nothing Mermaid reads as markup."""
    return " ".join(text.replace('"', "'").replace("`", "'").replace("#", "").split())


# --- this period against the previous one ------------------------------------------------------------


class SpanChange(View):
    """One channel's (or all channels') results in the last span against the span before it."""

    channel: str
    before: Totals
    after: Totals
    reach_pct: float | None  # change of the reach per post, in percent
    er_points: float | None  # change of the engagement rate, in percentage points


class PeriodChange(View):
    days: int  # 7 or 28
    before_start: dt.date
    before_end: dt.date
    after_start: dt.date
    after_end: dt.date
    rows: list[SpanChange]  # channels with enough posts in both spans, then all channels together


def period_change(
    s: Strategy, measured: list[Post], as_of: dt.date | None, names: dict[str, str], all_label: str
) -> PeriodChange | None:
    start = s.strategy.start
    if start is None or as_of is None:
        return None
    lengths = [28, 7] if s.community.report_every == "month" else [7]
    for days in lengths:
        after_start = as_of - dt.timedelta(days=days - 1)
        before_start = after_start - dt.timedelta(days=days)
        if before_start < start:
            continue
        before_end = after_start - dt.timedelta(days=1)

        def within(posts: list[Post], first: dt.date, last: dt.date) -> list[Post]:
            return [p for p in posts if p.date is not None and first <= p.date <= last]

        rows = []
        for c in s.channels:
            mine = [p for p in measured if p.channel == c.id]
            change = _span_change(
                names.get(c.id, c.id),
                within(mine, before_start, before_end),
                within(mine, after_start, as_of),
            )
            if change is not None:
                rows.append(change)
        if not rows:
            continue
        if len(rows) > 1:
            # All channels together only where every channel counted is the same on both sides.
            counted = {c.id for c in s.channels if names.get(c.id, c.id) in {r.channel for r in rows}}
            both = [p for p in measured if p.channel in counted]
            together = _span_change(
                all_label, within(both, before_start, before_end), within(both, after_start, as_of)
            )
            if together is not None:
                rows.append(together)
        return PeriodChange(days, before_start, before_end, after_start, as_of, rows)
    return None


def _span_change(name: str, before: list[Post], after: list[Post]) -> SpanChange | None:
    b, a = totals(before), totals(after)
    if b.posts < MIN_SPAN_POSTS or a.posts < MIN_SPAN_POSTS:
        return None
    if a.er is not None and b.er is not None and a.basis == b.basis:
        points: float | None = a.er - b.er
    else:
        points = None
    return SpanChange(name, b, a, change_pct(a.avg_reach, b.avg_reach), points)
