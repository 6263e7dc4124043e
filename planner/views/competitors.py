"""The competitor analysis: each platform's accounts beside our channels there, and each competitor's profile.

Decisions where SPEC is silent, so that no sentence contradicts the table beside it:
- Rates are compared like with like. Competitors' engagement rates are as researched, which by the
  trade's convention is per follower (engagements per post over followers); our channel's rate in
  this table is computed the same way (`metrics.follower_engagement_rate`), never the rate by reach
  that the goals follow, and the text says so.
- "Most followers" and "highest engagement" name competitors only when there are at least two of
  them on the platform (with one, there is nobody to lead); our channel is compared with the
  competitors' average only once it has `metrics.MIN_POSTS` posts with results, and otherwise the
  text says how many it has.
- Our followers are `metrics.followers_now`: the figure the goals show.
"""

from __future__ import annotations

from collections import defaultdict

from planner.metrics import MIN_POSTS, follower_engagement_rate, followers_now
from planner.model import Channel, Strategy
from planner.views.common import View, full_channel_name, platform_name


class PresenceRow(View):
    name: str
    ours: bool
    followers: int
    posts_per_week: float
    engagement_rate: float | None  # per follower; None: not known (ours: no results yet)
    posts_measured: int  # ours: the posts with results the rate stands on (0 for competitors)
    content: str
    url: str


class PlatformPresence(View):
    platform: str  # platform name
    rows: list[PresenceRow]  # competitors by followers, then our channels there
    competitors: int
    leader: str  # most followers among at least two competitors; "" with one
    leader_followers: int
    most_engaging: str  # highest researched rate among at least two competitors with a rate; ""
    best_rate: float
    average_rate: float | None  # the competitors' average rate (those with one); None: none known
    comparisons: list[Comparison]  # our channels against that average, or why not
    average_posts: float  # competitors' average posts per week
    our_posts: float | None  # our planned posts per week there; None: no channel of ours

    @property
    def takeaway(self) -> str:
        """Which sentence sums the competitors up: "leaders" (two names), "leader_both" (one name
        leads in both), "leader_followers" (no rates to rank) or "single" (one competitor)."""
        if self.competitors < 2:
            return "single"
        if not self.most_engaging:
            return "leader_followers"
        return "leader_both" if self.most_engaging == self.leader else "leaders"


class Comparison(View):
    channel: str
    rate: float | None
    posts: int
    verdict: str  # above | below | level | too_few | no_rate (no competitor rate) | unmeasured


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
                    comp.name, False, p.followers, p.posts_per_week, p.engagement_rate, 0, p.content, p.url
                )
            )
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
        ours = [_our_row(s, c) for c in s.channels if c.platform == platform_id]
        tables.append(_platform(platform_name(platform_id, lang), theirs, ours))
    return tables


def _our_row(s: Strategy, c: Channel) -> PresenceRow:
    rate = follower_engagement_rate(s, c)
    return PresenceRow(
        full_channel_name(c),
        True,
        followers_now(s, c)[0],
        c.posts_per_week,
        rate.percent if rate else None,
        rate.posts if rate else 0,
        _pillars_of(s, c),
        c.url,
    )


def _platform(name: str, theirs: list[PresenceRow], ours: list[PresenceRow]) -> PlatformPresence:
    several = len(theirs) > 1
    rated = [r for r in theirs if r.engagement_rate is not None and r.engagement_rate > 0]
    engaging = max(rated, key=lambda r: r.engagement_rate or 0) if several and len(rated) > 1 else None
    average = sum(r.engagement_rate or 0 for r in rated) / len(rated) if rated else None
    return PlatformPresence(
        platform=name,
        rows=theirs + ours,
        competitors=len(theirs),
        leader=theirs[0].name if several else "",
        leader_followers=theirs[0].followers if several else 0,
        most_engaging=engaging.name if engaging else "",
        best_rate=(engaging.engagement_rate or 0) if engaging else 0,
        average_rate=average,
        comparisons=[_compare(r, average) for r in ours],
        average_posts=sum(r.posts_per_week for r in theirs) / len(theirs),
        our_posts=sum(r.posts_per_week for r in ours) if ours else None,
    )


def _compare(row: PresenceRow, average: float | None) -> Comparison:
    if row.engagement_rate is None:
        verdict = "unmeasured"
    elif row.posts_measured < MIN_POSTS:
        verdict = "too_few"
    elif average is None:
        verdict = "no_rate"
    else:
        # Judged on the figures as printed (one decimal), so that the sentence never contradicts them.
        ours, theirs = round(row.engagement_rate, 1), round(average, 1)
        verdict = "above" if ours > theirs else "below" if ours < theirs else "level"
    return Comparison(row.name, row.engagement_rate, row.posts_measured, verdict)


def _pillars_of(s: Strategy, c: Channel) -> str:
    """What our channel publishes, beside what competitors publish: its content pillars."""
    return ", ".join(p.name for p in s.pillars if not c.pillars or p.id in c.pillars)


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
