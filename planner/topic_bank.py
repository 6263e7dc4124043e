"""Topics for planned posts from the pillars' topic banks, and how many more topics a bank needs.

The rule (SPEC, "Planning rules"): topics come from the pillar's bank in order, and a topic is never
used twice on a channel within four weeks nor on two channels within one week. Here that reads:

- Slots are served in date order (then time, then channel order). Each takes, among the topics its
  pillar's bank may give it, the least used one, ties in bank order: the bank is walked in order,
  with no repeat until every topic has been used, then again from the top.
- A topic may go on a slot unless it is used on the same channel less than 28 days before or after
  (the same weekday four weeks later is fine), or on another channel less than 7 days apart. Every
  post that stays (a person's, or the planner's outside `--from/--to`) counts as a use of its topic
  string, whichever pillar it has.
- A slot that no topic fits keeps an empty topic: an honest "topic to choose" for a person.
- `topics_needed` says how many more topics would fill every post: it plans the pillar again with
  that many new topics added to the end of its bank and checks that no slot stays empty, so the
  figure `plan` prints is one that works with this very rule (not always the least that could).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from planner.model import Pillar

SAME_CHANNEL_DAYS = 28  # a topic waits four weeks before it comes back on a channel
OTHER_CHANNEL_DAYS = 7  # and a week before it appears on another one


class TopicSlot(Protocol):
    date: dt.date
    channel: str
    pillar: str
    topic: str


@dataclass(frozen=True)
class TopicUse:
    date: dt.date
    channel: str


def _too_close(day: dt.date, channel: str, use: TopicUse) -> bool:
    gap = abs((day - use.date).days)
    return gap < (SAME_CHANNEL_DAYS if channel == use.channel else OTHER_CHANNEL_DAYS)


class _Usage:
    """Where each topic string is used: the kept posts (any date) and the planner's (so far)."""

    def __init__(self, kept: Iterable[tuple[str, TopicUse]]) -> None:
        self.kept: dict[str, list[TopicUse]] = defaultdict(list)
        for topic, use in kept:
            self.kept[topic].append(use)
        # Slots come in date order, so the latest use on each channel is the only one that can block.
        self.latest: dict[str, dict[str, dt.date]] = defaultdict(dict)

    def count(self, topic: str) -> int:
        return len(self.kept.get(topic, ()))

    def free(self, topic: str, day: dt.date, channel: str) -> bool:
        for on, when in self.latest.get(topic, {}).items():
            if _too_close(day, channel, TopicUse(when, on)):
                return False
        return not any(_too_close(day, channel, use) for use in self.kept.get(topic, ()))

    def use(self, topic: str, day: dt.date, channel: str) -> None:
        self.latest[topic][channel] = day


class _Bank:
    """One pillar's topics, least used first, ties in bank order."""

    def __init__(self, topics: Sequence[str], usage: _Usage) -> None:
        self.topics = list(topics)
        self.usage = usage
        self.heap = [(usage.count(t), i) for i, t in enumerate(self.topics)]
        heapq.heapify(self.heap)

    def take(self, day: dt.date, channel: str) -> str:
        blocked = []
        chosen = ""
        while self.heap:
            count, i = heapq.heappop(self.heap)
            topic = self.topics[i]
            if self.usage.free(topic, day, channel):
                heapq.heappush(self.heap, (count + 1, i))
                self.usage.use(topic, day, channel)
                chosen = topic
                break
            blocked.append((count, i))
        for item in blocked:
            heapq.heappush(self.heap, item)
        return chosen


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
    guess counts the topics the pillar's empty slots would need on their own; each check that still
    leaves some empty adds what those need, up to one new topic a slot, which always works (a topic
    never used is free everywhere). A pillar whose bank shares no topic with another is checked on
    its own slots; otherwise the whole assignment is checked, since a topic in two banks is one topic.
    """
    own = [s for s in slots if s.pillar == pillar]
    empty = [_Place(s.date, s.channel, pillar) for s in own if not s.topic]
    if not empty:
        return 0
    bank = set(banks.get(pillar, ()))
    shared = any(bank & set(b) for p, b in banks.items() if p != pillar)
    checked = slots if shared else own
    extra = _fresh_topics_for(empty)
    while extra < len(own):
        places = [_Place(s.date, s.channel, s.pillar) for s in checked]
        more = {**banks, pillar: [*banks.get(pillar, ()), *(f"\0new {i}" for i in range(extra))]}
        left = [p for p in assign_topics(more, kept, places) if p.pillar == pillar]
        if not left:
            return extra
        extra = min(len(own), extra + _fresh_topics_for(left))
    return extra


@dataclass
class _Place:
    date: dt.date
    channel: str
    pillar: str
    topic: str = ""


def _fresh_topics_for(places: Sequence[TopicSlot]) -> int:
    """New topics that `places` (in date order) need on their own: each goes to the topic used longest ago
    that is free there, else to a new one."""
    latest: list[dict[str, dt.date]] = []  # per new topic: its latest day on each channel
    order: list[tuple[dt.date, int]] = []  # (day it was last used, topic) — oldest first
    for place in places:
        blocked = []
        found = -1
        while order:
            last, i = heapq.heappop(order)
            if all(not _too_close(place.date, place.channel, TopicUse(d, c)) for c, d in latest[i].items()):
                found = i
                break
            blocked.append((last, i))
        for item in blocked:
            heapq.heappush(order, item)
        if found < 0:
            found = len(latest)
            latest.append({})
        latest[found][place.channel] = place.date
        heapq.heappush(order, (place.date, found))
    return len(latest)
