"""Preview step: the strategy document and the content plan rendered as Markdown inside the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from screens.base import StepPane

if TYPE_CHECKING:
    from planner.model import Strategy


class PreviewStep(StepPane):
    """The documents `render` writes, shown before they are shared with the client."""

    step_id = "preview"
    step_title = "Preview"
    step_help = (
        "The documents for the client: the strategy and the content plan, as `smm-planner render` writes "
        "them. Write the Markdown files when you are ready to share."
    )

    @classmethod
    def completeness(cls, strategy: Strategy) -> tuple[int, int]:
        return (0, 0)
