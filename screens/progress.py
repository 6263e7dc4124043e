"""How complete each step is, for the sidebar: plain functions of the strategy, without importing any step.

The sidebar shows every step's badge on the first screen, before most steps are built (their
modules are imported when first shown), so these live apart from the steps and import nothing
of Textual. `screens.step_specs` names the function of each step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from planner.model import pillar_shares_problem

if TYPE_CHECKING:
    from planner.model import Strategy

Progress = Callable[["Strategy"], tuple[int, int]]

# What the sidebar counts as filled in on the Strategy step: what a client document cannot do without.
STRATEGY_FIELDS = (
    "name",
    "client",
    "brand",
    "website",
    "country",
    "timezone",
    "start",
    "end",
    "summary",
    "currency",
)
COMMUNITY_FIELDS = ("moderation", "negative_feedback")

# The fields that make an item of a list complete enough to count.
COMPLETE_WHEN: dict[str, tuple[str, ...]] = {
    "audience": ("name", "pains", "motivations", "platforms"),
    "competitors": ("name", "strengths", "weaknesses", "presence"),
    "channels": ("platform", "role", "posts_per_week", "days", "times"),
    "pillars": ("name", "share", "formats", "topics"),
    "goals": ("title", "metric", "target", "why"),
    "campaigns": ("name", "start", "end", "channels", "mechanics"),
}

EMPTY: tuple[Any, ...] = ("", None, [], 0)


def strategy_progress(strategy: Strategy) -> tuple[int, int]:
    """The key fields of [strategy] and the two community rules that are filled in."""
    info, community = strategy.strategy, strategy.community
    done = sum(1 for name in STRATEGY_FIELDS if getattr(info, name) not in ("", None))
    done += sum(1 for name in COMMUNITY_FIELDS if getattr(community, name))
    return (done, len(STRATEGY_FIELDS) + len(COMMUNITY_FIELDS))


def list_progress(table: str) -> Progress:
    """Items of a list whose key fields (COMPLETE_WHEN) are all filled in, out of all its items."""
    fields = COMPLETE_WHEN[table]

    def progress(strategy: Strategy) -> tuple[int, int]:
        items = getattr(strategy, table)
        done = sum(1 for i in items if all(getattr(i, f) not in EMPTY for f in fields))
        return (done, len(items))

    progress.__name__ = f"{table}_progress"
    return progress


_pillars_filled = list_progress("pillars")


def pillars_progress(strategy: Strategy) -> tuple[int, int]:
    """As every list, except that shares that do not add up to 100 leave the step unfinished."""
    done, total = _pillars_filled(strategy)
    if pillar_shares_problem(strategy.pillars) is not None:
        done = min(done, total - 1)
    return (done, total)


def checklist_progress(strategy: Strategy) -> tuple[int, int]:
    """SMO and tactics items that have a status, out of both built-in lists."""
    from planner.catalog import checklists

    lists = checklists()
    done = sum(1 for item in lists["smo"] if item.id in strategy.smo)
    done += sum(1 for item in lists["tactics"] if item.id in strategy.tactics)
    return (done, len(lists["smo"]) + len(lists["tactics"]))


def plan_progress(strategy: Strategy) -> tuple[int, int]:
    """Posts that have a topic (or are skipped) out of all posts: what is left to write."""
    if not strategy.posts:
        return (0, 1) if strategy.channels else (0, 0)
    ready = sum(1 for p in strategy.posts if p.topic or p.status == "skipped")
    return (ready, len(strategy.posts))


def no_progress(strategy: Strategy) -> tuple[int, int]:
    """A step with nothing to fill in (the preview)."""
    return (0, 0)
