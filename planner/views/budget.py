"""The strategy's budget: ads per channel and campaigns against the monthly budget, by month and over the period.

Decisions where SPEC is silent: channel ads budgets and the monthly budget count in proportion to
the days of each month inside the period; a campaign's budget is spread over its days, so a
campaign straddling two months is charged to each for its days there. The verdict (under, over or
on budget, and by how much) is decided here on whole amounts, so that "£0 over" is never printed.
"""

from __future__ import annotations

import datetime as dt

from planner.model import Strategy
from planner.views.common import View, days_in_month, full_channel_name, months, overlap


def verdict(balance: float) -> str:
    """under, over or even: a budget's balance (budget − spend) judged in whole units of money."""
    whole = round(balance, 0)
    return "under" if whole > 0 else "over" if whole < 0 else "even"


class BudgetMonth(View):
    month: dt.date  # first day of the month
    days: int  # days of the month inside the period
    ads: float
    campaigns: float
    budget: float

    @property
    def total(self) -> float:
        return self.ads + self.campaigns

    @property
    def balance(self) -> float:
        """Budget left (positive) or overspent (negative)."""
        return self.budget - self.total

    @property
    def verdict(self) -> str:
        """under | over | even (`verdict`)."""
        return verdict(self.balance)

    @property
    def difference(self) -> float:
        """How far under or over, in whole units of money (0 when even)."""
        return abs(round(self.balance, 0))

    @property
    def partial(self) -> bool:
        """Only some of its days are inside the period: its budget and ads count for those days."""
        return self.days < days_in_month(self.month.year, self.month.month)


class BudgetLine(View):
    name: str
    kind: str  # "ads" (per month) or a campaign kind
    monthly: float | None  # ads: per month; campaigns: None
    period: float


class Budget(View):
    monthly_budget: float
    monthly_ads: float
    lines: list[BudgetLine]
    months: list[BudgetMonth]  # empty when the strategy has no period
    total_budget: float
    total_spend: float

    @property
    def balance(self) -> float:
        return self.total_budget - self.total_spend

    @property
    def verdict(self) -> str | None:
        """under | over | even over the period; None without a budget to compare with."""
        return verdict(self.balance) if self.total_budget else None

    @property
    def difference(self) -> float:
        """How far under or over over the period, in whole units of money."""
        return abs(round(self.balance, 0))

    @property
    def partial_months(self) -> list[BudgetMonth]:
        """The months only partly inside the period (prorated): said once, where the table starts."""
        return [m for m in self.months if m.partial]

    @property
    def unallocated_pct(self) -> float | None:
        """The share of the budget left to no channel or campaign, in percent; None when not under."""
        if self.verdict != "under":
            return None
        return self.difference * 100 / self.total_budget


def budget(s: Strategy) -> Budget | None:
    info = s.strategy
    monthly_ads = sum(c.ads_budget for c in s.channels)
    campaigns = [c for c in s.campaigns if c.budget and c.start and c.end]
    if not (info.budget or monthly_ads or campaigns):
        return None
    by_month = []
    if info.start and info.end:
        for year, month in months(info.start, info.end):
            first = dt.date(year, month, 1)
            last = dt.date(year, month, days_in_month(year, month))
            days = overlap(first, last, info.start, info.end)
            fraction = days / days_in_month(year, month)
            spent = sum(
                _spread(c.budget, c.start, c.end, first, last) for c in campaigns if c.start and c.end
            )
            by_month.append(BudgetMonth(first, days, monthly_ads * fraction, spent, info.budget * fraction))
    ads_months = sum(m.days / days_in_month(m.month.year, m.month.month) for m in by_month) if by_month else 1
    lines = [
        BudgetLine(full_channel_name(c), "ads", c.ads_budget, c.ads_budget * ads_months)
        for c in s.channels
        if c.ads_budget
    ]
    by_start = sorted(campaigns, key=lambda c: c.start or dt.date.min)
    lines += [BudgetLine(c.name, c.kind, None, c.budget) for c in by_start]
    total_budget = sum(m.budget for m in by_month) if by_month else info.budget
    total_spend = sum(line.period for line in lines)
    return Budget(info.budget, monthly_ads, lines, by_month, total_budget, total_spend)


def _spread(amount: float, start: dt.date, end: dt.date, first: dt.date, last: dt.date) -> float:
    """The part of a campaign's budget charged from `first` to `last`: its days there."""
    return amount * overlap(first, last, start, end) / ((end - start).days + 1)
