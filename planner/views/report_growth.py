"""Follower growth, spend against results, and publishing against the plan, as of the report's date.

Decisions where SPEC is silent:
- Followers: a channel starts at its followers goal's baseline (the channel's `followers`
  without a goal) and stands at `planner.metrics.followers_now`, the figure strategy.md and the
  goals show; the growth so far is spread over the weeks from the period's start to the report's
  date, and the growth a goal still needs over the weeks from then to its deadline. `follows`
  counted on the posts (Instagram's and VK's files have them) are shown beside it: the part of
  the growth the platform credits to posts.
- Spend is the budget the file plans, spent evenly: a channel's `ads_budget` per month for the
  days of each month up to the report's date, a campaign's `budget` for its days so far. The
  file holds no invoices, so the report says "planned spend to date". Results are those of the
  channel's posts (organic and paid together: the exports do not split them) and of the
  campaign's posts. A campaign whose goal is followers, leads or sales is also divided by that
  goal's growth since its baseline: every new follower is credited to the campaign, so the
  cost per result is the lowest it can be, and the report says so.
- Publishing: the posts planned up to the report's date (not skipped) against those published;
  a past post that is neither published nor has results is "not recorded": either it did not go
  out or its statistics were not imported, which only the person knows.
"""

from __future__ import annotations

import datetime as dt

from planner.metrics import followers_now, goal_measure
from planner.model import Goal, Post, Strategy
from planner.views.common import View, days_in_month, months, overlap
from planner.views.report_totals import MIN_GROUP_POSTS, Totals, change_pct, is_published, totals

GOAL_RESULTS = ("followers", "leads", "sales")


# --- followers -------------------------------------------------------------------------------------


class FollowerLine(View):
    channel: str
    start: float
    now: float | None  # None: not measured since the start
    change: float | None
    change_pct: float | None
    per_week: float | None  # growth a week so far
    target: float | None  # a followers goal's target on the channel
    deadline: dt.date | None
    needed_per_week: float | None  # growth a week the goal still needs
    follows: int | None  # follows the platforms credit to the posts
    follows_posts: int


def follower_lines(
    s: Strategy, posts: list[Post], as_of: dt.date | None, names: dict[str, str]
) -> list[FollowerLine]:
    lines = []
    for c in s.channels:
        goal = _followers_goal(s, c.id)
        base = goal.baseline if goal else c.followers
        now_value, source = followers_now(s, c)
        measured_now = (
            float(now_value)
            if source == "goal" and (goal is None or goal_measure(s, goal).value is not None)
            else None
        )
        credited = [
            p.results.follows
            for p in posts
            if p.channel == c.id and p.results is not None and p.results.follows
        ]
        if not base and measured_now is None and not credited:
            continue
        deadline = (goal.deadline or s.strategy.end) if goal else None
        so_far, needed = weekly_pace(
            base, measured_now, goal.target if goal else None, s.strategy.start, as_of, deadline
        )
        lines.append(
            FollowerLine(
                names.get(c.id, c.id), base, measured_now,
                measured_now - base if measured_now is not None else None, change_pct(measured_now, base),
                so_far, goal.target if goal else None, deadline, needed,
                sum(credited) or None, len(credited),
            )
        )  # fmt: skip
    return lines


def weekly_pace(
    baseline: float,
    now: float | None,
    target: float | None,
    start: dt.date | None,
    as_of: dt.date | None,
    deadline: dt.date | None,
) -> tuple[float | None, float | None]:
    """The growth a week so far (start to as_of), and the growth a week still needed (to the deadline).

    The second is None when the target is reached, or there is no time or target left to count.
    """
    if now is None:
        return None, None
    elapsed = _weeks(start, as_of)
    so_far = (now - baseline) / elapsed if elapsed else None
    remaining = _weeks(as_of + dt.timedelta(days=1), deadline) if as_of and deadline else None
    needed = (target - now) / remaining if target is not None and remaining else None
    return so_far, needed if needed is not None and needed > 0 else None


def _followers_goal(s: Strategy, channel: str) -> Goal | None:
    return next((g for g in s.goals if g.metric == "followers" and g.channel == channel), None)


def _weeks(first: dt.date | None, last: dt.date | None) -> float | None:
    if first is None or last is None or last < first:
        return None
    return ((last - first).days + 1) / 7


# --- spend against results -------------------------------------------------------------------------


class SpendLine(View):
    name: str
    kind: str  # "ads" for a channel's ads budget, else the campaign's kind; "total" for the sum
    spend: float  # planned spend up to the report's date
    totals: Totals
    per_click: float | None
    per_thousand: float | None  # cost per 1,000 people reached
    result_metric: str  # a campaign's goal metric (followers, leads, sales), else ""
    result_goal: str  # that goal's title
    gained: float | None  # its growth since the baseline
    per_result: float | None


def spend_lines(
    s: Strategy, measured: list[Post], as_of: dt.date | None, names: dict[str, str]
) -> list[SpendLine]:
    start = s.strategy.start
    if start is None or as_of is None or as_of < start:
        return []
    lines = []
    for c in s.channels:
        if c.ads_budget:
            spent = c.ads_budget * _months_elapsed(start, min(as_of, s.strategy.end or as_of))
            lines.append(
                _line(names.get(c.id, c.id), "ads", spent, [p for p in measured if p.channel == c.id])
            )
    for campaign in sorted(s.campaigns, key=lambda c: c.start or dt.date.min):
        if not (campaign.budget and campaign.start and campaign.end) or campaign.start > as_of:
            continue
        days = (campaign.end - campaign.start).days + 1
        spent = campaign.budget * overlap(campaign.start, campaign.end, campaign.start, as_of) / days
        line = _line(campaign.name, campaign.kind, spent, [p for p in measured if p.campaign == campaign.id])
        goal = s.goal(campaign.goal) if campaign.goal else None
        if goal is not None and goal.metric in GOAL_RESULTS:
            value = goal_measure(s, goal, as_of=as_of).value
            gained = value - goal.baseline if value is not None else None
            if gained is not None and gained > 0:
                line.result_metric, line.result_goal, line.gained = goal.metric, goal.title, gained
                line.per_result = spent / gained
        lines.append(line)
    if len(lines) > 1:
        lines.append(_line("", "total", sum(line.spend for line in lines), measured))
    return lines


def _line(name: str, kind: str, spent: float, posts: list[Post]) -> SpendLine:
    t = totals(posts)
    # A cost per click from one or two posts says nothing: from MIN_GROUP_POSTS posts with results.
    enough = t.posts >= MIN_GROUP_POSTS
    return SpendLine(
        name, kind, spent, t, spent / t.clicks if enough and t.clicks and t.clicks_counted else None,
        spent * 1000 / t.reach if enough and t.reach else None, "", "", None, None,
    )  # fmt: skip


def _months_elapsed(start: dt.date, last: dt.date) -> float:
    """Months from `start` to `last`, each counted for its days in that span (Dec 1–31: 1.0)."""
    total = 0.0
    for year, month in months(start, last):
        first_day, last_day = dt.date(year, month, 1), dt.date(year, month, days_in_month(year, month))
        total += overlap(first_day, last_day, start, last) / days_in_month(year, month)
    return total


# --- publishing against the plan ---------------------------------------------------------------------


class Cadence(View):
    channel: str
    posts_per_week: int
    planned: int  # posts planned up to the report's date, skipped ones left out
    published: int
    unrecorded: int  # past posts neither published nor with results


def cadences(s: Strategy, dated: list[Post], names: dict[str, str]) -> list[Cadence]:
    start = s.strategy.start
    out = []
    for c in s.channels:
        mine = [
            p
            for p in dated
            if p.channel == c.id
            and p.status != "skipped"
            and (start is None or p.date is None or p.date >= start)
        ]
        if not mine and not c.posts_per_week:
            continue
        published = sum(1 for p in mine if is_published(p))
        out.append(
            Cadence(names.get(c.id, c.id), c.posts_per_week, len(mine), published, len(mine) - published)
        )
    return out
