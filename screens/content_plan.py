"""Content plan step: the calendar of posts, filtered by month, channel, pillar and status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from screens.base import StepPane

if TYPE_CHECKING:
    from planner.model import Strategy


class ContentPlanStep(StepPane):
    """The posts of the strategy, one filtered slice at a time, and the command that plans them."""

    step_id = "plan"
    step_title = "Content plan"
    step_help = (
        "The content plan turns channels and pillars into dated posts. Generate it from each channel's "
        "cadence, then write the texts: a planned post you edit becomes a draft and the planner keeps it."
    )

    @classmethod
    def completeness(cls, strategy: Strategy) -> tuple[int, int]:
        total = len(strategy.posts)
        return (total, total)
