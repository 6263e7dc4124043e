"""The content plan as a spreadsheet: one row per post, every post field and result as a column.

Choices for Excel and Google Sheets alike:
- UTF-8 with a byte-order mark: without it Excel reads UTF-8 as the system code page and
  Cyrillic turns into mojibake; Google Sheets and LibreOffice skip the mark.
- The delimiter follows the strategy's language: `;` for Russian (Excel in a Russian locale
  splits on `;` and would put a comma-separated row into one cell), `,` otherwise. Google
  Sheets detects either on import.
- The headers are the strategy file's own keys (`id`, `date`, `reach`…), so the same file, with
  results typed into it, can go straight back into `smm-planner results`. The columns are the
  fields a post is declared with (planner.model.Post), in the file's order, then its results:
  a new field of the format is a new column without a change here.
- Posts with no results yet have empty result cells, not zeros.
- A list (a post's media) is one cell, its items separated by spaces (URLs hold none).
- A text cell starting with =, +, -, @, a tab or a carriage return gets a ' before it, so that a
  spreadsheet never runs it as a formula (planner.exports._csv.defused).
"""

from __future__ import annotations

import datetime as dt

from planner.exports import Exported, ExportOptions
from planner.exports._csv import to_csv
from planner.fields import fields_of
from planner.model import RESULT_METRICS, Post, Strategy

FIELDS = tuple(f.name for f in fields_of(Post) if f.name != "results")
COLUMNS = (*FIELDS, *RESULT_METRICS)


def export(strategy: Strategy, posts: list[Post], options: ExportOptions) -> Exported:
    delimiter = ";" if strategy.strategy.language == "ru" else ","
    rows: list[list[object]] = [list(COLUMNS)]
    rows += [_row(p) for p in posts]
    return Exported(to_csv(rows, delimiter=delimiter, bom=True), len(posts))


def _row(post: Post) -> list[object]:
    fields = [_cell(getattr(post, name)) for name in FIELDS]
    if post.results is None:
        return fields + [""] * len(RESULT_METRICS)
    return fields + [getattr(post.results, m) for m in RESULT_METRICS]


def _cell(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return "" if value is None else value
