"""Export the content plan: a generic CSV, an iCalendar file, or a scheduler's bulk-upload CSV.

Every format gets the posts in calendar order (date, time, channel, id). The clock is read once per
export (`clock`, which tests set): a scheduler's file leaves out posts already past, and an
iCalendar file is stamped with the time it was made, or with `SOURCE_DATE_EPOCH` when that is set,
so that the same strategy and epoch give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field

from planner.errors import PlannerError, did_you_mean
from planner.model import Post, Strategy

# Format name -> module in this package; each module has `export(strategy, posts, options) -> Exported`.
FORMATS = {
    "csv": "csv_plan",
    "ics": "ics",
    "buffer": "buffer",
    "hootsuite": "hootsuite",
    "sprout": "sprout",
}


def clock() -> dt.datetime:
    """Now, in UTC: the one reading of the clock an export makes (the tests replace it)."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class ExportOptions:
    """What an export needs besides the posts: the time it is made, and whether past posts go in."""

    now: dt.datetime
    include_past: bool = False


@dataclass
class Exported:
    """The bytes to write, how many posts they carry, and what the user should know about them."""

    data: bytes
    count: int
    notes: list[str] = field(default_factory=list)


def export_posts(
    strategy: Strategy,
    fmt: str,
    *,
    channel: str | None = None,
    include_past: bool = False,
    now: dt.datetime | None = None,
) -> Exported:
    """The content plan (or one channel's part of it) in format `fmt`; PlannerError if nothing fits.

    `now` (aware; default: `clock()`) decides which posts a scheduler's file leaves out as past,
    unless `include_past`.
    """
    if fmt not in FORMATS:
        raise PlannerError(
            f"unknown export format '{fmt}'{did_you_mean(fmt, FORMATS)}; choose one of {', '.join(FORMATS)}"
        )
    posts = plan_posts(strategy, channel)
    module = importlib.import_module(f"planner.exports.{FORMATS[fmt]}")
    options = ExportOptions(now=now or clock(), include_past=include_past)
    return module.export(strategy, posts, options)


def plan_posts(strategy: Strategy, channel: str | None = None) -> list[Post]:
    """The posts to export in calendar order, only `channel`'s when given."""
    if channel is not None and strategy.channel(channel) is None:
        known = [c.id for c in strategy.channels]
        listing = f"; the channels are {', '.join(known)}" if known else "; the strategy has no channels"
        on_platform = [c.id for c in strategy.channels if c.platform == channel]
        hint = (
            f" (did you mean '{on_platform[0]}'?)" if len(on_platform) == 1 else did_you_mean(channel, known)
        )
        raise PlannerError(f"unknown channel '{channel}'{hint}{listing}")
    if not strategy.posts:
        raise PlannerError("the content plan is empty: fill it first with `smm-planner plan PATH`")
    posts = [p for p in strategy.posts if channel is None or p.channel == channel]
    if not posts:
        raise PlannerError(f"channel '{channel}' has no posts in the content plan")
    return sorted(posts, key=calendar_order)


def calendar_order(post: Post) -> tuple[str, str, str, str]:
    return (post.date.isoformat() if post.date else "", post.time, post.channel, post.id)
