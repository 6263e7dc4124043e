"""The performance report: its view (`planner.views.report`) laid out by templates/report.md.j2."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from planner.model import Strategy
from planner.templating import environment, render_template
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
    text = keep_numbers_whole(text)
    # Sections end with a blank line to separate them; the file ends with exactly one newline.
    return text.rstrip("\n") + "\n"


_FENCE = re.compile(r"^```.*?^```$", re.M | re.S)
# A space inside a number ("1 200"); between a number and its unit or noun ("6,8 %", "5 000 ₽",
# "0,9 п. п.", "31 декабря", "13 публикаций"); before a dash that must not start a line ("— 8").
_INSIDE_NUMBER = re.compile(
    r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=%|₽|п\. п\.|[а-яё])|(?<=п\.) (?=п\.)|(?<=[^|\s]) (?=— )"
)


def keep_numbers_whole(markdown: str) -> str:
    """No-break spaces where a line must not break a number or part it from its unit (issue 10.8).

    Babel groups Russian thousands with a no-break space; planner.l10n prints plain spaces, which
    every document shares, so the report puts them back here. Code blocks (the Mermaid charts)
    are left as they are.
    """
    parts, last = [], 0
    for block in _FENCE.finditer(markdown):
        parts.append(_INSIDE_NUMBER.sub("\u00a0", markdown[last : block.start()]))
        parts.append(block.group())
        last = block.end()
    parts.append(_INSIDE_NUMBER.sub("\u00a0", markdown[last:]))
    return "".join(parts)
