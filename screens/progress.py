"""How complete the steps built on demand are, for the sidebar, without importing those steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.model import Strategy


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
