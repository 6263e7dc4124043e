"""Engagement rate: the one definition the documents and the report use, for a post and for a group.

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

from collections.abc import Iterable
from dataclasses import dataclass

from planner.model import Results

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
