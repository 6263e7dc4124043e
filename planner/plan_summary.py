"""What `plan` reports: the changes, per channel and month, and the notes, in either language.

`plan_strategy` (planner.planning) returns a `PlanChange`; the CLI prints its `summary_lines()`,
the TUI shows them. Notes are kept as a label and its values (`PlanNote`), so that the same change
reads in the strategy's language or in another one; the words are in planner/locales/plan.*.toml.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from planner.model import LANGUAGES, Post, Strategy


@dataclass(frozen=True)
class ChannelMonth:
    """What planning did to one channel in one month (a line of the summary)."""

    channel: str
    month: str  # YYYY-MM
    added: int = 0
    removed: int = 0
    updated: int = 0
    kept: int = 0


@dataclass(frozen=True)
class PlanNote:
    """A note of the summary, as its label and values, so that it reads in either language."""

    key: str  # a label of planner/locales/plan.*.toml, under `planning.`
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str) -> str:
        return _note_text(self, lang)


@dataclass(frozen=True)
class TopicShortage:
    """A pillar whose bank cannot fill all of its posts."""

    pillar: str
    empty: int  # its planned posts left without a topic
    needed: int  # topics that, added to its bank, would fill every one


@dataclass
class PlanChange:
    """The result of planning: the new strategy and what changed, for the CLI and the TUI."""

    strategy: Strategy
    start: dt.date
    end: dt.date
    added: list[Post] = field(default_factory=list)
    removed: list[Post] = field(default_factory=list)
    updated: list[tuple[Post, Post]] = field(default_factory=list)  # (before, after), same id
    kept: list[Post] = field(default_factory=list)  # unchanged posts inside start … end
    notes: list[PlanNote] = field(default_factory=list)  # what planning had to do about campaigns
    holidays: dict[dt.date, str] = field(default_factory=dict)  # in start … end, in the strategy's language
    reordered: bool = False
    mix: dict[str, dict[str, float]] = field(default_factory=dict)  # channel → pillar → planned share 0…1
    mix_notes: list[PlanNote] = field(
        default_factory=list
    )  # pillars the channels' lists keep off their share
    topics: list[TopicShortage] = field(default_factory=list)  # pillars whose bank runs out, in pillar order

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.updated or self.reordered)

    def by_channel_month(self) -> list[ChannelMonth]:
        """Counts per channel and month, channels in strategy order, months in date order."""
        counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for kind, posts in (
            ("added", self.added),
            ("removed", self.removed),
            ("updated", [after for _, after in self.updated]),
            ("kept", self.kept),
        ):
            for post in posts:
                month = f"{post.date.year}-{post.date.month:02d}" if post.date else "----"
                counts[post.channel, month][kind] += 1
        order = {c.id: i for i, c in enumerate(self.strategy.channels)}
        keys = sorted(counts, key=lambda k: (order.get(k[0], len(order)), k[0], k[1]))
        return [ChannelMonth(ch, month, **counts[ch, month]) for ch, month in keys]

    def holiday_posts(self) -> list[Post]:
        """Posts inside start … end that fall on a public holiday of strategy.country."""
        return [
            p
            for p in self.strategy.posts
            if p.date is not None and p.date in self.holidays and self.start <= p.date <= self.end
        ]

    def summary_lines(self, lang: str | None = None) -> list[str]:
        """What `plan` prints, in `lang` (default: the strategy's language).

        Per channel and month, a total with the time zone, then notes; when nothing changes, one line
        that says so. Either way, the standing to-dos follow: pillars the channels' lists keep off
        their share, and the topics each bank still needs.
        """
        lang = lang if lang in LANGUAGES else strategy_language(self.strategy)
        t = _labels(lang)
        span = f"{self.start.isoformat()} – {self.end.isoformat()}"
        standing = [n.text(lang) for n in self.mix_notes] + [
            t(
                "planning.topics_needed",
                count=s.needed,
                pillar=s.pillar,
                empty=t("planning.without_topic", count=s.empty),
            )
            for s in self.topics
        ]
        if not self.changed:
            inside = sum(1 for p in self.strategy.posts if p.date and self.start <= p.date <= self.end)
            posts = t("planning.posts", count=inside)
            return [t("planning.up_to_date", posts=posts, span=span), *standing]
        lines = []
        months = self.by_channel_month()
        width = max((len(cm.channel) for cm in months), default=0)
        for cm in months:
            counts = _counts(t, cm.added, cm.removed, cm.updated, cm.kept)
            lines.append(
                t("planning.channel_month", channel=f"{cm.channel:<{width}}", month=cm.month, counts=counts)
            )
        total = _counts(t, len(self.added), len(self.removed), len(self.updated), len(self.kept))
        zone = self.strategy.strategy.timezone
        zone_text = t("planning.zone", zone=zone) if zone else t("planning.no_zone")
        lines.append(t("planning.total", span=span, counts=total, zone=zone_text))
        if self.reordered and not (self.added or self.removed or self.updated):
            lines.append(t("planning.reordered"))
        lines.extend(t("planning.note", text=note.text(lang)) for note in self.notes)
        lines.extend(self._campaign_lines(t))
        lines.extend(standing)
        holidays = self._holiday_line(t, lang)
        if holidays:
            lines.append(holidays)
        return lines

    def _campaign_lines(self, t: Callable[..., str]) -> list[str]:
        """One line: each campaign's posts in start … end, across its channels."""
        counts = Counter(
            p.campaign
            for p in self.strategy.posts
            if p.campaign and p.date and self.start <= p.date <= self.end
        )
        ids = dict.fromkeys(c.id for c in self.strategy.campaigns)
        named = [f"{c} {counts[c]}" for c in ids if counts[c]]
        return [t("planning.campaign_posts", campaigns=", ".join(named))] if named else []

    def _holiday_line(self, t: Callable[..., str], lang: str) -> str:
        holidays = self.holidays
        if lang != strategy_language(self.strategy):
            holidays = holidays_in(self.strategy, self.start, self.end, lang)
        on_holidays = [p for p in self.holiday_posts() if p.date in holidays]
        if not on_holidays:
            return ""
        days = sorted({p.date for p in on_holidays if p.date is not None})
        named = ", ".join(f"{d.isoformat()} {holidays[d]}" for d in days[:6])
        if len(days) > 6:
            named += " " + t("planning.more_days", count=len(days) - 6)
        country = self.strategy.strategy.country.upper()
        posts = t("planning.posts", count=len(on_holidays))
        text = t("planning.holidays", count=len(on_holidays), posts=posts, country=country, days=named)
        return t("planning.note", text=text)


def _counts(t: Callable[..., str], added: int, removed: int, updated: int, kept: int) -> str:
    parts = [t("planning.added", count=added), t("planning.removed", count=removed)]
    if updated:
        parts.append(t("planning.updated", count=updated))
    parts.append(t("planning.kept", count=kept))
    return ", ".join(parts)


def strategy_language(strategy: Strategy) -> str:
    lang = strategy.strategy.language
    return lang if lang in LANGUAGES else "en"


@cache
def _labels(lang: str) -> Callable[..., str]:
    from planner.l10n import label_function  # every catalog: planner/locales/*.<lang>.toml

    return label_function(lang)


def _note_text(note: PlanNote, lang: str) -> str:
    """A note's label with its values: dates with their weekday, lists joined, counts and shares
    in the language's own numbers."""
    from planner.l10n import format_date, format_number, format_percent

    t = _labels(lang)
    values: dict[str, Any] = {}
    for name, value in note.values:
        if name == "cadence":
            value = t("planning.cadence", count=value)
        elif isinstance(value, int) and not isinstance(value, bool):
            value = format_number(value, lang)
        elif isinstance(value, dt.datetime):
            value = f"{format_date(value.date(), lang, 'weekday')} {value.date().isoformat()} {value:%H:%M}"
        elif isinstance(value, dt.date):
            value = f"{format_date(value, lang, 'weekday')} {value.isoformat()}"
        elif isinstance(value, tuple):
            value = ", ".join(map(str, value))
        elif isinstance(value, float):
            value = format_percent(value, lang)
        values[name] = value
    return t(f"planning.{note.key}", **values)


def holidays_in(strategy: Strategy, lo: dt.date, hi: dt.date, lang: str) -> dict[dt.date, str]:
    from planner.public_holidays import holidays_between

    return holidays_between(strategy.strategy.country, lo, hi, lang)
