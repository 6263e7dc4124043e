"""The content plan: slots from each channel's cadence, the pillar mix, formats, topics, campaign days.

`plan_strategy` regenerates the posts the planner owns and keeps every post a person touched.
Where SPEC is silent, these are the rules:

- Slots: each ISO week a channel gets up to `posts_per_week` slots on its `days` at its `times`,
  earliest first and one a day before two a day: every listed day's earliest free time, in date
  order, then the days' next times (a day that already has a kept post comes after the empty
  days). A week cut by the period or by `--from/--to` gets only the slots inside, still up to
  the cadence. A channel without `days` publishes on `posts_per_week` weekdays spaced evenly from
  Monday (1: Mon; 2: Mon, Thu; 3: Mon, Wed, Fri; 5: Mon, Tue, Wed, Fri, Sat; 7 or more: every
  day). A channel without `times` publishes at 10:00, so that scheduler exports get a time.
- Every post that stays (a person's, or the planner's outside `--from/--to`) counts toward its
  week's cadence and takes its slot when it sits on one.
- Campaign days: the first and last day of a campaign get a post tagged with it on each of its
  channels: a kept post already tagged, else the day's first planner post, else a post added at
  the channel's first free time that replaces the week's latest untagged planner post, so the
  cadence holds; only a week with nothing left to replace goes beyond it. Both are noted.
- Pillars: per channel, the week's planner posts are split so that the counts at the end of the
  week match the largest-remainder apportionment of the running total as closely as the week's
  posts allow (exactly, or within one post where the apportionment itself takes a post back);
  within the week each post takes the pillar that lags its running target most, ties in pillar
  order. Kept posts with one of the channel's pillars count toward the mix, so a range planned
  with `--from/--to` continues the mix of the posts before it.
- Formats rotate per channel and pillar: the next after the last format the channel used in
  that pillar, among the pillar's formats that the channel's platform publishes (the catalog's
  `content_formats`; all of the pillar's formats when none fit). Topics come from the pillar's bank across all channels in date order: the least
  used topic first, ties in bank order (so: in order, no repeats until the bank is used up,
  then from the top), counting the topics of every post that stays.
- Ids: `YYYY-MM-DD-<channel>-<n>`; a regenerated post at the same day, channel and time keeps
  the id it had; new ones take the lowest n no other post holds.
- Public holidays are not avoided (a holiday post can be the best post of the month); the
  summary names the holidays that have posts, and the documents mark every holiday.
- A whole-period plan also removes the planner's posts left outside a period that has changed.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from math import lcm

from planner.editing import new_post_id
from planner.errors import PlannerError
from planner.fields import WEEKDAYS
from planner.model import Channel, Pillar, Post, Strategy

DEFAULT_TIME = "10:00"
_DAY = dt.timedelta(days=1)
_WEEK = dt.timedelta(days=7)


@dataclass
class Slot:
    """A planner post in the making: where it goes, then what it is about."""

    date: dt.date
    time: str
    channel: str
    campaign: str = ""
    pillar: str = ""
    format: str = ""
    topic: str = ""


@dataclass(frozen=True)
class ChannelMonth:
    """What planning did to one channel in one month (a line of the summary)."""

    channel: str
    month: str  # YYYY-MM
    added: int = 0
    removed: int = 0
    updated: int = 0
    kept: int = 0


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
    notes: list[str] = field(default_factory=list)
    holidays: dict[dt.date, str] = field(default_factory=dict)  # public holidays in start … end
    reordered: bool = False

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
            p for p in self.strategy.posts if p.date in self.holidays and self.start <= p.date <= self.end
        ]

    def summary_lines(self) -> list[str]:
        """What `plan` prints: per channel and month, a total, then notes; one line when up to date."""
        span = f"{self.start.isoformat()} – {self.end.isoformat()}"
        if not self.changed:
            inside = sum(1 for p in self.strategy.posts if p.date and self.start <= p.date <= self.end)
            return [f"the content plan is up to date: {_posts(inside)} from {span}, nothing to change"]
        lines = []
        months = self.by_channel_month()
        width = max((len(cm.channel) for cm in months), default=0)
        for cm in months:
            lines.append(
                f"{cm.channel:<{width}} {cm.month}: {_counts(cm.added, cm.removed, cm.updated, cm.kept)}"
            )
        total = _counts(len(self.added), len(self.removed), len(self.updated), len(self.kept))
        lines.append(f"total {span}: {total}")
        if self.reordered and not (self.added or self.removed or self.updated):
            lines.append("posts put in date order")
        lines.extend(f"note: {note}" for note in self.notes)
        on_holidays = self.holiday_posts()
        if on_holidays:
            days = sorted({p.date for p in on_holidays})
            named = ", ".join(f"{d.isoformat()} {self.holidays[d]}" for d in days[:6])
            more = f" and {len(days) - 6} more days" if len(days) > 6 else ""
            country = self.strategy.strategy.country.upper()
            lines.append(
                f"note: {_posts(len(on_holidays))} fall on public holidays ({country}): {named}{more}"
            )
        return lines


def _posts(n: int) -> str:
    return f"{n} post" if n == 1 else f"{n} posts"


def _counts(added: int, removed: int, updated: int, kept: int) -> str:
    parts = [f"{added} added", f"{removed} removed"]
    if updated:
        parts.append(f"{updated} updated")
    parts.append(f"{kept} kept")
    return ", ".join(parts)


# --- the rules of one channel ----------------------------------------------------------------


@dataclass
class _ChannelRule:
    channel: Channel
    order: int
    days: list[int]  # weekdays 0-6 it publishes on, in order
    times: list[str]  # sorted, never empty
    pillars: list[Pillar]  # the pillars it may use, in strategy order
    weights: list[int]  # integer shares of those pillars (common denominator)

    @property
    def id(self) -> str:
        return self.channel.id


def _channel_rules(strategy: Strategy) -> list[_ChannelRule]:
    if not strategy.channels:
        raise PlannerError("the strategy has no channels: add one under [[channels]] before planning")
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
        rules.append(_ChannelRule(ch, order, days, times, pillars, weights))
    return rules


def spread_days(cadence: int) -> list[int]:
    """Weekdays (0 = Monday) for a channel with no `days`: `cadence` evenly spaced from Monday, at most 7."""
    n = min(7, cadence)
    return [i * 7 // n for i in range(n)] if n > 0 else []


def _pillar_weights(strategy: Strategy, ch: Channel) -> tuple[list[Pillar], list[int]]:
    allowed = set(ch.pillars)
    pillars = [p for p in strategy.pillars if not allowed or p.id in allowed]
    pillars = list({p.id: p for p in reversed(pillars)}.values())[::-1]  # first of a duplicated id
    shares = [Fraction(p.share) if p.share > 0 else Fraction(0) for p in pillars]
    if pillars and not any(shares):
        shares = [Fraction(1)] * len(pillars)  # all shares zero: an even mix
    denominator = lcm(*(s.denominator for s in shares)) if shares else 1
    weights = [int(s * denominator) for s in shares]
    return pillars, weights


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

    notes: list[str] = []
    slots: list[Slot] = []
    for rule in rules:
        own = fixed_by_channel.get(rule.id, [])
        channel_slots = _channel_slots(rule, own, lo, hi, _campaign_days(strategy, rule.id, lo, hi), notes)
        _assign_pillars(rule, own, channel_slots)
        _assign_formats(rule, own, channel_slots)
        slots.extend(channel_slots)
    _assign_topics(strategy, fixed, slots)

    replaced = [p for p in before if replaceable(p)]
    new_posts = _name_posts(slots, fixed, replaced)
    order = {r.id: r.order for r in rules}
    posts = sorted(
        fixed + new_posts,
        key=lambda p: (p.date or dt.date.min, p.time, order.get(p.channel, len(order)), p.id),
    )
    result = replace(strategy, posts=posts)
    change = _diff(result, before, lo, hi)
    change.notes = notes
    change.reordered = posts != before
    change.holidays = _holidays(strategy, lo, hi)
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


def _campaign_days(strategy: Strategy, channel: str, lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    """(day, campaign id) of every first and last campaign day on this channel inside lo … hi."""
    days = []
    for campaign in strategy.campaigns:
        if channel not in campaign.channels or campaign.start is None or campaign.end is None:
            continue
        for day in dict.fromkeys((campaign.start, campaign.end)):
            if lo <= day <= hi:
                days.append((day, campaign.id))
    return sorted(days, key=lambda d: d[0])


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _channel_slots(
    rule: _ChannelRule,
    fixed: list[Post],
    lo: dt.date,
    hi: dt.date,
    campaign_days: list[tuple[dt.date, str]],
    notes: list[str],
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
        ranked = []
        for weekday in rule.days:
            day = monday + dt.timedelta(days=weekday)
            if lo <= day <= hi:
                free = [t for t in rule.times if (day, t) not in taken]
                ranked.extend((on_day[day] + k, day, t) for k, t in enumerate(free))
        ranked.sort()
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
    notes: list[str],
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
        time = next((t for t in rule.times if t not in busy), rule.times[0])
        untagged = [s for s in chosen if not s.campaign]
        where = f"{rule.id}: campaign {campaign} needs a post on {_day(day)}"
        if untagged:
            dropped = untagged[-1]
            chosen.remove(dropped)
            notes.append(f"{where}; added at {time} in place of {_day(dropped.date)} {dropped.time}")
        else:
            notes.append(f"{where}; added at {time}, beyond {rule.channel.posts_per_week} posts that week")
        chosen.append(Slot(day, time, rule.id, campaign=campaign))
    chosen.sort(key=lambda s: (s.date, s.time))
    return chosen


def _day(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()].capitalize()} {day.isoformat()}"


def _merged(fixed: list[Post], slots: list[Slot]) -> list[Post | Slot]:
    """A channel's fixed posts and new slots in date-time order (fixed first on a tie)."""
    items: list[tuple[dt.date, str, int, Post | Slot]] = [(p.date, p.time, 0, p) for p in fixed]  # type: ignore[misc]
    items += [(s.date, s.time, 1, s) for s in slots]
    items.sort(key=lambda x: (x[0], x[1], x[2]))
    return [x[3] for x in items]


def _assign_pillars(rule: _ChannelRule, fixed: list[Post], slots: list[Slot]) -> None:
    if not rule.pillars or not slots:
        return
    index = {p.id: i for i, p in enumerate(rule.pillars)}
    weights = rule.weights
    whole = sum(weights)
    n_pillars = len(weights)
    counts = [0] * n_pillars
    total = 0  # posts of the channel with one of its pillars, so far
    last_slot = slots[-1].date
    week: list[Post | Slot] = []
    weeks: list[list[Post | Slot]] = []
    current = None
    for item in _merged(fixed, slots):
        monday = _monday(item.date)  # type: ignore[arg-type]
        if monday != current:
            if current is not None and current > last_slot:
                break
            week = []
            weeks.append(week)
            current = monday
        week.append(item)
    quota = [0] * n_pillars
    for week in weeks:
        mixed = [i for i in week if isinstance(i, Slot) or i.pillar in index]
        planned = sum(1 for i in mixed if isinstance(i, Slot))
        if planned:
            target = largest_remainder(total + len(mixed), weights)
            after = counts[:]
            for item in mixed:
                if not isinstance(item, Slot):
                    after[index[item.pillar]] += 1
            quota = [0] * n_pillars
            for _ in range(planned):
                i = max(range(n_pillars), key=lambda i: (target[i] - after[i] - quota[i], -i))
                quota[i] += 1
        for item in mixed:
            if isinstance(item, Slot):
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


def _assign_formats(rule: _ChannelRule, fixed: list[Post], slots: list[Slot]) -> None:
    formats = {p.id: _formats_on(p, rule.channel) for p in rule.pillars}
    last: dict[str, str] = {}
    used: Counter[str] = Counter()
    for item in _merged(fixed, slots):
        if isinstance(item, Slot) and item.pillar:
            choices = formats.get(item.pillar) or []
            if choices:
                previous = last.get(item.pillar)
                at = choices.index(previous) + 1 if previous in choices else used[item.pillar]
                item.format = choices[at % len(choices)]
        if item.pillar:
            last[item.pillar] = item.format
            used[item.pillar] += 1


def _formats_on(pillar: Pillar, channel: Channel) -> list[str]:
    """The pillar's formats that the channel's platform publishes (a reel is not a Telegram post).

    When none of them fit, the pillar's own list stands: it is the marketer's choice.
    """
    from planner.catalog import platforms

    platform = platforms().get(channel.platform)
    if platform is None:
        return pillar.formats
    fitting = [f for f in pillar.formats if f in platform.content_formats]
    return fitting or pillar.formats


def _assign_topics(strategy: Strategy, fixed: list[Post], slots: list[Slot]) -> None:
    """Each pillar's topic bank across all channels in date order: least used first, bank order."""
    used = Counter(p.topic for p in fixed if p.topic)
    banks: dict[str, list[tuple[int, int, str]]] = {}
    for pillar in strategy.pillars:
        bank = list(dict.fromkeys(t for t in pillar.topics if t))
        if bank and pillar.id not in banks:
            heap = [(used[t], i, t) for i, t in enumerate(bank)]
            heapq.heapify(heap)
            banks[pillar.id] = heap
    order = {c.id: i for i, c in enumerate(strategy.channels)}
    for slot in sorted(slots, key=lambda s: (s.date, s.time, order[s.channel])):
        heap = banks.get(slot.pillar)
        if heap:
            count, i, topic = heap[0]
            heapq.heapreplace(heap, (count + 1, i, topic))
            slot.topic = topic


def _name_posts(slots: list[Slot], fixed: Iterable[Post], replaced: list[Post]) -> list[Post]:
    """Posts from slots with readable ids; a slot keeps the id of the planner post it replaces."""
    taken = {p.id for p in fixed}
    previous: dict[tuple[dt.date, str, str], list[str]] = defaultdict(list)
    for post in sorted(replaced, key=lambda p: p.id):
        if post.id not in taken:
            previous[post.date, post.channel, post.time].append(post.id)  # type: ignore[index]
    ids: list[str] = []
    for slot in slots:
        candidates = previous.get((slot.date, slot.channel, slot.time))
        reuse = ""
        while candidates:
            candidate = candidates.pop(0)
            if candidate not in taken:
                reuse = candidate
                break
        if reuse:
            taken.add(reuse)
        ids.append(reuse)
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


def _holidays(strategy: Strategy, lo: dt.date, hi: dt.date) -> dict[dt.date, str]:
    from planner.public_holidays import holidays_between

    info = strategy.strategy
    return holidays_between(info.country, lo, hi, "en")  # the CLI speaks English
