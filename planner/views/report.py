"""The performance report's view: goals against their targets and pace, results by channel, pillar, format and time.

Everything the report states is computed here, in Python; templates/report.md.j2 lays it out
(`planner.report.render_report`) with the environment, filters and labels of the strategy
document. Decisions where SPEC is silent:

- The report is "as of" a date: by default the latest date of a post with results, never
  today, so the same file always gives the same report. Posts after that date are left out.
- Engagement rate (ER) = (likes + comments + shares) / reach, in percent, over the posts with
  results; a group's ER adds up its posts' engagements and reach (a post with a big reach
  weighs more than a small one).
- Goals on reach, likes, comments, shares and clicks are measured as the average per post
  with results (in the goal's channel, or all channels), so a goal such as "average post reach
  from 1,200 to 2,500" is read as written and the value does not grow just because time passes;
  engagement_rate goals use the ER above. Followers, leads, sales and mentions are the goal's
  `current` (measured by hand). A post-level goal with no results yet falls back to `current`;
  a goal with neither shows "—" rather than pretending nothing grew.
- Progress = (now − baseline) / (target − baseline). A goal is on pace when its progress is at
  least the share of time elapsed from the strategy's start to its deadline (the period's end
  when it has none); reached at 100 %; missed when the deadline has passed short of the target.
- Campaign posts get a table beside the posts outside campaigns (when any has results), the
  first measure of a campaign's effect.
- Time slots are whole hours (a post at 20:30 is in 20:00–21:00). Best and worst posts rank by
  ER, ties by reach, among posts with reach above zero; with fewer than ten such posts the
  weakest list holds only posts not already among the best.
- Findings: the best pillar and time slot by ER (among those with at least two posts, when any
  has two); channels behind their cadence (published posts below `posts_per_week` × the weeks
  elapsed, by at least one whole post); pillars whose share of the published posts is more than
  OFF_SHARE_POINTS percentage points away from their planned share.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from planner.l10n import format_date, format_number, format_percent, labels
from planner.markdown import md
from planner.metrics import goal_measure, goal_progress, per_post
from planner.model import Goal, Post, Strategy
from planner.views.common import View, channel_names

OFF_SHARE_POINTS = 10
TOP = 5


# --- totals of a group of posts ------------------------------------------------------------------


class Totals(View):
    """The results of some posts added up."""

    posts: int
    reach: int
    likes: int
    comments: int
    shares: int
    clicks: int

    @property
    def engagements(self) -> int:
        return self.likes + self.comments + self.shares

    @property
    def er(self) -> float | None:
        """Engagement rate in percent; None without reach."""
        return self.engagements * 100 / self.reach if self.reach else None

    @property
    def avg_reach(self) -> float | None:
        return self.reach / self.posts if self.posts else None

    def average(self, metric: str) -> float | None:
        return getattr(self, metric) / self.posts if self.posts else None


def totals(posts: Iterable[Post]) -> Totals:
    counts: defaultdict[str, int] = defaultdict(int)
    n = 0
    for p in posts:
        if p.results is None:
            continue
        n += 1
        for metric in ("reach", "likes", "comments", "shares", "clicks"):
            counts[metric] += getattr(p.results, metric)
    return Totals(n, counts["reach"], counts["likes"], counts["comments"], counts["shares"], counts["clicks"])


class Group(View):
    """One row of a results table: a channel, pillar, format, weekday or time slot."""

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
    pace: str  # reached | on_pace | behind | missed | unknown


def goal_status(s: Strategy, goal: Goal, as_of: dt.date | None, lang: str) -> GoalStatus:
    deadline = goal.deadline or s.strategy.end
    measure = goal_measure(s, goal, as_of=as_of)
    now = measure.value
    progress = goal_progress(goal, measure)
    elapsed = _elapsed_pct(s.strategy.start, deadline, as_of)
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
        pace=_pace(goal, now, progress, elapsed, deadline, as_of),
    )


def _elapsed_pct(start: dt.date | None, deadline: dt.date | None, as_of: dt.date | None) -> float | None:
    if start is None or deadline is None or as_of is None or deadline < start:
        return None
    days = (deadline - start).days + 1
    done = min(max((as_of - start).days + 1, 0), days)
    return done * 100 / days


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


# --- posts and findings ----------------------------------------------------------------------------


class PostLine(View):
    id: str
    date: dt.date | None
    time: str
    channel: str
    pillar: str
    format: str
    topic: str
    reach: int
    er: float


class Finding(View):
    """A sentence of the findings: `kind` picks the label, `values` fill it (already formatted)."""

    kind: str
    values: dict[str, str]
    count: int | None  # picks the plural form of the label; None for a label without plural forms


class Cadence(View):
    channel: str
    posts_per_week: int
    published: int
    expected: float


# --- the report ------------------------------------------------------------------------------------


def is_published(post: Post) -> bool:
    """Out on the platform: marked published, or with results (someone saw it)."""
    return post.status == "published" or post.results is not None


def latest_results_date(s: Strategy) -> dt.date | None:
    """The default "as of" date: the latest day with a post that has results."""
    dates = [p.date for p in s.posts if p.results is not None and p.date is not None]
    return max(dates) if dates else None


def report_context(s: Strategy, lang: str, as_of: dt.date | None = None) -> dict[str, Any]:
    """Everything report.md.j2 shows, computed from the strategy as of `as_of`."""
    as_of = as_of or latest_results_date(s)
    catalog = labels(lang)
    info = s.strategy
    dated = [p for p in s.posts if p.date is not None and (as_of is None or p.date <= as_of)]
    measured = [p for p in dated if p.results is not None]
    channels = channel_names(s, lang)
    pillars = {p.id: p.name for p in s.pillars}
    no_pillar = catalog["report.no_pillar"]

    def fmt_label(value: str) -> str:
        return str(catalog.get(f"content_format.{value}", value)) if value else catalog["report.no_format"]

    by_channel = _groups(
        measured, lambda p: p.channel, lambda k: channels.get(k, k), [c.id for c in s.channels]
    )
    by_pillar = _groups(
        measured,
        lambda p: p.pillar,
        lambda k: pillars.get(k, k) if k else no_pillar,
        [p.id for p in s.pillars],
    )
    by_format = sorted(_groups(measured, lambda p: p.format, fmt_label), key=lambda g: -g.totals.posts)
    by_weekday = _groups(
        measured,
        lambda p: str(p.date.isoweekday()) if p.date else "",
        lambda k: _weekday_name(int(k), lang),
        list("1234567"),
    )
    by_slot = _groups(measured, _slot, lambda k: _slot_label(k, catalog["report.no_time"]))
    campaigns = {c.id: c.name for c in s.campaigns}
    # Campaign posts beside the rest, to judge a campaign's effect; only when a measured post has one.
    by_campaign = []
    if any(p.campaign for p in measured):
        by_campaign = _groups(
            measured,
            lambda p: p.campaign,
            lambda k: campaigns.get(k, k) if k else catalog["report.no_campaign"],
            [c.id for c in s.campaigns],
        )
    ranked = _ranked(measured, channels, pillars, fmt_label)
    best = ranked[:TOP]
    rest = ranked[len(best) :]
    worst = list(reversed(rest[-TOP:])) if rest else []

    cadences = _cadences(s, dated, as_of, channels)
    published = [p for p in dated if is_published(p)]
    planned = [p for p in dated if p.status != "skipped"]
    goals = [goal_status(s, g, as_of, lang) for g in s.goals]
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
        "goals": goals,
        "findings": _findings(s, lang, by_pillar, by_slot, cadences, published),
        "by_channel": by_channel,
        "by_pillar": by_pillar,
        "by_format": by_format,
        "by_weekday": by_weekday,
        "by_slot": by_slot,
        "by_campaign": by_campaign,
        "best": best,
        "worst": worst,
        "cadence": cadences,
        "off_share_points": OFF_SHARE_POINTS,
    }


def _groups(
    posts: list[Post],
    key: Callable[[Post], str],
    label: Callable[[str], str],
    order: list[str] | None = None,
) -> list[Group]:
    """Posts grouped by `key`, in `order` when given (unknown keys after it), else by key."""
    grouped: dict[str, list[Post]] = defaultdict(list)
    for p in posts:
        grouped[key(p)].append(p)
    rank = {k: i for i, k in enumerate(order or [])}
    keys = sorted(grouped, key=lambda k: (rank.get(k, len(rank)), k == "", k))
    return [Group(k, label(k), totals(grouped[k])) for k in keys]


def _slot(post: Post) -> str:
    return f"{post.time[:2]}:00" if post.time else ""


def _slot_label(key: str, no_time: str) -> str:
    if not key:
        return no_time
    hour = int(key[:2])
    return f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"


def _weekday_name(isoweekday: int, lang: str) -> str:
    monday = dt.date(2024, 1, 1)  # any Monday: only the weekday's name is wanted
    name = format_date(monday + dt.timedelta(days=isoweekday - 1), lang, "weekday_name")
    return name[:1].upper() + name[1:]


def _ranked(
    posts: list[Post], channels: dict[str, str], pillars: dict[str, str], fmt_label: Callable[[str], str]
) -> list[PostLine]:
    lines = []
    for p in posts:
        assert p.results is not None
        t = totals([p])
        if t.er is None:
            continue
        lines.append(
            PostLine(
                p.id,
                p.date,
                p.time,
                channels.get(p.channel, p.channel),
                pillars.get(p.pillar, p.pillar),
                fmt_label(p.format),
                p.topic or p.text.split("\n", 1)[0],
                t.reach,
                t.er,
            )
        )
    # Highest ER first; ties by reach (more is better), then date and id so the order is stable.
    lines.sort(key=lambda line: (-line.er, -line.reach, line.date or dt.date.min, line.id))
    return lines


def _cadences(
    s: Strategy, dated: list[Post], as_of: dt.date | None, channels: dict[str, str]
) -> list[Cadence]:
    start = s.strategy.start
    if start is None or as_of is None or as_of < start:
        return []
    weeks = ((as_of - start).days + 1) / 7
    result = []
    for c in s.channels:
        if not c.posts_per_week:
            continue
        published = sum(
            1
            for p in dated
            if p.channel == c.id and p.date is not None and p.date >= start and is_published(p)
        )
        expected = c.posts_per_week * weeks
        result.append(Cadence(channels.get(c.id, c.id), c.posts_per_week, published, expected))
    return result


def _findings(
    s: Strategy,
    lang: str,
    by_pillar: list[Group],
    by_slot: list[Group],
    cadences: list[Cadence],
    published: list[Post],
) -> list[Finding]:
    def pct(value: float) -> str:
        return format_percent(value, lang)

    findings = []
    overall = totals(published)
    for kind, groups in (("best_pillar", by_pillar), ("best_slot", by_slot)):
        best = _best(groups)
        if best is not None and best.totals.er is not None:
            values = {"name": md(best.label), "er": pct(best.totals.er), "overall": pct(overall.er or 0)}
            findings.append(Finding(kind, values, best.totals.posts))
    for c in cadences:
        if c.published + 1 <= c.expected:
            findings.append(
                Finding(
                    "behind_cadence",
                    {
                        "channel": md(c.channel),
                        "expected": format_number(round(c.expected), lang),
                        "per_week": format_number(c.posts_per_week, lang),
                    },
                    c.published,
                )
            )
    with_pillar = [p for p in published if s.pillar(p.pillar) is not None]
    for pillar in s.pillars:
        if not with_pillar:
            break
        share = sum(1 for p in with_pillar if p.pillar == pillar.id) * 100 / len(with_pillar)
        if abs(share - pillar.share) > OFF_SHARE_POINTS:
            findings.append(
                Finding(
                    "over_share" if share > pillar.share else "under_share",
                    {
                        "name": md(pillar.name),
                        "actual": pct(share),
                        "planned": pct(pillar.share),
                        "points": format_number(abs(share - pillar.share), lang),
                    },
                    None,
                )
            )
    return findings


def _best(groups: list[Group]) -> Group | None:
    """The group with the highest ER among those with two posts or more (any, when none has two)."""
    rated = [g for g in groups if g.key and g.totals.er is not None]
    solid = [g for g in rated if g.totals.posts >= 2] or rated
    if not solid:
        return None
    return max(solid, key=lambda g: (g.totals.er or 0, g.totals.reach))
