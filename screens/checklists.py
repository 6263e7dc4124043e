"""SMO & tactics step: the built-in SMO and SMM-tactics checklists with a status and a note per item."""

from __future__ import annotations

from typing import TYPE_CHECKING

from screens.base import StepPane

if TYPE_CHECKING:
    from planner.model import Strategy


class ChecklistStep(StepPane):
    """The two built-in checklists: SMO (the client's own website) before SMM tactics (the platforms)."""

    step_id = "smo"
    step_title = "SMO & tactics"
    step_help = (
        "SMO comes before SMM: first make the client's website ready for social traffic (share buttons, "
        "card meta tags, widgets), then work on the platforms. Mark each item done, to do or not applicable."
    )

    @classmethod
    def completeness(cls, strategy: Strategy) -> tuple[int, int]:
        from planner.catalog import checklists

        lists = checklists()
        done = sum(1 for item in lists["smo"] if item.id in strategy.smo)
        done += sum(1 for item in lists["tactics"] if item.id in strategy.tactics)
        return (done, len(lists["smo"]) + len(lists["tactics"]))
