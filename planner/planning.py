"""The content plan: slots from each channel's cadence, the pillar mix, formats, topics, campaign posts.

`plan_strategy` regenerates the posts the planner owns and keeps every post a person touched.
Where SPEC is silent, these are the rules:

- Slots: each ISO week a channel gets up to `posts_per_week` slots on its `days`, earliest days
  first and one a day before two a day (a day that already has a kept post comes after the empty
  days). A week cut by the period or by `--from/--to` gets only the slots inside, still up to the
  cadence. A channel without `days` publishes on `posts_per_week` weekdays spaced evenly from
  Monday (1: Mon; 2: Mon, Thu; 3: Mon, Wed, Fri; 5: Mon, Tue, Wed, Fri, Sat; 7 or more: every
  day). A channel without `times` publishes at 10:00, so that scheduler exports get a time.
- Times: every listed time is used. The days of a week take the channel's times in turn (the
  first day the first time, the second day the second …), and each week starts one time further
  than the week before; a day's second post takes the time after its first. So
  `times = ["08:30", "12:00"]` on Mon/Wed/Fri gives 08:30, 12:00, 08:30, then 12:00, 08:30, 12:00
  the next week: each time on each weekday in turn, which is also what the report needs to compare
  time slots. Times are in `strategy.timezone`; the summary says so.
- Every post that stays (a person's, or the planner's outside `--from/--to`) counts toward its
  week's cadence and takes its slot when it sits on one.
- Campaigns: the first and last day of a campaign get a post tagged with it on each of its
  channels: a kept post already tagged, else the day's first planner post, else a post added at
  the channel's first free time that replaces the week's latest untagged planner post, so the
  cadence holds; only a week with nothing left to replace goes beyond it. Both are noted. Between
  them the planner tags its own posts (never adds any) in the sequence the campaign's kind calls
  for, with topics that say so in the strategy's language ("Twelve days of coffee: reminder"):
  - contest, giveaway: announcement, a reminder about every four days, the last call on the latest
    post of the three days before the last day, the winner on the last day;
  - event: announcement, reminders, the event's day on the latest post of the three days before
    the last day (the last day is the replay's);
  - launch: teaser (first day and the posts before the launch), the launch on the post nearest
    the campaign's middle, follow-ups after it and on the last day;
  - paid, influencer, partnership (the paid ads, the creators' and the partner's posts are
    published elsewhere; our channel supports them): the offer or an announcement on the first
    day, a reminder (a creator's post, a joint post) about once a week, "last days" or the results
    on the last day.
  Reminders keep two days clear of the posts they lead to. Campaign posts count toward the cadence
  and take a pillar of the week's mix, preferring the funnel stage the kind serves (transmission,
  then appropriation for contests, giveaways and partnerships; transmission, then adhesion for
  events, launches and paid offers; appropriation, then transmission for influencers), so the week's
  mix holds (among pillars of the same stage, the one with the larger share); they never take a
  topic from a bank.
- Pillars: the shares are planned across the whole strategy (planner.pillar_mix): a pillar that only
  some channels may carry gets more of those channels' posts, so the strategy's totals meet the
  shares as closely as the channels' `pillars` lists allow, and the summary names the list that
  keeps a pillar off its share. Per channel, the week's planner posts are then split so that the
  counts at the end of the week match the largest-remainder apportionment of the running total by
  the channel's planned weights as closely as the week's posts allow (exactly, or within one post
  where the apportionment itself takes a post back); within the week each post takes the pillar
  that lags its running target most, ties in pillar order. Kept posts with one of the channel's
  pillars count toward the mix, so a range planned with `--from/--to` continues the mix before it.
- Formats rotate per channel and pillar among the pillar's formats that the channel's platform
  publishes (the catalog's `content_formats`; all of the pillar's formats when none fit). A format
  the channel's `role` names ("long articles", "видео", planner/locales/plan.*.toml lists the
  words) is the channel's own: it takes two posts of every three of each pillar that has it, the
  pillar's other fitting formats share the third in turn. The rotation continues after the format
  of the pillar's latest kept post on the channel. A campaign post skips a poll in the rotation
  (an announcement or a reminder is not a question).
- Topics (planner.topic_bank): the pillar's bank in order, least used first, never twice on a
  channel within four weeks nor on two channels within a week; a slot the bank cannot fill keeps
  an empty topic, and the summary says how many more topics would fill every post of each pillar.
- Ids: `YYYY-MM-DD-<channel>-<n>`; a regenerated post at the same day, channel and time keeps
  the id it had (the one with the same content first, when several share the slot); new ones take
  the lowest n no other post holds.
- Public holidays are not avoided (a holiday post can be the best post of the month); the
  summary names the holidays that have posts, and the documents mark every holiday.
- The summary speaks the strategy's `language`.
- A whole-period plan also removes the planner's posts left outside a period that has changed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache
from math import gcd, lcm
from typing import Any

from planner.editing import new_post_id
from planner.errors import PlannerError
from planner.fields import WEEKDAYS
from planner.model import LANGUAGES, Campaign, Channel, Pillar, Post, Strategy
from planner.pillar_mix import ChannelDemand, Mix, plan_mix
from planner.plan_summary import (
    PlanChange,
    PlanNote,
    TopicShortage,
    holidays_in,
    strategy_language,
)
from planner.topic_bank import TopicUse, assign_topics, banks_of, topics_needed

DEFAULT_TIME = "10:00"
_WEEK = dt.timedelta(days=7)

# The funnel stages a campaign's posts prefer, by kind (see the module docstring).
_CAMPAIGN_STAGES = {
    "contest": ("transmission", "appropriation"),
    "giveaway": ("transmission", "appropriation"),
    "partnership": ("transmission", "appropriation"),
    "event": ("transmission", "adhesion"),
    "launch": ("transmission", "adhesion"),
    "paid": ("transmission", "adhesion"),
    "influencer": ("appropriation", "transmission"),
}
# Days between a campaign's reminders: short pushes twice a week, long-running support weekly.
_REMINDER_DAYS = {"contest": 4, "giveaway": 4, "event": 4, "launch": 4}
_WEEKLY = 7
_CLEAR_DAYS = 2  # a reminder keeps this far from the post it leads to
_ANCHOR_DAYS = 3  # the last call / the event's day: on the latest post this close to the last day


@dataclass
class Slot:
    """A planner post in the making: where it goes, then what it is about."""

    date: dt.date
    time: str
    channel: str
    campaign: str = ""
    step: str = ""  # the campaign step: first, before, anchor, after, last, one
    pillar: str = ""
    format: str = ""
    topic: str = ""


# --- the rules of one channel ----------------------------------------------------------------


@dataclass
class _ChannelRule:
    channel: Channel
    order: int
    days: list[int]  # weekdays 0-6 it publishes on, in order
    times: list[str]  # sorted, never empty
    pillars: list[Pillar]  # the pillars it may use, in strategy order
    weights: list[int]  # integer shares of those pillars (common denominator)
    first_monday: dt.date  # the Monday of the period's first week: the times' turn counts from it

    @property
    def id(self) -> str:
        return self.channel.id

    def times_on(self, day: dt.date) -> list[str]:
        """The day's times in the order its posts take them (see "Times" above)."""
        week = (_monday(day) - self.first_monday).days // 7
        place = self.days.index(day.weekday()) if day.weekday() in self.days else day.weekday()
        turn = (place + week) % len(self.times)
        return self.times[turn:] + self.times[:turn]


def _channel_rules(strategy: Strategy) -> list[_ChannelRule]:
    if not strategy.channels:
        raise PlannerError("the strategy has no channels: add one under [[channels]] before planning")
    assert strategy.strategy.start is not None
    first_monday = _monday(strategy.strategy.start)
    rules = []
    for order, ch in enumerate(strategy.channels):
        times = sorted(set(ch.times)) or [DEFAULT_TIME]
        cadence = ch.posts_per_week
        unknown = [d for d in ch.days if d not in WEEKDAYS]
        if unknown:
            raise PlannerError(f"channel {ch.id}: '{unknown[0]}' is not a weekday (mon … sun)")
        days = sorted({WEEKDAYS.index(d) for d in ch.days}) if ch.days else spread_days(cadence)
        if cadence > len(days) * len(times):
            if ch.days:
                fit = f"{len(days)} days × {len(times)} times"
                fix = f"{cadence} posts a week do not fit {fit}; add days or times"
            else:
                fix = f"{cadence} posts a week need more than {len(times)} a day; " + (
                    "add times" if ch.times else "list its publishing times"
                )
            raise PlannerError(f"channel {ch.id}: {fix}, or lower posts_per_week")
        pillars, weights = _pillar_weights(strategy, ch)
        rules.append(_ChannelRule(ch, order, days, times, pillars, weights, first_monday))
    return rules


def spread_days(cadence: int) -> list[int]:
    """Weekdays (0 = Monday) for a channel with no `days`: `cadence` evenly spaced from Monday, at most 7."""
    n = min(7, cadence)
    return [i * 7 // n for i in range(n)] if n > 0 else []


def _pillar_weights(strategy: Strategy, ch: Channel) -> tuple[list[Pillar], list[int]]:
    allowed = set(ch.pillars)
    pillars = [p for p in _pillars(strategy) if not allowed or p.id in allowed]
    shares = [Fraction(p.share) if p.share > 0 else Fraction(0) for p in pillars]
    if pillars and not any(shares):
        shares = [Fraction(1)] * len(pillars)  # all shares zero: an even mix
    denominator = lcm(*(s.denominator for s in shares)) if shares else 1
    weights = [int(s * denominator) for s in shares]
    return pillars, weights


def _pillars(strategy: Strategy) -> list[Pillar]:
    """The strategy's pillars in order, the first of a duplicated id only."""
    return list({p.id: p for p in reversed(strategy.pillars)}.values())[::-1]


def largest_remainder(total: int, weights: list[int]) -> list[int]:
    """Split `total` whole posts by `weights` (Hamilton's method); ties go to the earlier weight."""
    whole = sum(weights)
    if not weights or whole == 0:
        return [0] * len(weights)
    floors = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    left = total - sum(floors)
    for i in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        floors[i] += 1
    return floors


# --- planning --------------------------------------------------------------------------------


def plan_strategy(
    strategy: Strategy, *, start: dt.date | None = None, end: dt.date | None = None
) -> PlanChange:
    """Regenerate the planner's posts from `start` to `end` (default: the whole period).

    The input is not changed; the new strategy shares everything but its posts list with it.
    Raises PlannerError when there is nothing to plan on (no period, no channels, a range
    outside the period, a cadence that does not fit the channel's days and times).
    """
    lo, hi, whole = _planning_range(strategy, start, end)
    rules = _channel_rules(strategy)
    period = (strategy.strategy.start, strategy.strategy.end)

    def replaceable(post: Post) -> bool:
        if not post.owned_by_planner or post.date is None:
            return False
        if lo <= post.date <= hi:
            return True
        # A full plan also clears the planner's leftovers outside a period that has since changed.
        return whole and not period[0] <= post.date <= period[1]  # type: ignore[operator]

    before = strategy.posts
    fixed = [p for p in before if not replaceable(p)]
    fixed_by_channel: dict[str, list[Post]] = defaultdict(list)
    for post in fixed:
        if post.date is not None:
            fixed_by_channel[post.channel].append(post)
    for posts in fixed_by_channel.values():
        posts.sort(key=lambda p: (p.date, p.time))

    notes: list[PlanNote] = []
    slots_of: dict[str, list[Slot]] = {}
    for rule in rules:
        own = fixed_by_channel.get(rule.id, [])
        campaigns = _campaigns_on(strategy, rule.id)
        channel_slots = _channel_slots(rule, own, lo, hi, _campaign_days(campaigns, lo, hi), notes)
        _campaign_sequences(campaigns, own, channel_slots)
        slots_of[rule.id] = channel_slots
    mix = _strategy_mix(strategy, rules, fixed_by_channel, slots_of)
    kinds = {c.id: c.kind for c in strategy.campaigns}
    for rule in rules:
        own = fixed_by_channel.get(rule.id, [])
        _assign_pillars(rule, mix.weights.get(rule.id, rule.weights), own, slots_of[rule.id], kinds)
        _assign_formats(rule, own, slots_of[rule.id])
    order = {r.id: r.order for r in rules}
    slots = sorted(
        (s for rule in rules for s in slots_of[rule.id]), key=lambda s: (s.date, s.time, order[s.channel])
    )
    _campaign_topics(strategy, slots)
    shortages = _assign_topics(strategy, fixed, slots, hi)

    replaced = [p for p in before if replaceable(p)]
    new_posts = _name_posts(slots, fixed, replaced)
    posts = sorted(
        fixed + new_posts,
        key=lambda p: (p.date or dt.date.min, p.time, order.get(p.channel, len(order)), p.id),
    )
    result = replace(strategy, posts=posts)
    change = _diff(result, before, lo, hi)
    change.notes = notes
    change.reordered = posts != before
    change.holidays = holidays_in(strategy, lo, hi, strategy_language(strategy))
    change.mix = {
        rule.id: _shares(rule, mix.weights.get(rule.id, rule.weights)) for rule in rules if rule.pillars
    }
    change.mix_notes = _mix_notes(rules, mix, fixed_by_channel, slots_of)
    change.topics = shortages
    return change


def _planning_range(
    strategy: Strategy, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date, bool]:
    info = strategy.strategy
    if info.start is None or info.end is None:
        raise PlannerError("the strategy has no period: set strategy.start and strategy.end to plan posts")
    if info.end < info.start:
        raise PlannerError(
            f"strategy.end ({info.end.isoformat()}) is before strategy.start ({info.start.isoformat()})"
        )
    period = f"{info.start.isoformat()} – {info.end.isoformat()}"
    if start is not None and end is not None and end < start:
        raise PlannerError(
            f"cannot plan from {start.isoformat()} to {end.isoformat()}: the end is before the start"
        )
    for what, day in (("from", start), ("to", end)):
        if day is not None and not info.start <= day <= info.end:
            raise PlannerError(
                f"cannot plan {what} {day.isoformat()}: it is outside the strategy period {period}"
            )
    lo = start or info.start
    hi = end or info.end
    return lo, hi, start is None and end is None


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


# --- slots -------------------------------------------------------------------------------------


def _campaigns_on(strategy: Strategy, channel: str) -> list[Campaign]:
    """The channel's campaigns with dates, in strategy order (the first of a duplicated id)."""
    seen: dict[str, Campaign] = {}
    for c in strategy.campaigns:
        if channel in c.channels and c.start is not None and c.end is not None and c.end >= c.start:
            seen.setdefault(c.id, c)
    return list(seen.values())


def _campaign_days(campaigns: list[Campaign], lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    """(day, campaign id) of every first and last campaign day on this channel inside lo … hi."""
    days = []
    for campaign in campaigns:
        for day in dict.fromkeys((campaign.start, campaign.end)):
            if day is not None and lo <= day <= hi:
                days.append((day, campaign.id))
    return sorted(days, key=lambda d: d[0])


def _channel_slots(
    rule: _ChannelRule,
    fixed: list[Post],
    lo: dt.date,
    hi: dt.date,
    campaign_days: list[tuple[dt.date, str]],
    notes: list[PlanNote],
) -> list[Slot]:
    """The channel's planner slots from lo to hi, week by week, with campaign days honoured."""
    by_week: dict[dt.date, list[Post]] = defaultdict(list)
    for post in fixed:
        by_week[_monday(post.date)].append(post)  # type: ignore[arg-type]
    campaigns_by_week: dict[dt.date, list[tuple[dt.date, str]]] = defaultdict(list)
    for day, campaign in campaign_days:
        campaigns_by_week[_monday(day)].append((day, campaign))
    cadence = rule.channel.posts_per_week
    out: list[Slot] = []
    monday = _monday(lo)
    while monday <= hi:
        week_fixed = by_week.get(monday, [])
        taken = {(p.date, p.time) for p in week_fixed}
        on_day = Counter(p.date for p in week_fixed)
        # A day's k-th post ranks after every day's (k-1)-th: one post a day on the earliest days
        # first, a second post on a day only when the cadence asks for more than the days give.
        ranked: list[tuple[int, dt.date, str]] = []
        for weekday in rule.days:
            day = monday + dt.timedelta(days=weekday)
            if lo <= day <= hi:
                free = [t for t in rule.times_on(day) if (day, t) not in taken]
                ranked.extend((on_day[day] + k, day, t) for k, t in enumerate(free))
        ranked.sort(key=lambda r: (r[0], r[1]))
        chosen = [Slot(day, t, rule.id) for _, day, t in ranked[: max(0, cadence - len(week_fixed))]]
        chosen.sort(key=lambda s: (s.date, s.time))
        needs = campaigns_by_week.get(monday)
        if needs:
            chosen = _campaign_week(rule, chosen, week_fixed, needs, notes)
        out.extend(chosen)
        monday += _WEEK
    return out


def _campaign_week(
    rule: _ChannelRule,
    chosen: list[Slot],
    week_fixed: list[Post],
    needs: list[tuple[dt.date, str]],
    notes: list[PlanNote],
) -> list[Slot]:
    """Tag a post on each campaign day of the week, adding one in place of the latest untagged."""
    missing = []
    for day, campaign in needs:
        if any(p.date == day and p.campaign == campaign for p in week_fixed):
            continue
        slot = next((s for s in chosen if s.date == day and not s.campaign), None)
        if slot is not None:
            slot.campaign = campaign
        else:
            missing.append((day, campaign))
    for day, campaign in missing:
        busy = {p.time for p in week_fixed if p.date == day} | {s.time for s in chosen if s.date == day}
        times = rule.times_on(day)
        time = next((t for t in times if t not in busy), times[0])
        untagged = [s for s in chosen if not s.campaign]
        where = (("channel", rule.id), ("campaign", campaign), ("day", day), ("time", time))
        if untagged:
            dropped = untagged[-1]
            chosen.remove(dropped)
            at = dt.datetime.combine(dropped.date, dt.time.fromisoformat(dropped.time))
            notes.append(PlanNote("campaign_added", (*where, ("replaced", at))))
        else:
            notes.append(PlanNote("campaign_beyond", (*where, ("cadence", rule.channel.posts_per_week))))
        chosen.append(Slot(day, time, rule.id, campaign=campaign))
    chosen.sort(key=lambda s: (s.date, s.time))
    return chosen


# --- campaign sequences -----------------------------------------------------------------------


def _campaign_sequences(campaigns: list[Campaign], fixed: list[Post], slots: list[Slot]) -> None:
    """Tag the planner's posts between each campaign's first and last day, and name every step."""
    for campaign in campaigns:
        assert campaign.start is not None and campaign.end is not None
        first, last = campaign.start, campaign.end
        inside = [s for s in slots if first < s.date < last and not s.campaign]
        kept = sorted(
            p.date for p in fixed if p.campaign == campaign.id and p.date and first <= p.date <= last
        )
        anchor = _anchor(campaign, inside, kept)
        if anchor is not None:
            anchor.campaign, anchor.step = campaign.id, "anchor"
        # The posts the reminders lead to: the anchor, kept campaign posts, the last day.
        ahead = sorted({*kept, last, *([anchor.date] if anchor else [])})
        gap = _REMINDER_DAYS.get(campaign.kind, _WEEKLY)
        previous = first
        for slot in inside:
            if slot.campaign:
                continue
            while kept and kept[0] <= slot.date:
                previous = max(previous, kept.pop(0))
            if anchor is not None and anchor.date <= slot.date:
                previous = max(previous, anchor.date)
            nxt = next(d for d in ahead if d > slot.date)
            if (slot.date - previous).days >= gap and (nxt - slot.date).days >= _CLEAR_DAYS:
                slot.campaign = campaign.id
                previous = slot.date
        for slot in slots:
            if slot.campaign == campaign.id and not slot.step:
                slot.step = _step(campaign, slot.date, anchor)


def _anchor(campaign: Campaign, inside: list[Slot], kept: list[dt.date]) -> Slot | None:
    """The post the sequence builds to: the last call, the event's day, the launch (see the docstring)."""
    assert campaign.start is not None and campaign.end is not None
    if campaign.kind == "launch":
        middle = campaign.start.toordinal() + (campaign.end - campaign.start).days / 2
        if any(abs(d.toordinal() - middle) <= _CLEAR_DAYS for d in kept):
            return None
        return min(inside, key=lambda s: (abs(s.date.toordinal() - middle), s.date, s.time), default=None)
    if campaign.kind not in ("contest", "giveaway", "event"):
        return None
    near = campaign.end - dt.timedelta(days=_ANCHOR_DAYS)
    if any(near <= d < campaign.end for d in kept):
        return None  # a person already wrote the post before the last day
    return max((s for s in inside if s.date >= near), key=lambda s: (s.date, s.time), default=None)


def _step(campaign: Campaign, day: dt.date, anchor: Slot | None) -> str:
    assert campaign.start is not None and campaign.end is not None
    if campaign.start == campaign.end:
        return "one"
    if day == campaign.start:
        return "first"
    if day == campaign.end:
        return "last"
    if anchor is not None:
        return "after" if day > anchor.date else "before"
    # No anchor in this plan (a range, or a person's post near it): the launch is at the middle.
    middle = campaign.start + (campaign.end - campaign.start) / 2
    return "after" if campaign.kind == "launch" and day > middle else "before"


def _campaign_topics(strategy: Strategy, slots: list[Slot]) -> None:
    """Campaign posts say what they are: the campaign's name and its step, in the strategy's language."""
    catalog = _catalog(strategy_language(strategy))
    by_id = {c.id: c for c in reversed(strategy.campaigns)}
    for slot in slots:
        campaign = by_id.get(slot.campaign)
        if campaign is None or not slot.step:
            continue
        kind = campaign.kind if f"planning.campaign.{campaign.kind}.first" in catalog else "launch"
        step = catalog[f"planning.campaign.{kind}.{slot.step}"]
        name = campaign.name.strip() or campaign.id
        slot.topic = f"{name}{' — ' if ':' in name else ': '}{step}"


@cache
def _catalog(lang: str) -> dict[str, Any]:
    from planner.l10n import labels

    return labels(lang)


# --- the pillar mix ----------------------------------------------------------------------------


def _strategy_mix(
    strategy: Strategy,
    rules: list[_ChannelRule],
    fixed_by_channel: dict[str, list[Post]],
    slots_of: dict[str, list[Slot]],
) -> Mix:
    """Each channel's pillar weights, planned across the strategy (planner.pillar_mix)."""
    shares = {p.id: Fraction(p.share) if p.share > 0 else Fraction(0) for p in _pillars(strategy)}
    demands = []
    for rule in rules:
        ids = {p.id for p in rule.pillars}
        kept = sum(1 for p in fixed_by_channel.get(rule.id, []) if p.pillar in ids)
        posts = len(slots_of[rule.id]) + kept if ids else 0
        demands.append(ChannelDemand(rule.id, [p.id for p in rule.pillars], rule.weights, posts))
    return plan_mix(shares, demands)


def _shares(rule: _ChannelRule, weights: Sequence[int]) -> dict[str, float]:
    whole = sum(weights)
    return {p.id: (w / whole if whole else 0.0) for p, w in zip(rule.pillars, weights, strict=True)}


def _mix_notes(
    rules: list[_ChannelRule],
    mix: Mix,
    fixed_by_channel: dict[str, list[Post]],
    slots_of: dict[str, list[Slot]],
) -> list[PlanNote]:
    """A note for each pillar the channels' lists keep off its share by a post or more."""
    if not mix.limits:
        return []
    counts: Counter[str] = Counter()
    for rule in rules:
        ids = {p.id for p in rule.pillars}
        counts.update(p.pillar for p in fixed_by_channel.get(rule.id, []) if p.pillar in ids)
        counts.update(s.pillar for s in slots_of[rule.id] if s.pillar)
    total = sum(counts.values())
    whole = sum(mix.targets.values()) or 1
    notes = []
    for limit in mix.limits:
        posts, target = counts[limit.pillar], mix.targets[limit.pillar]
        if abs(posts - target) < 1 or not total:
            continue
        share = float(target * 100 / whole)
        values: tuple[tuple[str, Any], ...] = (
            ("pillar", limit.pillar),
            ("actual", posts * 100 / total),
            ("posts", posts),
            ("total", total),
            ("share", share),
            ("channels", limit.channels),
        )
        if limit.short:
            notes.append(PlanNote("mix_short" if limit.channels else "mix_none", values))
        else:
            notes.append(PlanNote("mix_over", (*values, ("pillars", limit.pillars))))
    return notes


def _merged(fixed: list[Post], slots: list[Slot]) -> list[Post | Slot]:
    """A channel's fixed posts and new slots in date-time order (fixed first on a tie)."""
    items: list[tuple[dt.date, str, int, Post | Slot]] = [(p.date, p.time, 0, p) for p in fixed]  # type: ignore[misc]
    items += [(s.date, s.time, 1, s) for s in slots]
    items.sort(key=lambda x: (x[0], x[1], x[2]))
    return [x[3] for x in items]


def _assign_pillars(
    rule: _ChannelRule, weights: Sequence[int], fixed: list[Post], slots: list[Slot], kinds: dict[str, str]
) -> None:
    if not rule.pillars or not slots or not sum(weights):
        return
    weights = list(weights)
    index = {p.id: i for i, p in enumerate(rule.pillars)}
    whole = sum(weights)
    n_pillars = len(weights)
    counts = [0] * n_pillars
    total = 0  # posts of the channel with one of its pillars, so far
    last_slot = slots[-1].date
    weeks: list[list[Post | Slot]] = []
    current = None
    for item in _merged(fixed, slots):
        monday = _monday(item.date)  # type: ignore[arg-type]
        if monday != current:
            if current is not None and current > last_slot:
                break
            weeks.append([])
            current = monday
        weeks[-1].append(item)
    for week in weeks:
        mixed = [i for i in week if isinstance(i, Slot) or i.pillar in index]
        planned = sum(1 for i in mixed if isinstance(i, Slot))
        quota = [0] * n_pillars
        if planned:
            target = largest_remainder(total + len(mixed), weights)
            after = counts[:]
            for item in mixed:
                if not isinstance(item, Slot):
                    after[index[item.pillar]] += 1
            for _ in range(planned):
                i = max(range(n_pillars), key=lambda i: (target[i] - after[i] - quota[i], -i))
                quota[i] += 1
        # Campaign posts take their pillars from the week's quota first, by the stage their kind serves.
        reserved: dict[int, int] = {}
        for n, item in enumerate(mixed):
            if isinstance(item, Slot) and item.campaign:
                stages = _CAMPAIGN_STAGES.get(kinds.get(item.campaign, ""), ())
                rank = {s: r for r, s in enumerate(stages)}
                i = min(
                    (i for i in range(n_pillars) if quota[i]),
                    key=lambda i: (rank.get(rule.pillars[i].stage, len(rank)), -rule.pillars[i].share, i),
                )
                quota[i] -= 1
                reserved[n] = i
        for n, item in enumerate(mixed):
            if isinstance(item, Slot):
                if n in reserved:
                    i = reserved[n]
                else:
                    # The pillar that lags its running target most: (total+1)·share − count, in whole units.
                    i = max(
                        (i for i in range(n_pillars) if quota[i]),
                        key=lambda i: ((total + 1) * weights[i] - counts[i] * whole, -i),
                    )
                    quota[i] -= 1
                item.pillar = rule.pillars[i].id
            else:
                i = index[item.pillar]
            counts[i] += 1
            total += 1


# --- formats -----------------------------------------------------------------------------------


def _assign_formats(rule: _ChannelRule, fixed: list[Post], slots: list[Slot]) -> None:
    named = _role_formats(rule.channel.role)
    cycles = {p.id: _format_cycle(_formats_on(p, rule.channel), named) for p in rule.pillars}
    at: Counter[str] = Counter()  # each pillar's place in its cycle
    for item in _merged(fixed, slots):
        cycle = cycles.get(item.pillar)
        if not cycle:
            continue
        if isinstance(item, Slot):
            here = at[item.pillar]
            if item.campaign:  # a campaign post announces or reminds: it is no poll
                here += next((k for k in range(len(cycle)) if cycle[(here + k) % len(cycle)] != "poll"), 0)
            item.format = cycle[here % len(cycle)]
            at[item.pillar] = here + 1
        else:
            # A person's format: the rotation goes on after its next place in the cycle.
            here = at[item.pillar] % len(cycle)
            ahead = [(k - here) % len(cycle) for k, f in enumerate(cycle) if f == item.format]
            at[item.pillar] += (min(ahead) + 1) if ahead else 1


def _formats_on(pillar: Pillar, channel: Channel) -> list[str]:
    """The pillar's formats that the channel's platform publishes (a reel is not a Telegram post).

    When none of them fit, the pillar's own list stands: it is the marketer's choice.
    """
    from planner.catalog import platforms

    platform = platforms().get(channel.platform)
    formats = list(dict.fromkeys(pillar.formats))
    if platform is None:
        return formats
    fitting = [f for f in formats if f in platform.content_formats]
    return fitting or formats


def _format_cycle(formats: list[str], named: frozenset[str]) -> list[str]:
    """One turn of the rotation: the formats the role names take two places of three (see above)."""
    preferred = [f for f in formats if f in named]
    others = [f for f in formats if f not in named]
    if not preferred or not others:
        return formats
    rounds = lcm(len(preferred) // gcd(2, len(preferred)), len(others))
    cycle = []
    for k in range(rounds):
        cycle += [
            preferred[2 * k % len(preferred)],
            preferred[(2 * k + 1) % len(preferred)],
            others[k % len(others)],
        ]
    return cycle


@cache
def _role_formats(role: str) -> frozenset[str]:
    """The post formats a channel's role names, in any language the planner knows."""
    text = role.casefold()
    if not text:
        return frozenset()
    named = set()
    for format_id, words in _format_words().items():
        if any(re.search(rf"(?<!\w){re.escape(w.casefold())}", text) for w in words):
            named.add(format_id)
    return frozenset(named)


@cache
def _format_words() -> dict[str, tuple[str, ...]]:
    words: dict[str, tuple[str, ...]] = defaultdict(tuple)
    prefix = "planning.role_formats."
    for lang in LANGUAGES:
        for key, value in _catalog(lang).items():
            if key.startswith(prefix):
                words[key[len(prefix) :]] += tuple(value)
    return dict(words)


# --- topics ------------------------------------------------------------------------------------


def _assign_topics(
    strategy: Strategy, fixed: list[Post], slots: list[Slot], hi: dt.date
) -> list[TopicShortage]:
    """Bank topics for the slots that are not campaign posts; the pillars whose banks run short."""
    banks = banks_of(_pillars(strategy))
    kept = [
        (p.topic, TopicUse(p.date, p.channel, counted=not (p.owned_by_planner and p.date > hi)))
        for p in fixed
        if p.topic and p.date is not None
    ]
    open_slots = [s for s in slots if not s.campaign]
    empty = assign_topics(banks, kept, open_slots)
    shortages = []
    empty_by_pillar = Counter(s.pillar for s in empty)
    for pillar_id in banks:
        if empty_by_pillar[pillar_id]:
            needed = topics_needed(banks, kept, open_slots, pillar_id)
            shortages.append(TopicShortage(pillar_id, empty_by_pillar[pillar_id], needed))
    return shortages


# --- ids and the diff --------------------------------------------------------------------------


def _name_posts(slots: list[Slot], fixed: Iterable[Post], replaced: list[Post]) -> list[Post]:
    """Posts from slots with readable ids; a slot keeps the id of the planner post it replaces."""
    taken = {p.id for p in fixed}
    previous: dict[tuple[dt.date, str, str], list[Post]] = defaultdict(list)
    for post in sorted(replaced, key=lambda p: p.id):
        if post.id not in taken:
            previous[post.date, post.channel, post.time].append(post)  # type: ignore[index]
    ids = [""] * len(slots)
    # Where several posts share a day, channel and time, each slot first takes the id of the post with
    # its own content, so that planning twice gives the same file (issue 12); then the rest in id order.
    for exact in (True, False):
        for n, slot in enumerate(slots):
            candidates = previous.get((slot.date, slot.channel, slot.time))
            if ids[n] or not candidates:
                continue
            same = (slot.pillar, slot.format, slot.topic, slot.campaign)
            for candidate in candidates:
                if candidate.id in taken:
                    continue
                if (
                    not exact
                    or (candidate.pillar, candidate.format, candidate.topic, candidate.campaign) == same
                ):
                    ids[n] = candidate.id
                    taken.add(candidate.id)
                    break
    posts = []
    for slot, post_id in zip(slots, ids, strict=True):
        if not post_id:
            # The same rule as a post a person adds in the TUI: the lowest n no other post holds.
            post_id = new_post_id(taken, slot.date, slot.channel)
            taken.add(post_id)
        posts.append(
            Post(
                id=post_id,
                date=slot.date,
                time=slot.time,
                channel=slot.channel,
                pillar=slot.pillar,
                format=slot.format,
                topic=slot.topic,
                campaign=slot.campaign,
            )
        )
    return posts


def _diff(result: Strategy, before: list[Post], lo: dt.date, hi: dt.date) -> PlanChange:
    change = PlanChange(result, lo, hi)
    old = {p.id: p for p in before}
    new_ids = set()
    for post in result.posts:
        new_ids.add(post.id)
        was = old.get(post.id)
        if was is None:
            change.added.append(post)
        elif was != post:
            change.updated.append((was, post))
        elif post.date and lo <= post.date <= hi:
            change.kept.append(post)
    change.removed = [p for p in before if p.id not in new_ids]
    return change
