"""The competitor analysis: each platform's accounts beside our channels there, and each competitor's profile.

Decision where SPEC is silent: our engagement rate on a platform is by reach, likes, comments and
shares over the reach of our posts that have results (per follower, a young account's viral video
gives hundreds of percent); competitors' rates are as researched.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from planner.model import Channel, Strategy
from planner.views.common import View, full_channel_name, platform_name


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
    takeaway: str  # the label that sums it up: "takeaway_one" when one competitor leads on both
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
                full_channel_name(c),
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
                takeaway="takeaway" if leader.name != engaging.name else "takeaway_one",
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
