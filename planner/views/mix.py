"""The content mix of the strategy document: each pillar's target share against the plan, and why one misses.

A pillar misses its target when its posts differ from what its share asks of the plan's posts by a
whole post or more. The reason is found with the planner's own rule (`planner.pillar_mix.plan_mix`,
over the posts each channel has in the plan): the channels' `pillars` lists may make the share
impossible (only some channels may carry the pillar, or some channels may carry nothing else); or
posts that people set by hand (and campaign posts the planner keeps) weigh on it; or, when neither
does, the plan was made before the shares last changed and `plan` would bring it back.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from planner.model import STAGES, Strategy

if TYPE_CHECKING:
    from planner.pillar_mix import MixLimit
from planner.views.common import View, full_channel_name, share


class PillarMix(View):
    id: str
    name: str
    stage: str
    formats: list[str]
    topics: list[str]
    target_share: float
    posts: int
    actual_share: float  # share of the posts in the content plan
    difference: float  # actual − target, in percentage points
    target_posts: float  # the posts its share asks of the plan
    reason: str  # why it misses its target: "" (it does not) | restricted | only | by_hand | stale
    channels: list[str]  # restricted: the channels that may carry it; only: those that carry only `others`
    others: list[str]  # only: the pillars those channels may carry
    most_share: float | None  # restricted: the largest share the channels' lists allow
    by_hand: int  # its posts set by hand (kept by the planner as they are)


class StageMix(View):
    stage: str
    pillars: list[str]
    target_share: float
    posts: int
    actual_share: float


class ContentMix(View):
    pillars: list[PillarMix]
    stages: list[StageMix]
    several_stages: bool  # the pillars serve more than one stage: the mix by stage says something
    total_posts: int
    unassigned_posts: int  # posts without a pillar

    @property
    def misses(self) -> list[PillarMix]:
        """The pillars off their target by a post or more, each with its reason."""
        return [p for p in self.pillars if p.reason]


def content_mix(s: Strategy) -> ContentMix:
    # One pass over the posts (a year's plan has thousands): by channel and pillar, and by hand.
    cells: Counter[tuple[str, str]] = Counter()
    by_hand: Counter[str] = Counter()
    for post in s.posts:
        if post.status != "skipped":
            cells[post.channel, post.pillar] += 1
            if not post.owned_by_planner:
                by_hand[post.pillar] += 1
    counts: Counter[str] = Counter()
    for (_, pillar), n in cells.items():
        counts[pillar] += n
    total = sum(counts.values())
    whole = sum(p.share for p in s.pillars) or 1
    limits = _limits(s, cells) if total and _may_be_limited(s, cells, counts, total, whole) else {}
    names = {c.id: full_channel_name(c) for c in s.channels}
    pillar_names = {p.id: p.name for p in s.pillars}
    pillars = []
    for p in s.pillars:
        target_posts = total * p.share / whole
        limit = limits.get(p.id)
        reason = ""
        if total and abs(counts[p.id] - target_posts) >= 1:
            reason = "restricted" if limit and limit.short else "only" if limit else ""
            reason = reason or ("by_hand" if by_hand[p.id] else "stale")
        most = None
        if reason == "restricted" and limit is not None:
            carried = sum(n for (channel, _), n in cells.items() if channel in limit.channels)
            most = share(carried, total)
        pillars.append(
            PillarMix(
                id=p.id,
                name=p.name,
                stage=p.stage,
                formats=list(p.formats),
                topics=list(p.topics),
                target_share=p.share,
                posts=counts[p.id],
                actual_share=share(counts[p.id], total),
                difference=share(counts[p.id], total) - p.share if total else 0.0,
                target_posts=target_posts,
                reason=reason,
                channels=[names.get(c, c) for c in limit.channels] if limit and reason else [],
                others=[pillar_names.get(q, q) for q in limit.pillars] if limit and reason == "only" else [],
                most_share=most,
                by_hand=by_hand[p.id],
            )
        )
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
                    share(posts, total),
                )
            )
    known = {p.id for p in s.pillars}
    unassigned = sum(n for pillar_id, n in counts.items() if pillar_id not in known)
    return ContentMix(pillars, stages, len(stages) > 1, total, unassigned)


def _may_be_limited(
    s: Strategy, cells: Counter[tuple[str, str]], counts: Counter[str], total: int, whole: float
) -> bool:
    """Whether the channels' lists may keep a pillar off its share, so that the planner's rule (and
    its import) is worth asking: a pillar short of its target whose channels together carry fewer
    posts than the target, or a pillar over it that a channel restricted to a few pillars carries.
    """
    channels = [c for c in s.channels if c.pillars]
    if not channels:
        return False
    posts = Counter[str]()
    for (channel, _), n in cells.items():
        posts[channel] += n
    for p in s.pillars:
        target = total * p.share / whole
        if counts[p.id] <= target - 1:
            carriers = sum(posts[c.id] for c in s.channels if not c.pillars or p.id in c.pillars)
            if carriers < target:
                return True
        elif counts[p.id] >= target + 1 and any(p.id in c.pillars for c in channels):
            return True
    return False


def _limits(s: Strategy, cells: Counter[tuple[str, str]]) -> dict[str, MixLimit]:
    """What the channels' `pillars` lists make impossible, by the planner's rule, over the plan's
    posts (`cells`: how many each channel has of each pillar)."""
    from fractions import Fraction  # with the planner's rule, only for channels that restrict pillars

    from planner.pillar_mix import ChannelDemand, plan_mix

    shares = {p.id: Fraction(p.share) if p.share > 0 else Fraction(0) for p in s.pillars}
    every = [p.id for p in s.pillars]
    demands = []
    for c in s.channels:
        allowed = [p for p in every if not c.pillars or p in c.pillars]
        carried = sum(cells[c.id, p] for p in allowed)
        weights = [int(shares[p] * 1000) for p in allowed]
        demands.append(ChannelDemand(c.id, allowed, weights, carried))
    return {limit.pillar: limit for limit in plan_mix(shares, demands).limits}
