"""Topics for planned posts from the pillars' topic banks, and how many more topics a bank needs.

The rule (SPEC, "Planning rules"): topics come from the pillar's bank in order, and a topic is never
used twice on a channel within four weeks nor on two channels within one week. Here that reads:

- Slots are served in date order (then time, then channel order). Each takes, among the topics its
  pillar's bank may give it, the least used one, ties in bank order: the bank is walked in order,
  with no repeat until every topic has been used, then again from the top.
- A topic may go on a slot unless it is used on the same channel less than 28 days before or after
  (the same weekday four weeks later is fine), or on another channel less than 7 days apart. Every
  post that stays (a person's, or the planner's outside `--from/--to`) counts as a use of its topic
  string, whichever pillar it has; a topic in two banks is one topic. The planner's own posts after
  a `--from/--to` range block their topics but do not count as uses, so that planning a range of an
  unchanged plan gives the plan back (the whole plan chose them after the range's posts).
- A slot that no topic fits keeps an empty topic: an honest "topic to choose" for a person.
- `topics_needed` says how many more topics would fill every post: it plans again with that many
  new topics added to the end of the pillar's bank and checks that no slot of the pillar stays
  empty, so the figure `plan` prints works with this very rule (it is not always the least that
  some other assignment could do with).

A year of ten channels has thousands of slots and banks of a dozen topics: a topic just used waits
a week in a queue of its own instead of being looked at (and put back) by every slot of that week.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from planner.model import Pillar

SAME_CHANNEL_DAYS = 28  # a topic waits four weeks before it comes back on a channel
OTHER_CHANNEL_DAYS = 7  # and a week before it appears on another one
_SAME = dt.timedelta(days=SAME_CHANNEL_DAYS)
_OTHER = dt.timedelta(days=OTHER_CHANNEL_DAYS)


class TopicSlot(Protocol):
    date: dt.date
    channel: str
    pillar: str
    topic: str


@dataclass(frozen=True)
class TopicUse:
    date: dt.date
    channel: str
    counted: bool = True  # False: it blocks the topic around its day but does not make it "used"


class _Usage:
    """Where each topic string is used: by the kept posts (any date) and by the planner so far."""

    def __init__(self, kept: Iterable[tuple[str, TopicUse]]) -> None:
        uses: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)
        for topic, use in kept:
            uses[topic].append((use.date, use.channel))
            self.counts[topic] += use.counted
        self.kept = {t: sorted(u) for t, u in uses.items()}
        self.kept_days = {t: [d for d, _ in u] for t, u in self.kept.items()}
        # Slots come in date order: per topic, its latest day on each channel, and its two latest
        # (day, channel) on different channels, newest first, answer both rules at once.
        self.latest: dict[str, dict[str, dt.date]] = defaultdict(dict)
        self.newest: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)

    def count(self, topic: str) -> int:
        return self.counts.get(topic, 0)

    def free(self, topic: str, day: dt.date, channel: str) -> bool:
        last = self.latest[topic].get(channel)
        if last is not None and day - last < _SAME:
            return False
        for when, on in self.newest[topic]:
            if on != channel:
                if day - when < _OTHER:
                    return False
                break
        days = self.kept_days.get(topic)
        if days:
            uses = self.kept[topic]
            for when, on in uses[
                bisect.bisect_right(days, day - _SAME) : bisect.bisect_left(days, day + _SAME)
            ]:
                if abs(day - when) < (_SAME if on == channel else _OTHER):
                    return False
        return True

    def use(self, topic: str, day: dt.date, channel: str) -> None:
        self.latest[topic][channel] = day
        newest = [(day, channel), *(u for u in self.newest[topic] if u[1] != channel)]
        self.newest[topic] = newest[:2]


class _Bank:
    """One pillar's topics: those used in the last week wait aside; the rest least used first, ties in
    bank order. With `grow`, a slot that no topic fits gets a new one (to count what slots need)."""

    def __init__(self, topics: Sequence[str], usage: _Usage, grow: bool = False) -> None:
        self.topics = list(topics)
        self.usage = usage
        self.grow = grow
        self.counts = [usage.count(t) for t in self.topics]
        self.ready = [(c, i) for i, c in enumerate(self.counts)]
        heapq.heapify(self.ready)
        self.resting: list[tuple[dt.date, int]] = []  # (day it may come back, topic)

    def take(self, day: dt.date, channel: str) -> str:
        while self.resting and self.resting[0][0] <= day:
            _, i = heapq.heappop(self.resting)
            heapq.heappush(self.ready, (self.counts[i], i))
        aside = []
        chosen = -1
        while self.ready:
            count, i = heapq.heappop(self.ready)
            if self.usage.free(self.topics[i], day, channel):
                chosen = i
                break
            aside.append((count, i))
        for item in aside:
            heapq.heappush(self.ready, item)
        if chosen < 0:
            if not self.grow:
                return ""
            chosen = len(self.topics)
            self.topics.append(f"\0new {chosen}")
            self.counts.append(0)
        topic = self.topics[chosen]
        self.counts[chosen] += 1
        self.usage.use(topic, day, channel)
        heapq.heappush(self.resting, (day + _OTHER, chosen))  # blocked everywhere for a week
        return topic


def banks_of(pillars: Iterable[Pillar]) -> dict[str, list[str]]:
    """Each pillar's bank: its topics in order, without blanks or repeats (the first pillar of an id wins)."""
    banks: dict[str, list[str]] = {}
    for pillar in pillars:
        if pillar.id not in banks:
            banks[pillar.id] = list(dict.fromkeys(t for t in pillar.topics if t))
    return banks


def assign_topics(
    banks: dict[str, list[str]], kept: Iterable[tuple[str, TopicUse]], slots: Sequence[TopicSlot]
) -> list[TopicSlot]:
    """Fill `slots` (in the order they are served) from the banks; return the slots left empty."""
    usage = _Usage(kept)
    by_pillar = {pid: _Bank(bank, usage) for pid, bank in banks.items()}
    empty = []
    for slot in slots:
        bank = by_pillar.get(slot.pillar)
        slot.topic = bank.take(slot.date, slot.channel) if bank else ""
        if not slot.topic:
            empty.append(slot)
    return empty


def topics_needed(
    banks: dict[str, list[str]],
    kept: Sequence[tuple[str, TopicUse]],
    slots: Sequence[TopicSlot],
    pillar: str,
) -> int:
    """How many topics added to the end of `pillar`'s bank make the rule fill every one of its slots.

    `slots` are all the slots `assign_topics` served, in the same order, already filled. The first
    guess counts the new topics the pillar's empty slots would need on their own; each check that
    still leaves some empty adds what those need, up to one new topic a slot, which always works (a
    topic never used is free everywhere). A pillar whose bank shares no topic with another is
    checked on its own slots; otherwise the whole assignment is checked.
    """
    own = [s for s in slots if s.pillar == pillar]
    empty = [s for s in own if not s.topic]
    if not empty:
        return 0
    bank = set(banks.get(pillar, ()))
    shared = any(bank & set(b) for p, b in banks.items() if p != pillar)
    checked = slots if shared else own
    extra = _new_topics_for(empty)
    while extra < len(own):
        places = [_Place(s.date, s.channel, s.pillar) for s in checked]
        more = {**banks, pillar: [*banks.get(pillar, ()), *(f"\0new {i}" for i in range(extra))]}
        left = [p for p in assign_topics(more, kept, places) if p.pillar == pillar]
        if not left:
            return extra
        extra = min(len(own), extra + _new_topics_for(left))
    return extra


@dataclass
class _Place:
    date: dt.date
    channel: str
    pillar: str
    topic: str = ""


def _new_topics_for(places: Sequence[TopicSlot]) -> int:
    """How many new topics `places` (in date order) need on their own, by the same rule."""
    bank = _Bank([], _Usage(()), grow=True)
    for place in places:
        bank.take(place.date, place.channel)
    return len(bank.topics)
