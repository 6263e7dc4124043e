"""The report's findings and its three recommendations for the next period, each naming the figure it stands on.

A finding is a sentence the figures support under the report's sample rules
(planner.views.report_totals): a goal behind its pace, a pillar, format or campaign away from
its channels' average, a time slot or weekday away from the rest of its channel, a share of the
published posts off the strategy, a channel whose last span moved, a channel publishing (or
recording) less than its plan, a channel whose clicks cost far more than another's.

The recommendations take the strongest finding of each kind, in the order a strategist would
raise them (the goal furthest behind first, then what to post, when, how often, what changed,
where the money goes), at most one per kind and three in all; with fewer findings there are
fewer recommendations, and the report says why rather than inventing one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.l10n import format_date, format_money, format_number, format_percent, format_signed, labels
from planner.markdown import md
from planner.views.common import View
from planner.views.report_growth import Cadence, SpendLine
from planner.views.report_learning import MixRow, TimeGroup, stands_out
from planner.views.report_totals import MIN_GROUP_POSTS, MIN_LIFT_PCT, MIN_MIX_POSTS, OFF_SHARE_POINTS
from planner.views.report_trend import PeriodChange

ADVICE = 3
# How much dearer a click must be on one channel than on another before money is worth moving.
CLICK_COST_RATIO = 1.5


class Finding(View):
    """A sentence of the findings: `kind` picks the label, `values` fill it (already formatted)."""

    kind: str
    category: str  # goal | content | timing | cadence | trend | spend: one recommendation each at most
    strength: float  # within a category, the strongest is recommended
    values: dict[str, str]
    count: int | None  # picks the plural form of the label; None for a label without plural forms


CATEGORIES = ("goal", "content", "timing", "cadence", "trend", "spend")


def recommendations(findings: list[Finding]) -> list[Finding]:
    """The strongest finding of each category, in the order of CATEGORIES, at most ADVICE of them.

    With fewer categories than ADVICE, a category's second strongest finding fills a place (never
    a third: three goals to push are one message, not three recommendations).
    """
    ranked = {
        c: sorted((f for f in findings if f.category == c), key=lambda f: -f.strength) for c in CATEGORIES
    }
    chosen = [mine[0] for mine in ranked.values() if mine]
    chosen += [mine[1] for mine in ranked.values() if len(mine) > 1]
    return chosen[:ADVICE]


class Formats:
    """The formatting of a finding's figures in the report's language."""

    def __init__(self, lang: str, currency: str) -> None:
        self.lang, self.currency = lang, currency

    def pct(self, value: float, digits: int = 1, signed: bool = False) -> str:
        return format_percent(value, self.lang, digits, signed)

    def num(self, value: float, digits: int | None = None) -> str:
        return format_number(value, self.lang, digits)

    def label(self, key: str) -> str:
        """A label of the catalog, "" when it has none (a hint that only some metrics have)."""
        return str(labels(self.lang).get(key, ""))

    def signed(self, value: float) -> str:
        return format_signed(value, self.lang, 0)

    def money(self, value: float) -> str:
        return md(format_money(round(value, 2), self.currency, self.lang))

    def date(self, value: dt.date) -> str:
        return format_date(value, self.lang)


def goal_findings(goals: list[Any], f: Formats) -> list[Finding]:
    """Goals behind their pace, furthest behind first; a goal read from posts needs MIN_GROUP_POSTS of them."""
    out = []
    for g in goals:
        if g.pace != "behind" or g.progress_pct is None or not g.elapsed_pct:
            continue
        values = {
            "title": md(g.title),
            "progress": f.pct(g.progress_pct, 0),
            "elapsed": f.pct(g.elapsed_pct, 0),
            "now": f.pct(g.now) if g.is_rate else f.num(g.now, 0),
            "target": f.pct(g.target) if g.is_rate else f.num(g.target, 0),
            "deadline": f.date(g.deadline) if g.deadline else "—",
            "hint": f.label(f"report.pace_hint.{g.metric}"),
        }
        kind = "goal_behind"
        if g.needed_per_week is not None and g.so_far_per_week is not None:
            kind = "pace_behind"
            values |= {"needed": f.signed(g.needed_per_week), "so_far": f.signed(g.so_far_per_week)}
        # Furthest behind: the least progress for the time gone.
        out.append(Finding(kind, "goal", 1 - g.progress_pct / g.elapsed_pct, values, None))
    return out


def mix_findings(kind: str, rows: list[MixRow], f: Formats) -> list[Finding]:
    """Pillars or formats (`kind`) whose posts stand out against their channels' average."""
    out = []
    for row in rows:
        if not row.key or not stands_out(row.lift) or row.lift is None:
            continue
        better = row.lift.pct > 0
        values = {
            "name": md(row.label),
            "lift": f.pct(abs(row.lift.pct), 0),
            "er": f.pct(row.totals.er) if row.totals.er is not None else "—",
            "share": f.pct(row.published, 0),
        }
        # A pillar to give more room is worth more than one to fix: ties go to the better one.
        out.append(
            Finding(
                f"{'best' if better else 'weak'}_{kind}",
                "content",
                abs(row.lift.pct) + better,
                values,
                row.lift.posts,
            )
        )
    return out


def share_findings(rows: list[MixRow], published: int, f: Formats) -> list[Finding]:
    """Pillars whose share of the published posts is off the plan, from MIN_MIX_POSTS published posts.

    The yardstick is the share the plan gives on the same channels, at each channel's pace of
    publishing (`report_learning.expected_shares`), so that a channel left unpublished does not
    make another channel's pillars look over-published.
    """
    if published < MIN_MIX_POSTS:
        return []
    out = []
    for row in rows:
        gap = row.published - row.planned
        if not row.key or abs(gap) <= OFF_SHARE_POINTS:
            continue
        values = {
            "name": md(row.label),
            "actual": f.pct(row.published),
            "planned": f.pct(row.planned),
            "points": f.num(abs(gap), 1),
        }
        out.append(
            Finding("over_share" if gap > 0 else "under_share", "content", abs(gap) / 10, values, None)
        )
    return out


def time_findings(groups: list[TimeGroup], f: Formats) -> list[Finding]:
    out = []
    for g in groups:
        values = {
            "channel": md(g.channel),
            "name": md(g.label),
            "er": f.pct(g.totals.er or 0),
            "channel_er": f.pct(g.channel_er),
            "lift": f.pct(abs(g.lift_pct), 0),
        }
        kind = f"{'best' if g.lift_pct > 0 else 'weak'}_{g.dimension}"
        out.append(Finding(kind, "timing", abs(g.lift_pct) + (g.lift_pct > 0), values, g.totals.posts))
    return out


def campaign_findings(rows: list[MixRow], f: Formats) -> list[Finding]:
    out = []
    for row in rows:
        if not row.key or not stands_out(row.lift) or row.lift is None:
            continue
        values = {"name": md(row.label), "lift": f.pct(abs(row.lift.pct), 0)}
        kind = "campaign_above" if row.lift.pct > 0 else "campaign_below"
        out.append(Finding(kind, "content", abs(row.lift.pct) / 2, values, row.lift.posts))
    return out


def cadence_findings(rows: list[Cadence], as_of: dt.date | None, f: Formats) -> list[Finding]:
    """Channels at least two posts short of their plan: not published, or published and not recorded."""
    out = []
    for c in rows:
        if c.planned - c.published < 2:
            continue
        values = {
            "channel": md(c.channel),
            "planned": f.num(c.planned),
            "date": f.date(as_of) if as_of else "—",
            "missing": f.num(c.unrecorded),
            "published": f.num(c.published),
        }
        out.append(Finding("behind_plan", "cadence", c.unrecorded / max(c.planned, 1), values, c.published))
    return out


def trend_findings(change: PeriodChange | None, f: Formats) -> list[Finding]:
    """Channels whose rate moved by MIN_LIFT_PCT of itself or more from the span before."""
    if change is None:
        return []
    out = []
    for row in change.rows[:-1] if len(change.rows) > 1 else change.rows:
        if row.er_points is None or row.before.er is None or not row.before.er or row.after.er is None:
            continue
        relative = row.er_points * 100 / row.before.er
        if abs(relative) < MIN_LIFT_PCT:
            continue
        values = {
            "channel": md(row.channel),
            "before": f.pct(row.before.er),
            "after": f.pct(row.after.er),
            "points": f.num(abs(row.er_points), 1),
        }
        kind = "er_rose" if relative > 0 else "er_fell"
        # A fall needs explaining more than a rise needs celebrating.
        out.append(Finding(kind, "trend", abs(relative) * (1.5 if relative < 0 else 1), values, change.days))
    return out


def spend_findings(lines: list[SpendLine], f: Formats) -> list[Finding]:
    """The dearest click against the cheapest among channels' ads, when one costs CLICK_COST_RATIO times more."""
    ads = [
        line
        for line in lines
        if line.kind == "ads" and line.per_click and line.totals.posts >= MIN_GROUP_POSTS
    ]
    if len(ads) < 2:
        return []
    cheap = min(ads, key=lambda line: line.per_click or 0)
    dear = max(ads, key=lambda line: line.per_click or 0)
    if not cheap.per_click or not dear.per_click or dear.per_click < CLICK_COST_RATIO * cheap.per_click:
        return []
    values = {
        "dear": md(dear.name),
        "dear_cost": f.money(dear.per_click),
        "cheap": md(cheap.name),
        "cheap_cost": f.money(cheap.per_click),
    }
    return [Finding("click_cost", "spend", dear.per_click / cheap.per_click, values, None)]


def method_values(f: Formats) -> dict[str, str]:
    """The sample rules, for the method note."""
    from planner.views import report_totals as rules

    return {
        "cell": f.num(rules.MIN_CELL_POSTS),
        "group": f.num(rules.MIN_GROUP_POSTS),
        "baseline": f.num(rules.MIN_BASELINE_POSTS),
        "lift": f.pct(MIN_LIFT_PCT, 0),
        "span": f.num(rules.MIN_SPAN_POSTS),
        "mix": f.num(MIN_MIX_POSTS),
        "points": f.num(OFF_SHARE_POINTS),
    }
