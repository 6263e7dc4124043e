"""The strategy document's view: goals, audience, channels, content mix, campaigns, checklists, community, reporting.

`strategy_context` builds everything strategy.md.j2 shows; the competitor analysis, the checklists
and the budget have modules of their own (`planner.views.competitors`, `planner.views.checklists`,
`planner.views.budget`). Only names that
depend on the language (platforms, checklist items, weekdays of a cadence, languages of an
audience) are picked here; numbers and dates stay raw for the templates' filters.

Decisions where SPEC is silent:
- Weekly growth of a goal is spread evenly from the strategy start (baseline) to its deadline
  (default: the strategy end), so it never depends on the day the document is rendered; a rate's
  growth is in percentage points, so it has no percent change.
- Totals are shown where they add something: the channels' with more than one channel, the
  audience's with more than one segment of known size, the funnel stages' with more than one stage.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from planner import catalog
from planner.l10n import format_date, language_name
from planner.metrics import (
    MIN_POSTS,
    elapsed_pct,
    followers_now,
    goal_measure,
    goal_pace,
    goal_progress,
    per_post,
    results_as_of,
)
from planner.model import MEASURED_METRICS, RESULT_METRICS, Goal, Strategy
from planner.views.budget import budget
from planner.views.charts import campaign_gantt, goals_chart, mix_chart
from planner.views.checklists import checklists_shown
from planner.views.common import (
    WEEKDAY_KEYS,
    View,
    days_in_month,
    full_channel_name,
    months,
    platform_name,
    share,
    title_block,
    weeks_between,
)
from planner.views.competitors import competitor_profiles, presence_tables
from planner.views.deck import UNALLOCATED_PCT, assumptions, decisions, risks, roadmap, voice
from planner.views.mix import content_mix

# --- goals --------------------------------------------------------------------------------------


class GoalRow(View):
    id: str
    title: str
    metric: str
    is_rate: bool  # engagement rate: shown in percent, its growth in percentage points
    per_post: bool  # measured as an average per post with results (reach, likes …: metrics.per_post)
    channel: str  # channel name, "" for all channels
    baseline: float
    current: float | None  # None: not measured since the baseline
    target: float
    deadline: dt.date | None
    weeks: float | None
    per_week: float | None  # growth needed each week, from the start to the deadline
    change_pct: float | None  # target against baseline, in percent; None for a rate (its change is in points)
    progress_pct: float | None  # share of the way from baseline to target already covered
    from_posts: int  # the posts with results `current` stands on (0: measured by hand, or not at all)
    basis: str  # an engagement rate's basis: reach | impressions ("" otherwise)
    elapsed_pct: float | None  # share of the time to the deadline gone by the file's latest results
    pace: str  # reached | on_pace | behind | missed | too_few | unknown (metrics.goal_pace)
    why: str


def goal_rows(s: Strategy) -> list[GoalRow]:
    info = s.strategy
    as_of = results_as_of(s)
    rows = []
    for g in s.goals:
        deadline = g.deadline or info.end
        weeks = weeks_between(info.start, deadline)
        is_rate = g.metric == "engagement_rate"
        measure = goal_measure(s, g)
        pace = goal_pace(s, g, measure, as_of)
        rows.append(
            GoalRow(
                id=g.id,
                title=g.title,
                metric=g.metric,
                is_rate=is_rate,
                per_post=per_post(g.metric),
                channel=_channel_label(s, g),
                baseline=g.baseline,
                current=measure.value,
                target=g.target,
                deadline=deadline,
                weeks=weeks,
                per_week=(g.target - g.baseline) / weeks if weeks else None,
                change_pct=share(g.target - g.baseline, g.baseline) if g.baseline and not is_rate else None,
                progress_pct=goal_progress(g, measure),
                from_posts=measure.posts,
                basis=measure.basis,
                elapsed_pct=elapsed_pct(info.start, deadline, as_of) if pace != "unknown" else None,
                pace=pace,
                why=g.why,
            )
        )
    return rows


def _channel_label(s: Strategy, g: Goal) -> str:
    channel = s.channel(g.channel) if g.channel else None
    return full_channel_name(channel) if channel else ""


# --- audience -----------------------------------------------------------------------------------


class Segment(View):
    name: str
    description: str
    age: str
    locations: list[str]
    languages: list[str]  # language names in the document's language
    interests: list[str]
    pains: list[str]
    motivations: list[str]
    platforms: list[str]  # platform names
    size: int
    channels: list[str]  # our channels that address this segment
    uncovered: list[str]  # platforms where the segment is and we have no channel


def audience_total(s: Strategy) -> int:
    """The reachable people of every segment added up; 0 with one segment or no sizes known."""
    return sum(a.size for a in s.audience) if len(s.audience) > 1 else 0


def segments(s: Strategy, lang: str) -> list[Segment]:
    our_platforms = {c.platform for c in s.channels}
    out = []
    for a in s.audience:
        out.append(
            Segment(
                name=a.name,
                description=a.description,
                age=a.age,
                locations=list(a.locations),
                languages=[language_name(code, lang) for code in a.languages],
                interests=list(a.interests),
                pains=list(a.pains),
                motivations=list(a.motivations),
                platforms=[platform_name(p, lang) for p in a.platforms],
                size=a.size,
                channels=[full_channel_name(c) for c in s.channels if a.id in c.audience],
                uncovered=[platform_name(p, lang) for p in a.platforms if p not in our_platforms]
                if s.channels
                else [],
            )
        )
    return out


# --- channels -----------------------------------------------------------------------------------


class ChannelPlan(View):
    id: str
    name: str
    platform: str  # platform name
    url: str
    format: str  # community format id ("" when the platform is not in the catalog)
    format_is_default: bool
    messages: bool | None  # what the format offers, from the catalog; None: unknown
    members_visible: bool | None
    widgets: bool | None
    moderation: str
    format_note: str
    role: str
    audiences: list[str]
    followers: int
    posts_per_week: int
    recommended_posts: int | None  # the catalog's starting cadence for the platform
    days: list[str]  # weekday names
    times: list[str]
    pillars: list[str]  # pillar names; empty: every pillar
    ads_budget: float
    planned_posts: int  # posts of this channel in the content plan
    goals: list[str]  # goal titles on this channel


class ChannelTotals(View):
    followers: int
    posts_per_week: int
    ads_budget: float


def channel_totals(plans: list[ChannelPlan]) -> ChannelTotals | None:
    """The channels added up; None for a single channel, whose row says it all."""
    if len(plans) < 2:
        return None
    return ChannelTotals(
        sum(p.followers for p in plans),
        sum(p.posts_per_week for p in plans),
        sum(p.ads_budget for p in plans),
    )


def channel_plans(s: Strategy, lang: str) -> list[ChannelPlan]:
    audience_names = {a.id: a.name for a in s.audience}
    pillar_names = {p.id: p.name for p in s.pillars}
    posts = Counter(p.channel for p in s.posts)
    # Any Monday: the weekday names come from Babel like every other date.
    monday = dt.date(2024, 1, 1)
    day_names = {
        key: format_date(monday + dt.timedelta(i), lang, "weekday") for i, key in enumerate(WEEKDAY_KEYS)
    }
    plans = []
    for c in s.channels:
        platform = catalog.platforms().get(c.platform)
        fmt = c.format or (platform.default_format if platform else "")
        community = platform.community.get(fmt) if platform else None
        ru = lang == "ru"
        plans.append(
            ChannelPlan(
                id=c.id,
                name=full_channel_name(c),
                platform=platform_name(c.platform, lang),
                url=c.url,
                format=fmt,
                format_is_default=not c.format,
                messages=community.messages if community else None,
                members_visible=community.members_visible if community else None,
                widgets=community.widgets if community else None,
                moderation=(community.moderation_ru if ru else community.moderation) if community else "",
                format_note=(community.note_ru if ru else community.note) if community else "",
                role=c.role,
                audiences=[audience_names.get(a, a) for a in c.audience],
                followers=followers_now(s, c)[0],
                posts_per_week=c.posts_per_week,
                recommended_posts=platform.posts_per_week if platform else None,
                days=[day_names[d] for d in sorted(c.days, key=WEEKDAY_KEYS.index) if d in day_names],
                times=sorted(c.times),
                pillars=[pillar_names.get(p, p) for p in c.pillars],
                ads_budget=c.ads_budget,
                planned_posts=posts[c.id],
                goals=[g.title for g in s.goals if g.channel == c.id],
            )
        )
    return plans


# --- campaigns ----------------------------------------------------------------------------------


class CampaignRow(View):
    name: str
    kind: str
    start: dt.date
    end: dt.date
    days: int
    channels: list[str]
    budget: float
    mechanics: str
    goal: str  # goal title
    posts: int  # posts tagged with the campaign
    goal_metric: str  # the goal's metric when it counts results (followers, leads, sales, mentions)
    results_needed: float | None  # what that goal still needs (target − now)
    cost_ceiling: float | None  # budget ÷ results needed: the most one result may cost, campaign alone


def campaign_timeline(s: Strategy) -> list[CampaignRow]:
    posts = Counter(p.campaign for p in s.posts if p.campaign)
    rows = []
    for c in sorted(s.campaigns, key=lambda c: (c.start or dt.date.min, c.end or dt.date.min, c.name)):
        if c.start is None or c.end is None:
            continue
        goal = s.goal(c.goal) if c.goal else None
        channels = [s.channel(ch) for ch in c.channels]
        needed = None
        if goal is not None and goal.metric in MEASURED_METRICS and c.budget:
            now = goal_measure(s, goal).value
            gap = goal.target - (goal.baseline if now is None else now)
            needed = gap if gap > 0 else None
        rows.append(
            CampaignRow(
                name=c.name,
                kind=c.kind,
                start=c.start,
                end=c.end,
                days=(c.end - c.start).days + 1,
                channels=[full_channel_name(ch) for ch in channels if ch is not None],
                budget=c.budget,
                mechanics=c.mechanics,
                goal=goal.title if goal else "",
                posts=posts[c.id],
                goal_metric=goal.metric if goal and needed else "",
                results_needed=needed,
                cost_ceiling=_cost(c.budget / needed) if needed else None,
            )
        )
    return rows


def _cost(amount: float) -> float:
    """A cost per result as a reader wants it: whole money from 10 up, pennies below."""
    return round(amount) if amount >= 10 else round(amount, 2)


# --- community management and reporting ---------------------------------------------------------


class ChannelModeration(View):
    channel: str
    format: str
    tools: str


class CommunityRules(View):
    response_time_hours: float
    moderation: str
    negative_feedback: str
    tools: list[ChannelModeration]  # what each channel's format offers for moderation


def community_rules(s: Strategy, lang: str, plans: list[ChannelPlan] | None = None) -> CommunityRules | None:
    """The file's rules, with what each channel's community format offers for moderation."""
    plans = channel_plans(s, lang) if plans is None else plans
    tools = [ChannelModeration(p.name, p.format, p.moderation) for p in plans if p.moderation]
    c = s.community
    if not (c.moderation or c.negative_feedback or s.channels):
        return None
    return CommunityRules(c.response_time_hours, c.moderation, c.negative_feedback, tools)


class Reporting(View):
    every: str  # week | month
    dates: list[dt.date]  # when each report is due over the period
    goal_metrics: list[tuple[str, str]]  # (metric, channel name or "") the reports follow
    post_metrics: tuple[str, ...]
    tracking: str  # status of the SMO item on social traffic statistics ("" if unknown)


def reporting(s: Strategy) -> Reporting:
    info = s.strategy
    every = s.community.report_every
    dates: list[dt.date] = []
    if info.start and info.end:
        if every == "week":
            # Each week is reported on the Monday after it: the first full week's report comes on the
            # Monday after the start's week, the last one on the Monday after the end.
            day = info.start + dt.timedelta(days=7 - info.start.weekday())
            while day <= info.end + dt.timedelta(days=7):
                dates.append(day)
                day += dt.timedelta(days=7)
        else:
            for year, month in months(info.start, info.end):
                last = dt.date(year, month, days_in_month(year, month))
                dates.append(min(last, info.end))
    metrics = list(dict.fromkeys((g.metric, _channel_label(s, g)) for g in s.goals))
    tracking = s.smo["social-analytics"].status if "social-analytics" in s.smo else ""
    return Reporting(every, dates, metrics, RESULT_METRICS, tracking)


# --- at a glance --------------------------------------------------------------------------------


class Glance(View):
    channels: int
    posts_per_week: int
    pillars: int
    goals: int
    campaigns: int
    audience_size: int
    planned_posts: int


def glance(s: Strategy) -> Glance:
    return Glance(
        channels=len(s.channels),
        posts_per_week=sum(c.posts_per_week for c in s.channels),
        pillars=len(s.pillars),
        goals=len(s.goals),
        campaigns=len(s.campaigns),
        audience_size=sum(a.size for a in s.audience),
        planned_posts=sum(1 for p in s.posts if p.status != "skipped"),
    )


def strategy_context(s: Strategy, lang: str, prepared: dt.date) -> dict[str, Any]:
    """Everything strategy.md.j2 shows; lists are empty (and their sections left out) without data."""
    channels = channel_plans(s, lang)
    goals = goal_rows(s)
    audience = segments(s, lang)
    total_audience = audience_total(s)
    presence = presence_tables(s, lang)
    mix = content_mix(s)
    campaigns = campaign_timeline(s)
    checklists = checklists_shown(s, lang)
    spend = budget(s)
    report_dates = reporting(s)
    return {
        "lang": lang,
        "currency": s.strategy.currency,
        "title": title_block(s, prepared),
        "summary": s.strategy.summary,
        "decisions": decisions(s, channels, mix, campaigns, checklists, spend, goals),
        "glance": glance(s),
        "goals": goals,
        "goals_as_of": results_as_of(s),
        "min_posts": MIN_POSTS,
        "unallocated_pct": UNALLOCATED_PCT,
        "audience": audience,
        "audience_total": total_audience,
        "presence": presence,
        "competitors": competitor_profiles(s, lang),
        "channels": channels,
        "channel_totals": channel_totals(channels),
        "voice": voice(s),
        "mix": mix,
        "campaigns": campaigns,
        "roadmap": roadmap(s, campaigns, checklists, goals, report_dates),
        "checklists": checklists,
        "community": community_rules(s, lang, channels),
        "reporting": report_dates,
        "budget": spend,
        "risks": risks(s, goals, mix, audience, checklists, spend, lang),
        "assumptions": assumptions(s, presence, goals, total_audience),
        "charts": {
            "campaigns": campaign_gantt(campaigns, lang),
            "mix": mix_chart(mix.pillars, lang),
            "goals": goals_chart(goals, lang),
        },
    }
