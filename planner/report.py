"""The performance report: its view (`planner.views.report`) laid out by templates/report.md.j2."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.model import Strategy
from planner.templating import environment, render_template
from planner.typography import finish_document
from planner.views.report import report_context

TEMPLATE = "report.md.j2"


def render_report(
    strategy: Strategy,
    *,
    lang: str | None = None,
    templates: Path | None = None,
    as_of: dt.date | None = None,
    charts: bool = True,
) -> str:
    """The Markdown performance report in `lang` (default: the strategy's language).

    `as_of` is the date the results are read at; None means the latest day a post has results for.
    `charts=False` leaves out the Mermaid charts (their tables stay).
    """
    lang = lang or strategy.strategy.language or "en"
    environment(lang, templates)  # a missing folder or language fails before any work
    text = render_template(TEMPLATE, report_context(strategy, lang, as_of, charts), lang, templates)
    # Sections end with a blank line to separate them; the file ends with exactly one newline.
    return finish_document(text)
