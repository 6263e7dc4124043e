"""The engagement rate and its basis: reach where the platform reports it, else impressions, never both mixed."""

from __future__ import annotations

import pytest

from planner.metrics import EngagementRate, engagement_rate, group_engagement_rate
from planner.model import Results


def test_a_post_with_reach_is_rated_by_reach():
    rate = engagement_rate(Results(reach=2000, impressions=5000, likes=80, comments=10, shares=10, saves=99))
    assert rate == EngagementRate(percent=5.0, basis="reach", posts=1, engagements=100, denominator=2000)


def test_linkedin_and_x_posts_without_reach_are_rated_by_impressions():
    rate = engagement_rate(Results(impressions=4000, likes=30, comments=6, shares=4, clicks=200))
    assert rate is not None and (rate.percent, rate.basis) == (
        1.0,
        "impressions",
    )  # clicks are not engagements


@pytest.mark.parametrize("results", [None, Results(), Results(likes=5, views=100)])
def test_no_rate_without_reach_or_impressions(results):
    assert engagement_rate(results) is None


def test_a_group_adds_up_on_one_basis_and_says_how_many_posts_it_stands_on():
    vk = [
        Results(reach=1000, likes=40, comments=5, shares=5),
        Results(reach=3000, likes=90, comments=5, shares=5),
    ]
    linkedin = [Results(impressions=10_000, likes=10)]
    mixed = group_engagement_rate([*vk, *linkedin, None])
    assert mixed == EngagementRate(percent=3.75, basis="reach", posts=2, engagements=150, denominator=4000)
    only_impressions = group_engagement_rate(linkedin)
    assert only_impressions is not None and (only_impressions.basis, only_impressions.percent) == (
        "impressions",
        0.1,
    )
