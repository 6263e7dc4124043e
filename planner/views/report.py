"""The performance report's view: everything report.md.j2 shows, computed from the strategy as of a date.

`report_context` puts together the parts, each computed in a module of its own:
`planner.views.report_totals` (a group's results and the sample rules), `report_trend` (week by
week, this period against the one before), `report_learning` (the weekday × hour grid, pillars
and formats against the plan, the posts that stood out), `report_growth` (followers, spend,
publishing against the plan) and `report_advice` (the findings and the three recommendations).
templates/report.md.j2 lays them out with the filters and labels of the strategy document.

Decisions where SPEC is silent:

- The report is "as of" a date: by default the latest date of a post with results, never
  today, so the same file always gives the same report. Posts after that date are left out.
- The engagement rate is `planner.metrics`' (likes + comments + shares over reach, or over
  impressions where a platform gives no reach, never the two mixed); a goal's "Now" is
  `planner.metrics.goal_measure`, the figure strategy.md shows.
- Progress = (now − baseline) / (target − baseline). A goal is on pace when its progress is at
  least the share of time elapsed from the strategy's start to its deadline (the period's end
  when it has none); reached at 100 %; missed when the deadline has passed short of the target.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.l10n import labels
from planner.metrics import elapsed_pct, goal_measure, goal_progress, per_post
from planner.model import Goal, Strategy
from planner.views import report_advice as advice
from planner.views.common import View, channel_names
from planner.views.report_growth import cadences, follower_lines, spend_lines, weekly_pace
from planner.views.report_learning import (
    best_and_worst,
    channel_rates,
    grids,
    mix_rows,
    ranked_posts,
    time_groups,
)
from planner.views.report_totals import (
    MIN_GROUP_POSTS,
    Totals,
    group_by,
    is_published,
    latest_results_date,
    totals,
)
from planner.views.report_trend import charts, period_change, weeks


class ChannelRow(View):
    """One row of the results by channel."""

    key: str
    label: str
    totals: Totals


# --- goals ---------------------------------------------------------------------------------------


class GoalStatus(View):
    id: str
    title: str
    metric: str
    is_rate: bool
    per_post: bool  # measured as an average per post with results
    channel: str  # the channel's name; "" for all channels
    baseline: float
    now: float | None  # None: no measurement at all
    from_posts: int  # how many posts' results `now` comes from (0: the goal's `current`)
    target: float
    deadline: dt.date | None
    progress_pct: float | None
    elapsed_pct: float | None
    pace: str  # reached | on_pace | behind | missed | few_posts | unknown
    so_far_per_week: float | None  # goals measured by hand: growth a week since the start
    needed_per_week: float | None  # … and the growth a week the target still needs


def goal_status(s: Strategy, goal: Goal, as_of: dt.date | None, lang: str) -> GoalStatus:
    deadline = goal.deadline or s.strategy.end
    measure = goal_measure(s, goal, as_of=as_of)
    now = measure.value
    progress = goal_progress(goal, measure)
    elapsed = elapsed_pct(s.strategy.start, deadline, as_of)
    so_far, needed = (None, None)
    if measure.source == "current":  # a count measured by hand grows week by week; an average does not
        so_far, needed = weekly_pace(goal.baseline, now, goal.target, s.strategy.start, as_of, deadline)
    return GoalStatus(
        id=goal.id,
        title=goal.title,
        metric=goal.metric,
        is_rate=goal.metric == "engagement_rate",
        per_post=per_post(goal.metric),
        channel=channel_names(s, lang).get(goal.channel, goal.channel) if goal.channel else "",
        baseline=goal.baseline,
        now=now,
        from_posts=measure.posts,
        target=goal.target,
        deadline=deadline,
        progress_pct=progress,
        elapsed_pct=elapsed,
        # A figure from a post or two is shown (it is the strategy's figure too), never judged.
        pace="few_posts"
        if 0 < measure.posts < MIN_GROUP_POSTS
        else _pace(goal, now, progress, elapsed, deadline, as_of),
        so_far_per_week=so_far,
        needed_per_week=needed,
    )


def _pace(
    goal: Goal,
    now: float | None,
    progress: float | None,
    elapsed: float | None,
    deadline: dt.date | None,
    as_of: dt.date | None,
) -> str:
    if now is None:
        return "unknown"
    reached = progress >= 100 if progress is not None else now >= goal.target
    if reached:
        return "reached"
    if deadline is not None and as_of is not None and as_of > deadline:
        return "missed"
    if progress is None or elapsed is None:
        return "unknown"
    return "on_pace" if progress >= elapsed else "behind"


# --- the report ------------------------------------------------------------------------------------


def report_context(
    s: Strategy, lang: str, as_of: dt.date | None = None, charts_on: bool = True
) -> dict[str, Any]:
    """Everything report.md.j2 shows, computed from the strategy as of `as_of`."""
    as_of = as_of or latest_results_date(s.posts)
    catalog = labels(lang)
    info = s.strategy
    dated = [p for p in s.posts if p.date is not None and (as_of is None or p.date <= as_of)]
    measured = [p for p in dated if p.results is not None]
    published = [p for p in dated if is_published(p)]
    planned = [p for p in dated if p.status != "skipped"]
    names = channel_names(s, lang)
    pillars = {p.id: p.name for p in s.pillars}
    campaigns = {c.id: c.name for c in s.campaigns}

    def fmt_label(value: str) -> str:
        return str(catalog.get(f"content_format.{value}", value)) if value else catalog["report.no_format"]

    rates = channel_rates(measured)
    by_channel = [
        ChannelRow(c.id, names.get(c.id, c.id), totals(mine))
        for c in s.channels
        if (mine := [p for p in measured if p.channel == c.id])
    ]
    by_pillar = mix_rows(
        [p.id for p in s.pillars], lambda p: p.pillar,
        lambda k: pillars.get(k, k) if k else catalog["report.no_pillar"],
        {p.id: float(p.share) for p in s.pillars}, planned, published, rates,
    )  # fmt: skip
    format_keys = sorted(
        group_by(planned, lambda p: p.format),
        key=lambda k: (-sum(p.format == k for p in planned), k == "", k),
    )
    by_format = mix_rows(format_keys, lambda p: p.format, fmt_label, {}, planned, published, rates)
    by_campaign = []
    if any(p.campaign for p in measured):
        by_campaign = mix_rows(
            [c.id for c in s.campaigns], lambda p: p.campaign,
            lambda k: campaigns.get(k, k) if k else catalog["report.no_campaign"],
            {}, planned, published, rates,
        )  # fmt: skip
        by_campaign = [row for row in by_campaign if row.totals.posts]
    best, worst = best_and_worst(ranked_posts(measured, rates, names, pillars, fmt_label))
    trend = weeks(s, measured, as_of, lang)
    change = period_change(s, measured, as_of, names, catalog["report.all_channels_row"])
    followers = follower_lines(s, measured, as_of, names)
    spend = spend_lines(s, measured, as_of, names)
    cadence = cadences(s, dated, names)
    goals = [goal_status(s, g, as_of, lang) for g in s.goals]

    f = advice.Formats(lang, info.currency)
    findings = [
        *advice.goal_findings(goals, f),
        *advice.mix_findings("pillar", by_pillar, f),
        *advice.mix_findings("format", by_format, f),
        *advice.campaign_findings(by_campaign, f),
        *advice.share_findings(by_pillar, len(published), f),
        *advice.time_findings(time_groups(s, measured, names, lang), f),
        *advice.trend_findings(change, f),
        *advice.cadence_findings(cadence, as_of, f),
        *advice.spend_findings(spend, f),
    ]
    findings.sort(key=lambda x: (advice.CATEGORIES.index(x.category), -x.strength))
    week_charts = []
    if charts_on:
        week_charts = charts(
            trend, catalog["report.chart_er"], catalog["report.chart_er_axis"],
            catalog["report.chart_reach"], catalog["report.chart_reach_axis"],
        )  # fmt: skip
    return {
        "lang": lang,
        "currency": info.currency,
        "name": info.name,
        "client": info.client,
        "start": info.start,
        "end": info.end,
        "as_of": as_of,
        "planned": len(planned),
        "published": len(published),
        "overall": totals(measured),
        "bases": sorted({row.totals.basis for row in by_channel if row.totals.basis}),
        "goals": goals,
        "findings": findings,
        "recommendations": advice.recommendations(findings),
        "followers": followers,
        "by_channel": by_channel,
        "weeks": trend,
        "charts": week_charts,
        "change": change,
        "grids": grids(s, measured, names, lang, catalog["report.all_hours"]),
        "by_pillar": by_pillar,
        "by_format": by_format,
        "by_campaign": by_campaign,
        "best": best,
        "worst": worst,
        "spend": spend,
        "cadence": cadence,
        "rules": advice.method_values(f),
        "on_telegram": any(
            c.platform == "telegram" and any(p.channel == c.id for p in measured) for c in s.channels
        ),
    }
