"""The content plan as a spreadsheet: one row per post, every post field and result as a column.

Choices for Excel and Google Sheets alike:
- UTF-8 with a byte-order mark: without it Excel reads UTF-8 as the system code page and
  Cyrillic turns into mojibake; Google Sheets and LibreOffice skip the mark.
- The delimiter follows the strategy's language: `;` for Russian (Excel in a Russian locale
  splits on `;` and would put a comma-separated row into one cell), `,` otherwise. Google
  Sheets detects either on import.
- The headers are the strategy file's own keys (`id`, `date`, `reach`…), so the same file, with
  results typed into it, can go straight back into `smm-planner results`.
- Posts with no results yet have empty result cells, not zeros.
"""

from __future__ import annotations

from planner.exports import Exported
from planner.exports._csv import to_csv
from planner.model import RESULT_METRICS, Post, Strategy

FIELDS = ("id", "date", "time", "channel", "pillar", "format", "topic", "text", "campaign", "status")
COLUMNS = (*FIELDS, *RESULT_METRICS)


def export(strategy: Strategy, posts: list[Post]) -> Exported:
    delimiter = ";" if strategy.strategy.language == "ru" else ","
    rows: list[list[object]] = [list(COLUMNS)]
    rows += [_row(p) for p in posts]
    return Exported(to_csv(rows, delimiter=delimiter, bom=True), len(posts))


def _row(post: Post) -> list[object]:
    fields = [
        post.id,
        post.date.isoformat() if post.date else "",
        post.time,
        post.channel,
        post.pillar,
        post.format,
        post.topic,
        post.text,
        post.campaign,
        post.status,
    ]
    if post.results is None:
        return fields + [""] * len(RESULT_METRICS)
    return fields + [getattr(post.results, m) for m in RESULT_METRICS]
