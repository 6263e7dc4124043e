"""Editing the lists of a strategy: what refers to an item, deleting and renaming without dangling ids, duplicates."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Container, Iterable
from typing import Any

from planner.fields import FieldInfo
from planner.model import Post, Strategy, referrers
from planner.period import parse_month_key, plan_months
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


# What a copy's name says it is, in the strategy's document language: the name is the client's
# text (it reaches the documents), so "(copy)" must not land in a Russian strategy document.
COPY_SUFFIX = {"en": " (copy)", "ru": " (копия)"}


def duplicate(strategy: Strategy, table: str, index: int) -> int:
    """Copy an item right after itself with a new unique id; returns the copy's index.

    The copy's name or title says it is a copy in the strategy's document language.
    """
    if table == "posts":  # a post is copied by the content plan's own rule
        return duplicate_post(strategy, index)
    items = getattr(strategy, table)
    twin = copy.deepcopy(items[index])
    twin.id = propose_id(twin.id or item_name(twin), {i.id for i in items})
    suffix = COPY_SUFFIX.get(strategy.strategy.language, COPY_SUFFIX["en"])
    for name_field in ("name", "title"):
        value = getattr(twin, name_field, "")
        if value:
            setattr(twin, name_field, f"{value}{suffix}")
    items.insert(index + 1, twin)
    return index + 1


def item_name(item: Any) -> str:
    """How an item is called in a list: its name or title, else its id."""
    return getattr(item, "name", "") or getattr(item, "title", "") or getattr(item, "id", "")


# --- posts of the content plan ----------------------------------------------------------------
#
# The rules a person's edits to the plan follow, whether made in the TUI or by a script: the
# planner's id pattern, the post that becomes a person's (a draft) when edited, copying, moving
# and deleting a post, and the slice of the plan a month, channel, pillar or status selects.


def new_post_id(taken: Container[str], date: dt.date, channel: str) -> str:
    """The planner's own id for a post: `YYYY-MM-DD-<channel>-<n>`, with the lowest n not in `taken`."""
    prefix = f"{date.isoformat()}-{channel}-"
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def hand_written_post(date: dt.date, channel: str, *, time: str = "", pillar: str = "") -> Post:
    """A post a person starts writing: a draft from the start, so `plan` keeps it; its id comes with `add_post`."""
    return Post(id="", date=date, time=time, channel=channel, pillar=pillar, status="draft")


def add_post(strategy: Strategy, post: Post) -> int:
    """Put a person's post into the plan in calendar order (after the posts of its slot); returns its index.

    A post without an id gets one in the planner's pattern.
    """
    posts = strategy.posts
    if not post.id and post.date is not None:
        post.id = new_post_id({p.id for p in posts}, post.date, post.channel or "post")
    key = (post.date or dt.date.max, post.time)
    at = next((i for i, p in enumerate(posts) if (p.date or dt.date.max, p.time) > key), len(posts))
    posts.insert(at, post)
    return at


def edited_post(original: Post, edited: Post) -> Post:
    """The post as it will be saved after a person's edit: SPEC's rule that editing a planned post makes it a draft.

    A person who changed anything but the status and left the status at `planned` has taken the
    post over, so `plan` must keep it; an explicit status change is respected as chosen.
    """
    if original.status != "planned" or edited.status != "planned":
        return edited
    touched = any(
        getattr(original, name) != getattr(edited, name)
        for name in original.__dataclass_fields__
        if name not in ("id", "status")
    )
    return dataclasses.replace(edited, status="draft") if touched else edited


def update_post(post: Post, edited: Post) -> bool:
    """Apply a person's edit to a post of the plan, in place (the draft rule included); False: nothing changed."""
    saved = edited_post(post, edited)
    if saved == post:
        return False
    for name in post.__dataclass_fields__:
        setattr(post, name, getattr(saved, name))
    return True


def move_post(
    post: Post, *, date: dt.date | None = None, time: str | None = None, channel: str | None = None
) -> bool:
    """Move a post to another day, time or channel; a planned post moved by a person becomes a draft.

    The post keeps its id: an id names a post, it does not say where it is (`validate` checks the
    new day against the period and the channel against the channels).
    """
    moved = dataclasses.replace(
        post,
        date=post.date if date is None else date,
        time=post.time if time is None else time,
        channel=post.channel if channel is None else channel,
    )
    return update_post(post, moved)


def delete_post(strategy: Strategy, post: Post) -> int | None:
    """Remove this post (this object, not an equal one) from the plan; its index, or None if it is not there.

    A post the planner owns (`Post.owned_by_planner`) comes back at the next `plan`; a skipped
    one keeps its slot empty.
    """
    at = next((i for i, p in enumerate(strategy.posts) if p is post), None)
    if at is not None:
        del strategy.posts[at]
    return at


def duplicate_post(strategy: Strategy, index: int) -> int:
    """Copy a post right after itself as a person's draft on the same slot, without results; returns the copy's index.

    E.g. the same news again on a second day: the copy is then moved or edited.
    """
    posts = strategy.posts
    post = posts[index]
    twin = copy.deepcopy(post)
    twin.results = None
    twin.status = "draft"
    taken = {p.id for p in posts}
    if post.date is not None:
        twin.id = new_post_id(taken, post.date, post.channel or "post")
    else:
        twin.id = propose_id(post.id or "post", taken)
    posts.insert(index + 1, twin)
    return index + 1


def filter_posts(
    posts: Iterable[Post], *, month: str = "", channel: str = "", pillar: str = "", status: str = ""
) -> list[Post]:
    """The slice of the plan the content plan's filters select, in calendar order (an empty filter: any).

    `month` is a month key, `2026-12`.
    """
    year, mon = parse_month_key(month) if month else (0, 0)
    chosen = [
        p
        for p in posts
        if (not month or (p.date is not None and p.date.month == mon and p.date.year == year))
        and (not channel or p.channel == channel)
        and (not pillar or p.pillar == pillar)
        and (not status or p.status == status)
    ]
    chosen.sort(key=lambda p: (p.date or dt.date.max, p.time, p.channel))
    return chosen


def months_of_plan(strategy: Strategy) -> list[str]:
    """The months the content plan offers: every month of the period, and any other that holds posts."""
    info = strategy.strategy
    return plan_months(info.start, info.end, (p.date for p in strategy.posts))
