"""The weeks and months of a strategy period: one count wherever the planner says how long a period is."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.period import (
    month_key,
    parse_month_key,
    period_months,
    period_weeks,
    plan_months,
    week_of_period,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "weeks"),
    [
        (D(2026, 12, 1), D(2027, 2, 28), 13),  # 90 days
        (D(2027, 3, 1), D(2027, 5, 30), 13),  # 91 days: 13 weeks exactly
        (D(2026, 12, 1), D(2027, 3, 2), 13),  # 92 days: the overview said 14 where the documents said 13
        (D(2026, 12, 1), D(2027, 3, 5), 14),  # 95 days: 13 weeks and 4 days
        (D(2026, 12, 1), D(2026, 12, 1), 1),  # a one-day period still runs a week
        (D(2026, 12, 1), D(2026, 12, 7), 1),
    ],
)
def test_a_period_runs_its_days_over_seven_rounded_to_whole_weeks(start: D, end: D, weeks: int) -> None:
    assert period_weeks(start, end) == weeks


def test_no_period_has_no_weeks() -> None:
    assert period_weeks(None, D(2027, 1, 1)) is None
    assert period_weeks(D(2027, 1, 1), D(2026, 12, 1)) is None


def test_the_week_of_a_day_never_passes_the_periods_last_week() -> None:
    start, end = D(2026, 12, 1), D(2027, 3, 2)  # 13 weeks and a day
    assert week_of_period(start, end, start) == 1
    assert week_of_period(start, end, D(2026, 12, 8)) == 2
    assert week_of_period(start, end, D(2027, 2, 28)) == 13
    assert week_of_period(start, end, end) == 13  # the day left over belongs to the last week


def test_months_of_a_period_and_of_a_plan() -> None:
    assert period_months(D(2026, 12, 1), D(2027, 2, 28)) == ["2026-12", "2027-01", "2027-02"]
    assert period_months(D(2026, 12, 20), D(2026, 12, 21)) == ["2026-12"]
    assert period_months(None, None) == []
    days = [D(2027, 4, 2), None, D(2026, 12, 5)]
    assert plan_months(D(2026, 12, 1), D(2027, 2, 28), days) == ["2026-12", "2027-01", "2027-02", "2027-04"]
    assert month_key(D(2027, 4, 2)) == "2027-04" and parse_month_key("2027-04") == (2027, 4)
