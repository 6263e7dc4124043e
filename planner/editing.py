"""Editing the lists of a strategy: what refers to an item, deleting and renaming without dangling ids, duplicates."""

from __future__ import annotations

import copy
from typing import Any

from planner.fields import FieldInfo
from planner.model import Strategy, referrers
from planner.slugs import propose_id


def _refers(item: Any, info: FieldInfo, item_id: str) -> bool:
    value = getattr(item, info.name)
    return item_id in value if info.kind == "list" else value == item_id


def references_to(strategy: Strategy, table: str, item_id: str) -> list[str]:
    """What refers to an item, as a person reads it: ["posts: 12", "goals: grow-vk"].

    Who refers to what comes from the fields' declarations (`ref=` in planner.model).
    """
    out = []
    for other, info in referrers(table):
        found = [i for i in getattr(strategy, other) if _refers(i, info, item_id)]
        if not found:
            continue
        if other == "posts":
            out.append(f"posts: {len(found)}")
        else:
            ids = [i.id for i in found]
            out.append(f"{other}: {', '.join(ids[:4])}{', …' if len(ids) > 4 else ''}")
    return out


def remove_references(strategy: Strategy, table: str, item_id: str) -> None:
    """After deleting an item, leave no reference to it: the file stays valid.

    Each referring field says what happens (`on_delete`): the id is removed from a list, a
    single reference is emptied, or the referring item goes too (a deleted channel's posts).
    """
    for other, info in referrers(table):
        items = getattr(strategy, other)
        name = info.name
        if info.on_delete == "delete":
            items[:] = [i for i in items if not _refers(i, info, item_id)]
        elif info.kind == "list":
            for i in items:
                if item_id in getattr(i, name):
                    setattr(i, name, [v for v in getattr(i, name) if v != item_id])
        else:
            for i in items:
                if getattr(i, name) == item_id:
                    setattr(i, name, "")


def rename_references(strategy: Strategy, table: str, old: str, new: str) -> int:
    """After an item's id changed, follow it everywhere it is referred to; returns how many changed."""
    changed = 0
    for other, info in referrers(table):
        name = info.name
        for i in getattr(strategy, other):
            value = getattr(i, name)
            if info.kind == "list" and old in value:
                setattr(i, name, [new if v == old else v for v in value])
                changed += 1
            elif info.kind != "list" and value == old:
                setattr(i, name, new)
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
