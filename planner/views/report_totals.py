"""The results of a group of posts added up, and the report's minimum samples: what every part of the report stands on.

The engagement rate of a group is `planner.metrics.group_engagement_rate` (reach, or impressions
where a platform gives no reach; never the two mixed), the rate strategy.md and the TUI show.
A measure no post of a group reports (Telegram's files have no clicks) is None, printed "—", so
that "0 clicks" is never claimed for a channel whose platform does not count them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from planner.metrics import EngagementRate, engagements, group_engagement_rate
from planner.model import Post
from planner.views.common import View

# The minimum samples of every finding; the report's method note prints them.
MIN_CELL_POSTS = 2  # a cell of the weekday × hour grid shows its rate from this many posts
MIN_GROUP_POSTS = 5  # a pillar, format, time slot, weekday or campaign is judged from this many posts
MIN_BASELINE_POSTS = 10  # a channel's average is a baseline from this many posts
MIN_LIFT_PCT = 10  # a group is better or worse than its baseline only this many percent away from it
MIN_SPAN_POSTS = 3  # a week (or month) is compared with the one before from this many posts in each
MIN_MIX_POSTS = 20  # shares of the published posts are compared with the plan from this many posts
OFF_SHARE_POINTS = 10  # … and a share is off the plan this many percentage points away from it


class Totals(View):
    """The results of some posts added up; a measure that none of them reports is None."""

    posts: int  # posts with results
    reach: int
    reach_posts: int  # posts that report a reach
    engagements: int  # likes + comments + shares
    clicks: int | None
    clicks_posts: int  # posts that report clicks (Instagram's and Telegram's files have none)
    saves: int | None
    follows: int | None
    rate: EngagementRate | None

    @property
    def er(self) -> float | None:
        """The engagement rate in percent on `basis`; None without reach or impressions."""
        return self.rate.percent if self.rate else None

    @property
    def basis(self) -> str:
        return self.rate.basis if self.rate else ""

    @property
    def clicks_counted(self) -> bool:
        """Whether clicks are known for nearly every post (four in five): a cost per click holds."""
        return self.clicks_posts * 5 >= self.posts * 4

    @property
    def avg_reach(self) -> float | None:
        return self.reach / self.reach_posts if self.reach_posts else None


def totals(posts: Iterable[Post]) -> Totals:
    measured = [p.results for p in posts if p.results is not None]
    sums: defaultdict[str, int] = defaultdict(int)
    for r in measured:
        sums["reach"] += r.reach
        sums["reach_posts"] += r.reach > 0
        sums["engagements"] += engagements(r)
        sums["clicks_posts"] += r.clicks > 0
        for metric in ("clicks", "saves", "follows"):
            sums[metric] += getattr(r, metric)
    return Totals(
        len(measured),
        sums["reach"],
        sums["reach_posts"],
        sums["engagements"],
        sums["clicks"] or None,
        sums["clicks_posts"],
        sums["saves"] or None,
        sums["follows"] or None,
        group_engagement_rate(measured),
    )


def group_by(posts: Iterable[Post], key: Callable[[Post], str]) -> dict[str, list[Post]]:
    grouped: dict[str, list[Post]] = defaultdict(list)
    for p in posts:
        grouped[key(p)].append(p)
    return grouped


def is_published(post: Post) -> bool:
    """Out on the platform: marked published, or with results (someone saw it)."""
    return post.status == "published" or post.results is not None


def latest_results_date(posts: Iterable[Post]) -> dt.date | None:
    """The default "as of" date: the latest day with a post that has results."""
    dates = [p.date for p in posts if p.results is not None and p.date is not None]
    return max(dates) if dates else None


def change_pct(now: float | None, before: float | None) -> float | None:
    """The change from `before` to `now` in percent of `before`; None when either is unknown or 0."""
    if now is None or not before:
        return None
    return (now - before) * 100 / before
