"""What the strategy document and the content plan show beyond the file: growth needed, mix, progress, budget.

Everything a template prints that is not a field of the file is computed here, in Python, so it is
tested once and a user's own template gets it for free. The two entry points build the context of
each document: `strategy_context` and `content_plan_context`. Values stay raw (dates, numbers, enum
ids): the templates format them for the language with the filters of `planner.render`; only names
that depend on the language (platforms, checklist items, weekdays of a cadence, languages of an
audience) are picked here.

The pieces are `View`s (named values, cheap to define at every `render` start); only a week of the
calendar, filled row by row, is a dataclass.

Decisions where SPEC is silent:
- Weekly growth of a goal is spread evenly from the strategy start (baseline) to its deadline
  (default: the strategy end), so it never depends on the day the document is rendered.
- Our engagement rate on a platform is by reach: likes, comments and shares over the reach of our
  posts that have results (per follower, a young account's viral video gives hundreds of percent).
- Budget by month: channel ads budgets and the monthly budget count in proportion to the days of
  each month inside the period; a campaign's budget is spread over its days, so a campaign
  straddling two months is charged to each for its days there.
- Checklist items absent from the file count as to do; a checklist is shown once the file sets at
  least one of its items (or, for SMO, names a website; for tactics, has channels).
- The content plan shows the months that have posts; inside them, every ISO week with posts or a
  public holiday. A week crossing a month boundary appears in both months with that month's days.
"""

from __future__ import annotations

import calendar
import datetime as dt
import inspect
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from planner import catalog
from planner.model import RESULT_METRICS, STAGES, Channel, Goal, Strategy

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class View(SimpleNamespace):
    """What a template reads: named values, given in the order of the class's annotations or by name.

    Cheaper to define than NamedTuples or frozen dataclasses, which cost ~0.3 and ~1.5 ms a class at
    every `render` start (25 classes here); equal when their values are equal.
    """

    _fields: tuple[str, ...] = ()

    def __init_subclass__(cls) -> None:
        cls._fields = tuple(inspect.get_annotations(cls))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        values = dict(zip(self._fields, args, strict=False), **kwargs)
        if len(args) > len(self._fields) or values.keys() != set(self._fields):
            raise TypeError(f"{type(self).__name__} takes {', '.join(self._fields)}")
        super().__init__(**values)

    @classmethod
    def _make(cls, *values: Any) -> Any:
        """Every field, in order: the calendar's thousands of rows skip the checks by name."""
        view = cls.__new__(cls)
        view.__dict__.update(zip(cls._fields, values, strict=True))
        return view


# --- shared pieces ------------------------------------------------------------------------------


def platform_name(platform_id: str, lang: str) -> str:
    platform = catalog.platforms().get(platform_id)
    if platform is None:
        return platform_id
    return platform.name_ru if lang == "ru" else platform.name


def channel_names(s: Strategy, lang: str) -> dict[str, str]:
    """A short name per channel for tables: the platform's name, or the channel's own name when two
    channels share a platform (or the platform is not in the catalog)."""
    per_platform = Counter(c.platform for c in s.channels)
    names = {}
    for c in s.channels:
        if per_platform[c.platform] == 1 and c.platform in catalog.platforms():
            names[c.id] = platform_name(c.platform, lang)
        else:
            names[c.id] = c.name or c.id
    return names


def _full_channel_name(c: Channel) -> str:
    return c.name or c.id


def _weeks_between(start: dt.date | None, end: dt.date | None) -> float | None:
    if start is None or end is None or end <= start:
        return None
    return ((end - start).days + 1) / 7


def _share(part: float, whole: float) -> float:
    return part * 100 / whole if whole else 0.0


class TitleBlock(View):
    name: str
    client: str
    brand: str
    website: str
    start: dt.date | None
    end: dt.date | None
    weeks: int | None
    prepared: dt.date


def title_block(s: Strategy, prepared: dt.date) -> TitleBlock:
    info = s.strategy
    weeks = _weeks_between(info.start, info.end)
    return TitleBlock(
        info.name, info.client, info.brand, info.website, info.start, info.end,
        round(weeks) if weeks else None, prepared,
    )  # fmt: skip


# --- goals --------------------------------------------------------------------------------------


class GoalRow(View):
    id: str
    title: str
    metric: str
    is_rate: bool  # engagement rate: shown in percent, its growth in percentage points
    channel: str  # channel name, "" for all channels
    baseline: float
    current: float | None  # None: not measured since the baseline
    target: float
    deadline: dt.date | None
    weeks: float | None
    per_week: float | None  # growth needed each week, from the start to the deadline
    change_pct: float | None  # target against baseline, in percent
    progress_pct: float | None  # share of the way from baseline to target already covered
    why: str


def goal_rows(s: Strategy) -> list[GoalRow]:
    info = s.strategy
    rows = []
    for g in s.goals:
        deadline = g.deadline or info.end
        weeks = _weeks_between(info.start, deadline)
        rows.append(
            GoalRow(
                id=g.id,
                title=g.title,
                metric=g.metric,
                is_rate=g.metric == "engagement_rate",
                channel=_channel_label(s, g),
                baseline=g.baseline,
                current=g.current if g.current is not None and g.current != g.baseline else None,
                target=g.target,
                deadline=deadline,
                weeks=weeks,
                per_week=(g.target - g.baseline) / weeks if weeks else None,
                change_pct=_share(g.target - g.baseline, g.baseline) if g.baseline else None,
                progress_pct=_progress(g),
                why=g.why,
            )
        )
    return rows


def _channel_label(s: Strategy, g: Goal) -> str:
    channel = s.channel(g.channel) if g.channel else None
    return _full_channel_name(channel) if channel else ""


def _progress(g: Goal) -> float | None:
    if g.current is None or g.current == g.baseline or g.target == g.baseline:
        return None
    return _share(g.current - g.baseline, g.target - g.baseline)


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
                languages=[_language_name(code, lang) for code in a.languages],
                interests=list(a.interests),
                pains=list(a.pains),
                motivations=list(a.motivations),
                platforms=[platform_name(p, lang) for p in a.platforms],
                size=a.size,
                channels=[_full_channel_name(c) for c in s.channels if a.id in c.audience],
                uncovered=[platform_name(p, lang) for p in a.platforms if p not in our_platforms]
                if s.channels
                else [],
            )
        )
    return out


def _language_name(code: str, lang: str) -> str:
    from planner.render import cldr

    return cldr(lang)["languages"].get(code.replace("-", "_"), code)


# --- competitors --------------------------------------------------------------------------------


class PresenceRow(View):
    name: str
    ours: bool
    followers: int
    posts_per_week: float
    engagement_rate: float | None  # None: not known (our channel without results yet)
    content: str
    url: str


class PlatformPresence(View):
    platform: str  # platform name
    rows: list[PresenceRow]
    leader: str  # most followers among competitors
    most_engaging: str  # highest engagement rate among competitors
    best_rate: float
    average_posts: float  # competitors' average posts per week
    our_posts: float | None  # our planned posts per week there; None: no channel of ours


class CompetitorProfile(View):
    name: str
    website: str
    platforms: list[str]
    strengths: list[str]
    weaknesses: list[str]
    notes: str


def presence_tables(s: Strategy, lang: str) -> list[PlatformPresence]:
    by_platform: dict[str, list[PresenceRow]] = defaultdict(list)
    for comp in s.competitors:
        for p in comp.presence:
            by_platform[p.platform].append(
                PresenceRow(
                    comp.name, False, p.followers, p.posts_per_week, p.engagement_rate, p.content, p.url
                )
            )
    rates = _our_engagement_rates(s)
    # Platforms where we have channels first (in the order of our channels), then the others by the
    # competitors' combined audience there.
    ours_first = list(dict.fromkeys(c.platform for c in s.channels))
    tables = []
    for platform_id in sorted(
        by_platform,
        key=lambda p: (
            ours_first.index(p) if p in ours_first else len(ours_first),
            -sum(r.followers for r in by_platform[p]),
        ),
    ):
        theirs = sorted(by_platform[platform_id], key=lambda r: -r.followers)
        ours = [c for c in s.channels if c.platform == platform_id]
        rows = theirs + [
            PresenceRow(
                _full_channel_name(c),
                True,
                c.followers,
                c.posts_per_week,
                rates.get(c.id),
                _pillars_of(s, c),
                c.url,
            )
            for c in ours
        ]
        leader = theirs[0]
        engaging = max(theirs, key=lambda r: r.engagement_rate or 0)
        tables.append(
            PlatformPresence(
                platform=platform_name(platform_id, lang),
                rows=rows,
                leader=leader.name,
                most_engaging=engaging.name,
                best_rate=engaging.engagement_rate or 0,
                average_posts=sum(r.posts_per_week for r in theirs) / len(theirs),
                our_posts=sum(c.posts_per_week for c in ours) if ours else None,
            )
        )
    return tables


def _pillars_of(s: Strategy, c: Channel) -> str:
    """What our channel publishes, beside what competitors publish: its content pillars."""
    return ", ".join(p.name for p in s.pillars if not c.pillars or p.id in c.pillars)


def _our_engagement_rates(s: Strategy) -> dict[str, float]:
    """Engagements over reach of our posts with results, in percent (ER by reach).

    Per follower, one viral video on a young account gives rates of several hundred percent;
    by reach the figure stays comparable with what competitor research usually reports.
    """
    engagements: Counter[str] = Counter()
    reach: Counter[str] = Counter()
    for post in s.posts:
        if post.results is not None:
            engagements[post.channel] += post.results.engagements
            reach[post.channel] += post.results.reach
    return {c: engagements[c] * 100 / reach[c] for c in reach if reach[c]}


def competitor_profiles(s: Strategy, lang: str) -> list[CompetitorProfile]:
    return [
        CompetitorProfile(
            name=c.name,
            website=c.website,
            platforms=[platform_name(p.platform, lang) for p in c.presence],
            strengths=list(c.strengths),
            weaknesses=list(c.weaknesses),
            notes=c.notes,
        )
        for c in s.competitors
    ]


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


def channel_plans(s: Strategy, lang: str) -> list[ChannelPlan]:
    from planner.render import format_date

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
                name=_full_channel_name(c),
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
                followers=c.followers,
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


# --- pillars and the content mix ----------------------------------------------------------------


class PillarMix(View):
    name: str
    stage: str
    formats: list[str]
    topics: list[str]
    target_share: float
    posts: int
    actual_share: float  # share of the posts in the content plan
    difference: float  # actual − target, in percentage points


class StageMix(View):
    stage: str
    pillars: list[str]
    target_share: float
    posts: int
    actual_share: float


class ContentMix(View):
    pillars: list[PillarMix]
    stages: list[StageMix]
    total_posts: int
    unassigned_posts: int  # posts without a pillar


def content_mix(s: Strategy) -> ContentMix:
    counts = Counter(p.pillar for p in s.posts if p.status != "skipped")
    total = sum(counts.values())
    pillars = [
        PillarMix(
            name=p.name,
            stage=p.stage,
            formats=list(p.formats),
            topics=list(p.topics),
            target_share=p.share,
            posts=counts[p.id],
            actual_share=_share(counts[p.id], total),
            difference=_share(counts[p.id], total) - p.share if total else 0.0,
        )
        for p in s.pillars
    ]
    stages = []
    for stage in STAGES:
        members = [m for m in pillars if m.stage == stage]
        if members:
            posts = sum(m.posts for m in members)
            stages.append(
                StageMix(
                    stage,
                    [m.name for m in members],
                    sum(m.target_share for m in members),
                    posts,
                    _share(posts, total),
                )
            )
    known = {p.id for p in s.pillars}
    unassigned = sum(n for pillar_id, n in counts.items() if pillar_id not in known)
    return ContentMix(pillars, stages, total, unassigned)


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


def campaign_timeline(s: Strategy) -> list[CampaignRow]:
    posts = Counter(p.campaign for p in s.posts if p.campaign)
    rows = []
    for c in sorted(s.campaigns, key=lambda c: (c.start or dt.date.min, c.end or dt.date.min, c.name)):
        if c.start is None or c.end is None:
            continue
        goal = s.goal(c.goal) if c.goal else None
        channels = [s.channel(ch) for ch in c.channels]
        rows.append(
            CampaignRow(
                name=c.name,
                kind=c.kind,
                start=c.start,
                end=c.end,
                days=(c.end - c.start).days + 1,
                channels=[_full_channel_name(ch) for ch in channels if ch is not None],
                budget=c.budget,
                mechanics=c.mechanics,
                goal=goal.title if goal else "",
                posts=posts[c.id],
            )
        )
    return rows


# --- checklists ---------------------------------------------------------------------------------


class ChecklistRow(View):
    id: str
    title: str
    explanation: str
    status: str  # done | todo | n/a
    note: str


class Checklist(View):
    name: str  # smo | tactics
    items: list[ChecklistRow]
    done: int
    todo: int
    not_applicable: int
    progress_pct: float  # done among the applicable items

    @property
    def next_steps(self) -> list[ChecklistRow]:
        return [item for item in self.items if item.status == "todo"]


def checklist(s: Strategy, name: str, lang: str) -> Checklist:
    states = s.smo if name == "smo" else s.tactics
    rows = []
    for item in catalog.checklists()[name]:
        state = states.get(item.id)
        rows.append(
            ChecklistRow(
                id=item.id,
                title=item.title_ru if lang == "ru" else item.title,
                explanation=item.explanation_ru if lang == "ru" else item.explanation,
                status=state.status if state else "todo",
                note=state.note if state else "",
            )
        )
    counts = Counter(r.status for r in rows)
    applicable = counts["done"] + counts["todo"]
    return Checklist(
        name, rows, counts["done"], counts["todo"], counts["n/a"], _share(counts["done"], applicable)
    )


def checklists_shown(s: Strategy, lang: str) -> list[Checklist]:
    shown = []
    if s.smo or s.strategy.website:
        shown.append(checklist(s, "smo", lang))
    if s.tactics or s.channels:
        shown.append(checklist(s, "tactics", lang))
    return shown


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
            for year, month in _months(info.start, info.end):
                last = dt.date(year, month, calendar.monthrange(year, month)[1])
                dates.append(min(last, info.end))
    metrics = list(dict.fromkeys((g.metric, _channel_label(s, g)) for g in s.goals))
    tracking = s.smo["social-analytics"].status if "social-analytics" in s.smo else ""
    return Reporting(every, dates, metrics, RESULT_METRICS, tracking)


# --- budget -------------------------------------------------------------------------------------


class BudgetMonth(View):
    month: dt.date  # first day of the month
    days: int  # days of the month inside the period
    ads: float
    campaigns: float
    budget: float

    @property
    def total(self) -> float:
        return self.ads + self.campaigns

    @property
    def balance(self) -> float:
        """Budget left (positive) or overspent (negative)."""
        return self.budget - self.total


class BudgetLine(View):
    name: str
    kind: str  # "ads" (per month) or a campaign kind
    monthly: float | None  # ads: per month; campaigns: None
    period: float


class Budget(View):
    monthly_budget: float
    monthly_ads: float
    lines: list[BudgetLine]
    months: list[BudgetMonth]  # empty when the strategy has no period
    total_budget: float
    total_spend: float

    @property
    def balance(self) -> float:
        return self.total_budget - self.total_spend


def budget(s: Strategy) -> Budget | None:
    info = s.strategy
    monthly_ads = sum(c.ads_budget for c in s.channels)
    campaigns = [c for c in s.campaigns if c.budget and c.start and c.end]
    if not (info.budget or monthly_ads or campaigns):
        return None
    months = []
    if info.start and info.end:
        for year, month in _months(info.start, info.end):
            first = dt.date(year, month, 1)
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
            days = _overlap(first, last, info.start, info.end)
            fraction = days / calendar.monthrange(year, month)[1]
            spent = sum(
                c.budget * _overlap(first, last, c.start, c.end) / ((c.end - c.start).days + 1)  # type: ignore[operator]
                for c in campaigns
            )
            months.append(BudgetMonth(first, days, monthly_ads * fraction, spent, info.budget * fraction))
    ads_months = (
        sum(m.days / calendar.monthrange(m.month.year, m.month.month)[1] for m in months) if months else 1
    )
    lines = [
        BudgetLine(_full_channel_name(c), "ads", c.ads_budget, c.ads_budget * ads_months)
        for c in s.channels
        if c.ads_budget
    ]
    lines += [BudgetLine(c.name, c.kind, None, c.budget) for c in sorted(campaigns, key=lambda c: c.start)]  # type: ignore[arg-type, return-value]
    total_budget = sum(m.budget for m in months) if months else info.budget
    total_spend = sum(line.period for line in lines)
    return Budget(info.budget, monthly_ads, lines, months, total_budget, total_spend)


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _overlap(a_start: dt.date, a_end: dt.date, b_start: Any, b_end: Any) -> int:
    start, end = max(a_start, b_start), min(a_end, b_end)
    return max(0, (end - start).days + 1)


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
    return {
        "lang": lang,
        "currency": s.strategy.currency,
        "title": title_block(s, prepared),
        "summary": s.strategy.summary,
        "glance": glance(s),
        "goals": goal_rows(s),
        "audience": segments(s, lang),
        "presence": presence_tables(s, lang),
        "competitors": competitor_profiles(s, lang),
        "channels": channels,
        "mix": content_mix(s),
        "campaigns": campaign_timeline(s),
        "checklists": checklists_shown(s, lang),
        "community": community_rules(s, lang, channels),
        "reporting": reporting(s),
        "budget": budget(s),
    }


# --- the content plan ---------------------------------------------------------------------------


class PlanRow(View):
    date: dt.date
    time: str
    channel: str
    pillar: str
    format: str
    topic: str
    campaign: str
    status: str
    holiday: str  # for a holiday row: its name; then the other fields are empty
    line: str  # the row's cells as the built-in template prints them, between the outer pipes


def _row_lines(lang: str) -> tuple[Any, Any]:
    """The calendar's table rows as Markdown, for a post and for a holiday, in `lang`.

    A year's plan has thousands of rows; formatted in the template, each one cost ten sandboxed
    attribute reads and eight filter calls (~10 ms on 2,000 posts). The cells are the built-in
    template's, filter for filter; a user's template can still build its own from the fields.
    """
    from planner.render import cell, format_date, labels, md

    catalog = labels(lang)
    campaign_word = catalog["plan.campaign"]
    holiday_label = catalog["plan.holiday"]

    def label(value: str, kind: str) -> str:
        key = f"{kind}.{value}"
        return str(catalog[key]) if key in catalog else md(value)

    @lru_cache(maxsize=4096)  # a plan repeats its channel, pillar, format, topic and status
    def rest(time: str, channel: str, pillar: str, form: str, topic: str, campaign: str, status: str) -> str:
        topic_cell = cell(topic)
        if campaign and campaign not in topic:
            topic_cell += f" ({campaign_word}: {md(campaign)})"
        form_cell = label(form, "content_format") if form else "—"
        return f"{cell(time)} | {cell(channel)} | {cell(pillar)} | {form_cell} | {topic_cell} | {label(status, 'status')}"

    def post_line(
        day: dt.date, time: str, channel: str, pillar: str, form: str, topic: str, campaign: str, status: str
    ) -> str:
        days = f"{format_date(day, lang, 'day')} | {format_date(day, lang, 'weekday')}"
        return f"{days} | {rest(time, channel, pillar, form, topic, campaign, status)}"

    def holiday_line(day: dt.date, name: str) -> str:
        days = f"**{format_date(day, lang, 'day')}** | **{format_date(day, lang, 'weekday')}**"
        return f"{days} | | | | | ***{holiday_label.format(name=md(name))}*** |"

    return post_line, holiday_line


class Count(View):
    name: str
    posts: int
    share: float


@dataclass
class PlanWeek:
    """One ISO week of the calendar inside a month, its rows filled post by post."""

    number: int  # ISO week number
    start: dt.date  # first day of the week inside this month
    end: dt.date
    rows: list[PlanRow] = field(default_factory=list)
    posts: int = 0


@dataclass
class PlanMonth:
    """A month of the calendar: its weeks and its totals."""

    month: dt.date  # first day of the month
    weeks: list[PlanWeek]
    posts: int
    by_channel: list[Count]
    by_pillar: list[Count]


class PlanOverviewRow(View):
    month: dt.date
    per_channel: list[int]  # in the order of `channels`
    total: int


def content_plan_context(s: Strategy, lang: str, prepared: dt.date) -> dict[str, Any]:
    """Everything content-plan.md.j2 shows: the calendar by month and ISO week, holidays, totals."""
    from planner.public_holidays import holidays_between

    info = s.strategy
    channels = channel_names(s, lang)
    channel_order = {c.id: i for i, c in enumerate(s.channels)}
    pillars = {p.id: p.name for p in s.pillars}
    pillar_order = {p.id: i for i, p in enumerate(s.pillars)}
    campaigns = {c.id: c.name for c in s.campaigns}
    post_line, holiday_line = _row_lines(lang)

    def holiday_row(day: dt.date, name: str) -> PlanRow:
        return PlanRow(day, "", "", "", "", "", "", "", name, holiday_line(day, name))

    posts = sorted(
        (p for p in s.posts if p.date is not None),
        key=lambda p: (p.date, p.time or "99:99", channel_order.get(p.channel, len(channel_order)), p.id),
    )
    holidays: dict[dt.date, str] = {}
    if posts:
        first, last = posts[0].date, posts[-1].date
        start = min(first, info.start) if info.start else first  # type: ignore[type-var]
        end = max(last, info.end) if info.end else last  # type: ignore[type-var]
        holidays = holidays_between(info.country, start, end, lang)  # type: ignore[arg-type]

    by_month: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for p in posts:
        by_month[(p.date.year, p.date.month)].append(p)  # type: ignore[union-attr]

    months = []
    for (year, month), month_posts in by_month.items():
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        weeks: dict[int, PlanWeek] = {}

        def week_of(
            day: dt.date, weeks: dict[int, PlanWeek] = weeks, first: dt.date = first, last: dt.date = last
        ) -> PlanWeek:
            monday = day - dt.timedelta(days=day.weekday())
            key = monday.toordinal()
            if key not in weeks:
                weeks[key] = PlanWeek(
                    day.isocalendar()[1], max(monday, first), min(monday + dt.timedelta(days=6), last)
                )
            return weeks[key]

        month_holidays = sorted((d, n) for d, n in holidays.items() if first <= d <= last)
        pending = list(month_holidays)
        week_of_day: dict[dt.date, PlanWeek] = {}  # a plan has several posts a day
        for p in month_posts:
            while pending and pending[0][0] <= p.date:
                day, name = pending.pop(0)
                week_of(day).rows.append(holiday_row(day, name))
            week = week_of_day.get(p.date)  # type: ignore[arg-type]
            if week is None:
                week = week_of_day[p.date] = week_of(p.date)  # type: ignore[index,arg-type]
            values = (
                p.date,
                p.time,
                channels.get(p.channel, p.channel),
                pillars.get(p.pillar, p.pillar),
                p.format,
                p.topic,
                campaigns.get(p.campaign, p.campaign),
                p.status,
            )
            week.rows.append(PlanRow._make(*values, "", post_line(*values)))
            week.posts += 1
        for day, name in pending:
            week_of(day).rows.append(holiday_row(day, name))

        counted = [p for p in month_posts if p.status != "skipped"]
        total = len(counted)
        per_channel = Counter(p.channel for p in counted)
        per_pillar = Counter(p.pillar for p in counted)
        months.append(
            PlanMonth(
                month=first,
                weeks=[weeks[k] for k in sorted(weeks)],
                posts=len(month_posts),
                by_channel=[
                    Count(channels.get(c, c), n, _share(n, total))
                    for c, n in sorted(per_channel.items(), key=lambda kv: channel_order.get(kv[0], 99))
                ],
                by_pillar=[
                    Count(pillars.get(pid, pid), n, _share(n, total))
                    for pid, n in sorted(per_pillar.items(), key=lambda kv: pillar_order.get(kv[0], 99))
                ],
            )
        )

    used_channels = [c for c in s.channels if any(p.channel == c.id for p in posts)]
    overview = []
    for m in months:
        month_posts = by_month[(m.month.year, m.month.month)]
        counts = Counter(p.channel for p in month_posts if p.status != "skipped")
        overview.append(PlanOverviewRow(m.month, [counts[c.id] for c in used_channels], sum(counts.values())))
    statuses = Counter(p.status for p in posts)
    return {
        "lang": lang,
        "currency": info.currency,
        "title": title_block(s, prepared),
        "months": months,
        "overview_channels": [channels[c.id] for c in used_channels],
        "overview": overview,
        "statuses": [(status, statuses[status]) for status in _status_order() if statuses[status]],
        "total_posts": len(posts),
        "holidays": len(holidays),
        "country": _country_name(info.country, lang),
    }


def _status_order() -> tuple[str, ...]:
    from planner.model import POST_STATUSES

    return POST_STATUSES


def _country_name(code: str, lang: str) -> str:
    from planner.render import cldr

    return cldr(lang)["territories"].get(code.upper(), code) if code else ""
