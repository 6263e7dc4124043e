"""Editing the lists of a strategy: what refers to an item, deleting and renaming without dangling ids, duplicates."""

from __future__ import annotations

import copy
from typing import Any

from planner.model import Strategy
from planner.slugs import propose_id

# Who refers to an item of each table: (table, field, how). "list": the id is one of a list;
# "optional": an optional single reference, emptied on delete; "owner": the referring items
# belong to the deleted one (a channel's posts) and go with it.
REFERRERS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "audience": (("channels", "audience", "list"),),
    "competitors": (),
    "channels": (
        ("goals", "channel", "optional"),
        ("campaigns", "channels", "list"),
        ("posts", "channel", "owner"),
    ),
    "pillars": (("channels", "pillars", "list"), ("posts", "pillar", "optional")),
    "goals": (("campaigns", "goal", "optional"),),
    "campaigns": (("posts", "campaign", "optional"),),
}


def _refers(item: Any, field: str, how: str, item_id: str) -> bool:
    value = getattr(item, field)
    return item_id in value if how == "list" else value == item_id


def references_to(strategy: Strategy, table: str, item_id: str) -> list[str]:
    """What refers to an item, as a person reads it: ["posts: 12", "goals: grow-vk"]."""
    out = []
    for other, field, how in REFERRERS.get(table, ()):
        found = [i for i in getattr(strategy, other) if _refers(i, field, how, item_id)]
        if not found:
            continue
        if other == "posts":
            out.append(f"posts: {len(found)}")
        else:
            ids = [i.id for i in found]
            out.append(f"{other}: {', '.join(ids[:4])}{', …' if len(ids) > 4 else ''}")
    return out


def remove_references(strategy: Strategy, table: str, item_id: str) -> None:
    """After deleting an item, leave no reference to it: the file stays valid."""
    for other, field, how in REFERRERS.get(table, ()):
        items = getattr(strategy, other)
        if how == "owner":
            items[:] = [i for i in items if getattr(i, field) != item_id]
        for i in items:
            if how == "list" and item_id in getattr(i, field):
                setattr(i, field, [v for v in getattr(i, field) if v != item_id])
            elif how == "optional" and getattr(i, field) == item_id:
                setattr(i, field, "")


def rename_references(strategy: Strategy, table: str, old: str, new: str) -> int:
    """After an item's id changed, follow it everywhere it is referred to; returns how many changed."""
    changed = 0
    for other, field, how in REFERRERS.get(table, ()):
        for i in getattr(strategy, other):
            value = getattr(i, field)
            if how == "list" and old in value:
                setattr(i, field, [new if v == old else v for v in value])
                changed += 1
            elif how != "list" and value == old:
                setattr(i, field, new)
                changed += 1
    return changed


def duplicate(strategy: Strategy, table: str, index: int) -> int:
    """Copy an item right after itself with a new unique id; returns the copy's index."""
    items = getattr(strategy, table)
    twin = copy.deepcopy(items[index])
    twin.id = propose_id(twin.id or item_name(twin), {i.id for i in items})
    for name_field in ("name", "title"):
        value = getattr(twin, name_field, "")
        if value:
            setattr(twin, name_field, f"{value} (copy)")
    items.insert(index + 1, twin)
    return index + 1


def item_name(item: Any) -> str:
    """How an item is called in a list: its name or title, else its id."""
    return getattr(item, "name", "") or getattr(item, "title", "") or getattr(item, "id", "")
