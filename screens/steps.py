"""The list steps of the planner: audience, competitors, channels, pillars, goals and campaigns.

Each names its columns by priority (screens.lists): what a marketer checks at a glance stays at
80×24, in either language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner import catalog, l10n
from planner.model import (
    STAGES,
    Audience,
    Campaign,
    Channel,
    Competitor,
    Goal,
    Pillar,
    Strategy,
    pillar_shares_problem,
)
from screens.lists import Column, ListStep, join_short
from screens.messages import translate
from screens.words import choice, money, number, percent, platform_name, words

LIST_WIDTH = 22  # a list of platforms or channels gives way to a count past this width


def short_date(date: dt.date | None, lang: str) -> str:
    """ "Feb 28, 2027" / "28 фев. 2027": a date with its year, short enough for a column."""
    if date is None:
        return ""
    day = l10n.format_date(date, lang, "day")
    return f"{day} {date.year}" if lang == "ru" else f"{day}, {date.year}"


def short_range(start: dt.date | None, end: dt.date | None, lang: str) -> str:
    """ "Dec 15–25" / "15–25 дек.", "Dec 28 – Jan 4": a campaign's dates without its year."""
    if start is None or end is None:
        return f"{l10n.format_date(start, lang, 'day') if start else '?'} – {l10n.format_date(end, lang, 'day') if end else '?'}"
    if start.year == end.year and start.month == end.month:
        if start.day == end.day:
            return l10n.format_date(start, lang, "day")
        if lang == "ru":
            return f"{start.day}–{l10n.format_date(end, lang, 'day')}"
        return f"{l10n.format_date(start, lang, 'day')}–{end.day}"
    return f"{l10n.format_date(start, lang, 'day')} – {l10n.format_date(end, lang, 'day')}"


def _platforms(ids: list[str], lang: str) -> str:
    return join_short((platform_name(p, lang) for p in ids), LIST_WIDTH)


def _name_of(table: str, item_id: str, strategy: Strategy) -> str:
    """An item named where the person named it (a channel, a goal), else its id."""
    found = next((i for i in getattr(strategy, table) if i.id == item_id), None)
    return (getattr(found, "name", "") or getattr(found, "title", "") or item_id) if found else item_id


def _value(fn: Any) -> Any:
    """A column's cell from a function of the item alone."""
    return lambda item, lang, strategy: fn(item)


class AudienceStep(ListStep):
    step_id = "audience"
    item_class = Audience
    columns = (
        Column("name", _value(lambda a: a.name), flex=True, most=40),
        Column("age", _value(lambda a: a.age), priority=2, most=9),
        Column("size", lambda a, lang, s: number(a.size, lang) if a.size else "", priority=2, align="right"),
        Column("platforms", lambda a, lang, s: _platforms(a.platforms, lang), priority=3, most=LIST_WIDTH),
        Column("id", _value(lambda a: a.id), priority=4, most=40),
    )

    def summary(self) -> str:
        if not self.items:
            return ""
        size = sum(a.size for a in self.items)
        if not size:
            return self.t("step.audience.summary_no_size", count=len(self.items))
        return self.t("step.audience.summary", count=len(self.items), people=number(size, self.lang))


class CompetitorsStep(ListStep):
    step_id = "competitors"
    item_class = Competitor
    columns = (
        Column("name", _value(lambda c: c.name), flex=True, most=40),
        Column(
            "present_on",
            lambda c, lang, s: _platforms([p.platform for p in c.presence], lang),
            priority=2,
            most=LIST_WIDTH,
        ),
        Column(
            "followers",
            lambda c, lang, s: number(sum(p.followers for p in c.presence), lang),
            priority=2,
            align="right",
        ),
        Column("id", _value(lambda c: c.id), priority=4, most=40),
    )


def _cadence(ch: Channel, lang: str, strategy: Strategy) -> str:
    return words(lang)("step.channels.cadence", count=ch.posts_per_week)


def _format(ch: Channel, lang: str, strategy: Strategy) -> str:
    if ch.format:
        return choice("community_format", ch.format, lang)
    platform = catalog.platforms().get(ch.platform)
    return f"({choice('community_format', platform.default_format, lang)})" if platform else ""


def _days(ch: Channel, lang: str, strategy: Strategy) -> str:
    return " ".join(choice("weekday", d, lang) for d in ch.days)


class ChannelsStep(ListStep):
    step_id = "channels"
    item_class = Channel
    columns = (
        Column("name", _value(lambda c: c.name or c.id), flex=True, most=40),
        Column("platform", lambda c, lang, s: platform_name(c.platform, lang), priority=2, most=14),
        Column("cadence", _cadence, priority=2),
        Column("days", _days, priority=3, most=21),
        Column("format", _format, priority=3, most=20),
        Column("followers", lambda c, lang, s: number(c.followers, lang), priority=3, align="right"),
        Column("id", _value(lambda c: c.id), priority=4, most=40),
    )

    def summary(self) -> str:
        if not self.items:
            return ""
        per_week = sum(c.posts_per_week for c in self.items)
        ads = sum(c.ads_budget for c in self.items)
        currency = self.strategy.strategy.currency
        channels = self.t("step.channels.count", count=len(self.items))
        posts = self.t("step.channels.posts", count=per_week)
        return self.t(
            "step.channels.summary", posts=posts, channels=channels, ads=money(ads, currency, self.lang)
        )


def _share(p: Pillar, lang: str, strategy: Strategy) -> str:
    return percent(p.share, lang, 0 if float(p.share).is_integer() else 1)


class PillarsStep(ListStep):
    step_id = "pillars"
    item_class = Pillar
    columns = (
        Column("name", _value(lambda p: p.name), flex=True, most=40),
        Column("share", _share, align="right"),
        Column("stage", lambda p, lang, s: choice("stage", p.stage, lang), priority=2, most=20),
        Column(
            "formats",
            lambda p, lang, s: join_short((choice("content_format", f, lang) for f in p.formats), LIST_WIDTH),
            priority=3,
            most=LIST_WIDTH,
        ),
        Column("topics", lambda p, lang, s: number(len(p.topics), lang), priority=3, align="right"),
        Column("id", _value(lambda p: p.id), priority=4, most=40),
    )

    def summary(self) -> str:
        if not self.items:
            return ""
        stages = {s: sum(p.share for p in self.items if p.stage == s) for s in STAGES}
        mix = ", ".join(
            f"{choice('stage', s, self.lang)} {percent(v, self.lang, 0)}" for s, v in stages.items() if v
        )
        problem = pillar_shares_problem(self.items)
        if problem:
            text = translate(problem, self.lang)
            return self.t("step.pillars.summary_off", problem=text[:1].upper() + text[1:], mix=mix)
        return self.t("step.pillars.summary", mix=mix)


def _baseline_target(g: Goal, lang: str, strategy: Strategy) -> str:
    if g.metric == "engagement_rate":
        return f"{percent(g.baseline, lang)} → {percent(g.target, lang)}"
    return f"{number(g.baseline, lang)} → {number(g.target, lang)}"


def _deadline(g: Goal, lang: str, strategy: Strategy) -> str:
    return short_date(g.deadline, lang) if g.deadline else words(lang)("step.goals.period_end")


class GoalsStep(ListStep):
    step_id = "goals"
    item_class = Goal
    columns = (
        Column("goal", _value(lambda g: g.title), flex=True, most=40),
        Column("baseline_target", _baseline_target, most=30),
        Column("deadline", _deadline, most=20),
        Column("metric", lambda g, lang, s: choice("metric", g.metric, lang), priority=2, most=20),
        Column(
            "channel",
            lambda g, lang, s: (
                _name_of("channels", g.channel, s) if g.channel else words(lang)("step.goals.all")
            ),
            priority=3,
            most=18,
        ),
        Column("id", _value(lambda g: g.id), priority=4, most=40),
    )


class CampaignsStep(ListStep):
    step_id = "campaigns"
    item_class = Campaign
    columns = (
        Column("name", _value(lambda c: c.name), flex=True, most=40),
        Column("dates", lambda c, lang, s: short_range(c.start, c.end, lang), most=30),
        Column("kind", lambda c, lang, s: choice("campaign_kind", c.kind, lang), priority=2, most=20),
        Column(
            "channels",
            lambda c, lang, s: join_short((_name_of("channels", ch, s) for ch in c.channels), LIST_WIDTH),
            priority=3,
            most=LIST_WIDTH,
        ),
        Column(
            "goal", lambda c, lang, s: _name_of("goals", c.goal, s) if c.goal else "", priority=4, most=18
        ),
        Column("id", _value(lambda c: c.id), priority=4, most=40),
    )
