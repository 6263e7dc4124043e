"""What the views of every document share: the `View` base, channel and platform names, weeks and shares."""

from __future__ import annotations

import datetime as dt
import inspect
from collections import Counter
from types import SimpleNamespace
from typing import Any

from planner import catalog
from planner.model import Channel, Strategy, StrategyInfo
from planner.period import period_weeks

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class View(SimpleNamespace):
    """What a template reads: named values, given in the order of the class's annotations or by name.

    Cheaper to define than NamedTuples or frozen dataclasses, which cost ~0.3 and ~1.5 ms a class at
    every `render` start (25 classes here); equal when their values are equal.
    """

    _fields: tuple[str, ...] = ()

    def __init_subclass__(cls) -> None:
        cls._fields = tuple(inspect.get_annotations(cls))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        values = dict(zip(self._fields, args, strict=False), **kwargs)
        if len(args) > len(self._fields) or values.keys() != set(self._fields):
            raise TypeError(f"{type(self).__name__} takes {', '.join(self._fields)}")
        super().__init__(**values)

    @classmethod
    def _make(cls, *values: Any) -> Any:
        """Every field, in order: the calendar's thousands of rows skip the checks by name."""
        view = cls.__new__(cls)
        view.__dict__.update(zip(cls._fields, values, strict=True))
        return view


def platform_name(platform_id: str, lang: str) -> str:
    platform = catalog.platforms().get(platform_id)
    if platform is None:
        return platform_id
    return platform.name_ru if lang == "ru" else platform.name


def channel_names(s: Strategy, lang: str) -> dict[str, str]:
    """A short name per channel for tables: the platform's name, or the channel's own name when two
    channels share a platform (or the platform is not in the catalog)."""
    per_platform = Counter(c.platform for c in s.channels)
    names = {}
    for c in s.channels:
        if per_platform[c.platform] == 1 and c.platform in catalog.platforms():
            names[c.id] = platform_name(c.platform, lang)
        else:
            names[c.id] = c.name or c.id
    return names


def full_channel_name(c: Channel) -> str:
    return c.name or c.id


def weeks_between(start: dt.date | None, end: dt.date | None) -> float | None:
    if start is None or end is None or end <= start:
        return None
    return ((end - start).days + 1) / 7


def share(part: float, whole: float) -> float:
    return part * 100 / whole if whole else 0.0


def months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every month from `start` to `end`."""
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def days_in_month(year: int, month: int) -> int:
    """28 to 31. (`calendar.monthrange` says the same, but importing `calendar` costs ~1 ms a run.)"""
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return (following - dt.date(year, month, 1)).days


def overlap(a_start: dt.date, a_end: dt.date, b_start: Any, b_end: Any) -> int:
    """Days the two spans have in common."""
    start, end = max(a_start, b_start), min(a_end, b_end)
    return max(0, (end - start).days + 1)


class TitleBlock(View):
    name: str
    client: str
    brand: str  # "" when it is the client's name: said once
    website: str
    start: dt.date | None
    end: dt.date | None
    weeks: int | None
    prepared: dt.date


def title_block(s: Strategy, prepared: dt.date) -> TitleBlock:
    info = s.strategy
    return TitleBlock(
        info.name, info.client, info.brand if info.brand != info.client else "", info.website,
        info.start, info.end, period_weeks(info.start, info.end), prepared,
    )  # fmt: skip


class FileData:
    """The strategy file's own data for a user's template, beside the prepared views: every table and
    field under its TOML name, and the [strategy] table's fields at the top as well, so that
    `strategy.name`, `strategy.strategy.name`, `strategy.posts` and `strategy.channels[0].followers`
    all work (a template written for jinja2-cli reads `strategy.name` the same way). The values are
    the file's as loaded (dates as dates, every field present with its default), not formatted.
    """

    __slots__ = ("_file",)
    _fields: tuple[str, ...] = ()  # both tables' field names: what an error message suggests

    def __init__(self, strategy: Strategy) -> None:
        self._file = strategy

    def __getattr__(self, name: str) -> Any:
        if not name.startswith("_"):
            if name in _TOP_FIELDS:
                return getattr(self._file, name)
            if name in _INFO_FIELDS:
                return getattr(self._file.strategy, name)
        raise AttributeError(f"'{type(self).__module__}.FileData object' has no attribute '{name}'")


def _field_names(cls: type) -> tuple[str, ...]:
    from planner.fields import fields_of

    return tuple(f.name for f in fields_of(cls))


_TOP_FIELDS = frozenset(_field_names(Strategy))
_INFO_FIELDS = frozenset(_field_names(StrategyInfo))
FileData._fields = (*_field_names(Strategy), *_field_names(StrategyInfo))
