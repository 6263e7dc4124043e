"""The figures every document shares: engagement rate (a post, a group), where a goal stands, our followers.

ER = (likes + comments + shares) / basis × 100, where the basis is reach (the people who saw
the post) when the platform reports it, else impressions (times it was shown: LinkedIn and X
report no reach per post). A rate by impressions is lower than one by reach for the same
post, since one person may see it several times, so every rate says its basis and the two
are never added together: a group with some posts measured by reach adds up those posts
only (and says how many of its posts that is); a group where no post has reach adds up the
posts with impressions. Saves, follows, clicks and views are not in the rate: not every
platform counts them, and the rate must mean the same on every channel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from planner.model import Channel, Goal, Results, Strategy

BASES = ("reach", "impressions")


@dataclass(frozen=True)
class EngagementRate:
    """A rate in percent, the measure it is divided by, and how many posts it stands on."""

    percent: float
    basis: str  # reach | impressions
    posts: int
    engagements: int
    denominator: int


def engagements(results: Results) -> int:
    return results.likes + results.comments + results.shares


def basis_of(results: Results) -> str:
    """The measure a post's rate is divided by: "reach", "impressions", or "" when it has neither."""
    return next((b for b in BASES if getattr(results, b) > 0), "")


def engagement_rate(results: Results | None) -> EngagementRate | None:
    """One post's engagement rate, or None when it has neither reach nor impressions."""
    return group_engagement_rate([results] if results is not None else [])


def group_engagement_rate(results: Iterable[Results | None]) -> EngagementRate | None:
    """The rate of posts taken together (a post with a big reach weighs more), on one basis."""
    measured = [r for r in results if r is not None and basis_of(r)]
    for basis in BASES:
        on_basis = [r for r in measured if getattr(r, basis) > 0 and (basis == "reach" or not r.reach)]
        if on_basis:
            total = sum(getattr(r, basis) for r in on_basis)
            engaged = sum(engagements(r) for r in on_basis)
            return EngagementRate(engaged * 100 / total, basis, len(on_basis), engaged, total)
    return None


# --- what a goal stands at ---------------------------------------------------------------------


@dataclass(frozen=True)
class GoalMeasure:
    """Where a goal stands: one figure for the strategy document, the report and the TUI alike.

    `source` says where it comes from: "posts" (the results of `posts` posts: an average per post,
    or the engagement rate on `basis`), "current" (the goal's `current`, measured by hand), or ""
    when nothing has been measured since the baseline (`value` is None then).
    """

    value: float | None
    source: str
    posts: int = 0
    basis: str = ""  # for an engagement rate: reach | impressions


def per_post(metric: str) -> bool:
    """Goals on these metrics are read as an average per post with results ("average reach per video")."""
    from planner.model import MEASURED_METRICS

    return metric not in MEASURED_METRICS and metric != "engagement_rate"


def goal_measure(strategy: Strategy, goal: Goal, *, as_of: dt.date | None = None) -> GoalMeasure:
    """What `goal` stands at, as of `as_of` (default: every result in the file).

    Followers, leads, sales and mentions are measured by hand (`current`). The others come from
    the results of the posts of the goal's channel (every channel when it has none): the
    engagement rate of those posts taken together (`group_engagement_rate`), or the average per
    post of the metric. Without such results, a hand-measured `current` stands; a `current` equal
    to the baseline is no measurement yet.
    """
    from planner.model import MEASURED_METRICS

    if goal.metric not in MEASURED_METRICS:
        mine = [
            p.results
            for p in strategy.posts
            if p.results is not None
            and (not goal.channel or p.channel == goal.channel)
            and (as_of is None or (p.date is not None and p.date <= as_of))
        ]
        if goal.metric == "engagement_rate":
            rate = group_engagement_rate(mine)
            if rate is not None:
                return GoalMeasure(rate.percent, "posts", rate.posts, rate.basis)
        elif mine:
            total = sum(getattr(r, goal.metric) for r in mine)
            return GoalMeasure(total / len(mine), "posts", len(mine))
    if goal.current is not None and goal.current != goal.baseline:
        return GoalMeasure(goal.current, "current")
    return GoalMeasure(None, "")


def goal_progress(goal: Goal, measure: GoalMeasure) -> float | None:
    """The share of the way from baseline to target covered, in percent (None: not measured)."""
    if measure.value is None or goal.target == goal.baseline:
        return None
    return (measure.value - goal.baseline) * 100 / (goal.target - goal.baseline)


def followers_now(strategy: Strategy, channel: Channel) -> tuple[int, str]:
    """A channel's followers as last measured, and where the figure comes from.

    A followers goal on the channel with a `current` is the latest measurement ("goal"); without
    one, the channel's `followers` (its baseline, "channel"). Every table that shows our
    followers shows this figure, so the competitor table and the goals never disagree.
    """
    for goal in strategy.goals:
        if goal.metric == "followers" and goal.channel == channel.id and goal.current is not None:
            return int(goal.current), "goal"
    return channel.followers, "channel"


# --- added for the strategy document: samples, pace, a rate per follower ---------------------------

MIN_POSTS = 5
"""The fewest posts with results a comparison or a verdict stands on ("above the competitors'
average", "on pace"): below it a document says how many posts there are and how many it needs."""


def results_as_of(strategy: Strategy) -> dt.date | None:
    """The latest day a post has results for: the date the file's measurements stand at."""
    days = [p.date for p in strategy.posts if p.results is not None and p.date is not None]
    return max(days) if days else None


def elapsed_pct(start: dt.date | None, deadline: dt.date | None, as_of: dt.date | None) -> float | None:
    """The share of the days from `start` to `deadline` (both counted) gone by `as_of`, in percent."""
    if start is None or deadline is None or as_of is None or deadline < start:
        return None
    days = (deadline - start).days + 1
    done = min(max((as_of - start).days + 1, 0), days)
    return done * 100 / days


def goal_pace(strategy: Strategy, goal: Goal, measure: GoalMeasure, as_of: dt.date | None) -> str:
    """Where a goal stands against time, as the report judges it (reached | on_pace | behind | missed),
    or why there is no verdict: "unknown" (not measured, or no period) or "too_few" (an average or a
    rate from fewer than MIN_POSTS posts: a first post's result says nothing of a trend, nor that the
    target is reached).

    On pace means a progress at least the share of time elapsed from the strategy's start to the
    goal's deadline (default: the strategy's end), as of `as_of`.
    """
    if measure.value is None:
        return "unknown"
    if measure.source == "posts" and measure.posts < MIN_POSTS:
        return "too_few"  # not even "reached": two viral posts do not make an average
    progress = goal_progress(goal, measure)
    reached = progress >= 100 if progress is not None else measure.value >= goal.target
    if reached:
        return "reached"
    deadline = goal.deadline or strategy.strategy.end
    if deadline is not None and as_of is not None and as_of > deadline:
        return "missed"
    elapsed = elapsed_pct(strategy.strategy.start, deadline, as_of)
    if progress is None or elapsed is None:
        return "unknown"
    return "on_pace" if progress >= elapsed else "behind"


@dataclass(frozen=True)
class FollowerRate:
    """Engagements per post over the followers, in percent: the basis competitor research uses."""

    percent: float
    posts: int  # posts with results it stands on
    followers: int


def follower_engagement_rate(strategy: Strategy, channel: Channel) -> FollowerRate | None:
    """A channel's average likes, comments and shares per post with results, over its followers now
    (`followers_now`): our rate measured the way competitors' rates are researched, so the two can
    be compared. None without posts with results or without followers."""
    engaged = [engagements(p.results) for p in strategy.posts if p.channel == channel.id and p.results]
    followers, _ = followers_now(strategy, channel)
    if not engaged or followers <= 0:
        return None
    return FollowerRate(sum(engaged) * 100 / len(engaged) / followers, len(engaged), followers)
