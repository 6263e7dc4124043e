"""The weeks and months of a strategy period: one count for the overview, the documents and the plan's filters.

A period's length in weeks is its days divided by seven, rounded to the nearest whole week
(1 Dec 2026 – 28 Feb 2027, 90 days: 13 weeks; 92 days: 13 weeks; 95 days: 14 weeks), at least
one. Week N of a period is days 7(N-1)+1 … 7N counted from its first day; the one to three days
left over at the end of a period that rounds down belong to its last week, so that "week N of
W" never says more than W.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def period_weeks(start: dt.date | None, end: dt.date | None) -> int | None:
    """How many weeks the period runs, as the documents and the overview say it; None: no period."""
    if start is None or end is None or end < start:
        return None
    days = (end - start).days + 1
    return max(1, (days + 3) // 7)


def week_of_period(start: dt.date, end: dt.date, day: dt.date) -> int:
    """Which week of the period a day inside it falls in, from 1 to `period_weeks(start, end)`."""
    weeks = period_weeks(start, end) or 1
    return max(1, min(weeks, (day - start).days // 7 + 1))


def month_key(day: dt.date) -> str:
    """The month a day falls in, as the content plan's filter names it: `2026-12`."""
    return f"{day.year:04d}-{day.month:02d}"


def period_months(start: dt.date | None, end: dt.date | None) -> list[str]:
    """Every month the period touches, in order: ["2026-12", "2027-01", "2027-02"]."""
    if start is None or end is None or end < start:
        return []
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def plan_months(start: dt.date | None, end: dt.date | None, days: Iterable[dt.date | None]) -> list[str]:
    """The months a content plan shows: every month of the period and any other that holds a post."""
    # (year, month) pairs, formatted once each: a plan may hold 20,000 posts.
    months = {(day.year, day.month) for day in days if day is not None}
    keys = set(period_months(start, end))
    keys.update(f"{year:04d}-{month:02d}" for year, month in months)
    return sorted(keys)


def parse_month_key(key: str) -> tuple[int, int]:
    """(year, month) of a month key: "2026-12" -> (2026, 12)."""
    year, month = key.split("-")
    return int(year), int(month)
