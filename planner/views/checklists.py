"""The SMO and SMM-tactics checklists of the strategy: each built-in item with its status, and the progress.

Decisions where SPEC is silent: items absent from the file count as to do; a checklist is shown
once the file sets at least one of its items (or, for SMO, names a website; for tactics, has
channels).
"""

from __future__ import annotations

from collections import Counter

from planner import catalog
from planner.model import Strategy
from planner.views.common import View, share


class ChecklistRow(View):
    id: str
    title: str
    explanation: str
    status: str  # done | todo | n/a
    note: str


class Checklist(View):
    name: str  # smo | tactics
    items: list[ChecklistRow]
    done: int
    todo: int
    not_applicable: int
    progress_pct: float  # done among the applicable items

    @property
    def next_steps(self) -> list[ChecklistRow]:
        return [item for item in self.items if item.status == "todo"]


def checklist(s: Strategy, name: str, lang: str) -> Checklist:
    states = s.smo if name == "smo" else s.tactics
    rows = []
    for item in catalog.checklists()[name]:
        state = states.get(item.id)
        rows.append(
            ChecklistRow(
                id=item.id,
                title=item.title_ru if lang == "ru" else item.title,
                explanation=item.explanation_ru if lang == "ru" else item.explanation,
                status=state.status if state else "todo",
                note=state.note if state else "",
            )
        )
    counts = Counter(r.status for r in rows)
    applicable = counts["done"] + counts["todo"]
    return Checklist(
        name, rows, counts["done"], counts["todo"], counts["n/a"], share(counts["done"], applicable)
    )


def checklists_shown(s: Strategy, lang: str) -> list[Checklist]:
    shown = []
    if s.smo or s.strategy.website:
        shown.append(checklist(s, "smo", lang))
    if s.tactics or s.channels:
        shown.append(checklist(s, "tactics", lang))
    return shown
