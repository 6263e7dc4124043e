"""The steps of the planner, declared once: id, title, the parts of the file each edits, where its class lives, its progress.

The sidebar, the app's keys and palette, the problems list (which step a field belongs to), the
list steps' tables and the import of each step on first use all read this declaration.

It lives in `screens/`, not in the core, because it is the TUI's outline: `module`/`cls` name
Textual widgets. What the window says of a step (its title and note, in either language) is in
planner/locales/ui.<lang>.toml under `ui.step.<id>`; `title` here is the English name the code
and the tests use. It imports no widget itself: a step's
module is imported when the step is first shown, so the first screen pays only for the step it
shows (tests/bench/bench_tui.py), and the progress functions it names are plain functions of the
strategy (`screens.progress`), tested without a terminal.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from screens.progress import (
    Progress,
    checklist_progress,
    list_progress,
    no_progress,
    pillars_progress,
    plan_progress,
    strategy_progress,
)


@dataclass(frozen=True)
class StepSpec:
    """One step of the sidebar."""

    id: str
    """Its id: in the app's keys ("go.channels"), its pane's id ("step-channels")."""
    title: str
    """Its English name (the window shows `ui.step.<id>.title` in its language)."""
    tables: tuple[str, ...]
    """The top-level keys of the file it edits; a list step edits the first."""
    module: str
    cls: str
    """The module and class of its pane (a StepPane), imported when the step is first shown."""
    completeness: Progress
    """(done, total) for the sidebar's badge."""

    def load(self) -> type:
        """The step's pane class, importing its module if needed."""
        cls: type = getattr(importlib.import_module(self.module), self.cls)
        return cls


STEPS: tuple[StepSpec, ...] = (
    StepSpec(
        "strategy",
        "Strategy",
        ("schema_version", "strategy", "community"),
        "screens.strategy_step",
        "StrategyStep",
        strategy_progress,
    ),
    StepSpec(
        "audience", "Audience", ("audience",), "screens.steps", "AudienceStep", list_progress("audience")
    ),
    StepSpec(
        "competitors",
        "Competitors",
        ("competitors",),
        "screens.steps",
        "CompetitorsStep",
        list_progress("competitors"),
    ),
    StepSpec(
        "channels", "Channels", ("channels",), "screens.steps", "ChannelsStep", list_progress("channels")
    ),
    StepSpec("pillars", "Content pillars", ("pillars",), "screens.steps", "PillarsStep", pillars_progress),
    StepSpec("goals", "Goals", ("goals",), "screens.steps", "GoalsStep", list_progress("goals")),
    StepSpec(
        "campaigns", "Campaigns", ("campaigns",), "screens.steps", "CampaignsStep", list_progress("campaigns")
    ),
    StepSpec(
        "smo", "SMO & tactics", ("smo", "tactics"), "screens.checklists", "ChecklistStep", checklist_progress
    ),
    StepSpec("plan", "Content plan", ("posts",), "screens.content_plan", "ContentPlanStep", plan_progress),
    StepSpec("preview", "Preview", (), "screens.preview", "PreviewStep", no_progress),
)
STEP_IDS: list[str] = [s.id for s in STEPS]
_BY_ID = {s.id: s for s in STEPS}
_BY_TABLE = {table: s.id for s in STEPS for table in s.tables}


def step_spec(step_id: str) -> StepSpec:
    """The declaration of a step by its id."""
    return _BY_ID[step_id]


def step_for(where: str) -> str:
    """The step that edits a field path: `channels[vk-main].days` -> "channels"; unknown keys -> the first step."""
    head = where.split(".", 1)[0].split("[", 1)[0]
    return _BY_TABLE.get(head, STEPS[0].id)
