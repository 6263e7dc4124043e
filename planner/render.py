"""The strategy document and the content plan: their views (`planner.views`) laid out by the templates.

`render_documents` is what the `render` command and the TUI preview call; writing the files is
`planner.templating.write_documents`. The pieces are modules of their own: labels, numbers and
dates in `planner.l10n`, escaping in `planner.markdown`, the Jinja environment in
`planner.templating`, what each document shows in `planner.views.strategy` and
`planner.views.content_plan`, the table widths for pandoc in `planner.md_tables`.

Every template gets, besides its document's views, `strategy`: the file's own data under its TOML
names (`planner.views.common.FileData`), and `draw_charts`: whether to draw the Mermaid charts (`charts` holds them).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.markdown import tidy
from planner.model import Strategy
from planner.storage import gc_paused
from planner.templating import environment, render_template
from planner.typography import finish_document
from planner.views.common import FileData
from planner.views.content_plan import content_plan_context
from planner.views.strategy import strategy_context

DOCUMENTS = {"strategy.md": "strategy.md.j2", "content-plan.md": "content-plan.md.j2"}


def render_documents(
    strategy: Strategy,
    *,
    lang: str | None = None,
    templates: Path | None = None,
    prepared: dt.date | None = None,
    charts: bool = True,
) -> dict[str, str]:
    """strategy.md and content-plan.md as text, in `lang` (default: the strategy's language).

    `prepared` is the date in the title block; None means today (tests pass a fixed date so that the
    golden files do not depend on the day they run). `charts=False` leaves the Mermaid charts out.
    """
    lang = lang or strategy.strategy.language or "en"
    environment(lang, templates)  # a missing folder or language fails before any work
    prepared = prepared or dt.date.today()
    shared = {"strategy": FileData(strategy), "draw_charts": charts}
    with gc_paused():  # thousands of calendar rows, all kept until the documents are written
        contexts = {
            "strategy.md": {**strategy_context(strategy, lang, prepared), **shared},
            "content-plan.md": {**content_plan_context(strategy, lang, prepared), **shared},
        }
        return {
            out: finish_document(tidy(render_template(DOCUMENTS[out], contexts[out], lang, templates)))
            for out in DOCUMENTS
        }
