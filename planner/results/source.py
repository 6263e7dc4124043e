"""What a source is (a small declaration), how a file's kind is recognised from its headers, and its rows read.

A source module (planner/results/sources/*.py) declares, for one platform's export:
its header names in every interface language we know (case, spaces and a trailing `:` do not
matter), which of our fields each column fills, the columns that identify the layout, and
the format of its dates. Nothing here knows any platform: adding a source is adding a module.

Our fields: `id` (our post id), `url` (the published post), `account` (the page or username
the file is about), `channel` (our channel id, name or platform), `published` (date and time
in one cell), `date` and `time` (apart), `text`, `type` (the platform's post type), and the
metrics of planner.model.Results.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from planner.errors import PlannerError
from planner.model import Results
from planner.results import cells
from planner.results.reader import DELIMITERS, Line, RawFile

METRICS = tuple(f.name for f in dataclasses.fields(Results))
FIELDS = ("id", "url", "account", "channel", "published", "date", "time", "text", "type", *METRICS)
HEADER_ROWS = 5  # LinkedIn puts a note on row 1; a header further down is not a header
MAX_PROBLEMS = 20  # a wholly wrong file would print thousands of lines; the first ones say enough


@dataclass(frozen=True)
class Source:
    """One platform's statistics export, declared: what it is called, its headers and their meaning."""

    id: str
    name: str  # as the summary says it, e.g. "Meta Business Suite export of Instagram posts"
    platforms: tuple[str, ...]  # catalog ids the file is about; () when a channel column says
    columns: Mapping[str, tuple[str, ...]]  # our field -> header names, lowercase, in every language
    # Alternatives: the layout is this source when every field of one of them has a column.
    required: tuple[tuple[str, ...], ...]
    formats: tuple[str, ...] = ()  # strptime formats of `published`; () for our flexible dates
    example: str = ""  # a date as the platform writes it, for messages
    sheet: str = ""  # XLSX: the sheet that holds the posts
    # A metric without a column of its own read from another's (our layout: Impressions as reach).
    stand_ins: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    no_time_hint: str = "the file gives the day only"


@dataclass
class StatRow:
    """One data row as our fields: where it is, what identifies its post, and its numbers."""

    line: int
    post_id: str = ""
    url: str = ""
    account: str = ""
    channel: str = ""
    day: dt.date | None = None
    at: dt.time | None = None  # None: the file gives the day only
    tz: dt.tzinfo | None = None  # the offset the file wrote (X's "+0000"), else None: local time
    text: str = ""
    type: str = ""
    metrics: dict[str, int] = field(default_factory=dict)


@dataclass
class Layout:
    """A file recognised: its source, delimiter, header row and which column holds each field."""

    source: Source
    delimiter: str
    sheet: str
    header: Line
    columns: dict[str, int]

    def column_name(self, name: str) -> str:
        return self.header.cells[self.columns[name]].strip()


def normal(name: str) -> str:
    """A header as the declarations write it: lowercase, spaces collapsed, «quotes», no trailing `:`."""
    name = name.replace("\ufeff", "").replace('"', "«", 1).replace('"', "»", 1)
    return re.sub(r"\s+", " ", name).strip().rstrip(":!*").strip().lower()


def columns_of(source: Source, header: list[str]) -> dict[str, int]:
    """Field -> column index; for a field named twice, the column whose name the source lists first."""
    found: dict[str, tuple[int, int]] = {}  # field -> (rank of the name, index)
    for index, cell in enumerate(header):
        name = normal(cell)
        if not name:
            continue
        for name_of, names in source.columns.items():
            if name in names:
                rank = names.index(name)
                if name_of not in found or rank < found[name_of][0]:
                    found[name_of] = (rank, index)
    columns = {name_of: index for name_of, (_, index) in found.items()}
    for metric, others in source.stand_ins.items():
        if metric not in columns:
            stand_in = next((o for o in others if o in columns), None)
            if stand_in is not None:
                columns[metric] = columns.pop(stand_in)
    return columns


def qualifies(source: Source, columns: dict[str, int], channel_given: bool) -> bool:
    present = set(columns) | ({"channel"} if channel_given else set())
    has_metric = any(m in columns for m in METRICS)
    return has_metric and any(set(alternative) <= present for alternative in source.required)


def recognise(raw: RawFile, sources: tuple[Source, ...], channel_given: bool = False) -> Layout:
    """The source whose headers the file has (the one naming most of its columns), or why none."""
    best: tuple[tuple[int, int], Layout] | None = None
    nearest: tuple[int, Line, dict[str, int]] | None = None  # for the message when nothing qualifies
    first: Line | None = None  # line 1 as the delimiter that splits it most does
    for delimiter, sheet in _readings(raw, sources):
        rows = _first_rows(raw, delimiter, sheet)
        if rows and (first is None or len(rows[0].cells) > len(first.cells)):
            first = rows[0]
        for line in rows:
            for source in sources:
                columns = columns_of(source, line.cells)
                # A platform's own layout wins over our generic one, which also knows "Reach" and "Date".
                score = (1 if source.platforms else 0, len(columns))
                if qualifies(source, columns, channel_given):
                    if best is None or score > best[0]:
                        best = (score, Layout(source, delimiter, sheet, line, columns))
                elif not source.platforms and (nearest is None or len(columns) > nearest[0]):
                    nearest = (len(columns), line, columns)
    if best is not None:
        return best[1]
    raise PlannerError(_unknown_kind(raw, sources, nearest, first))


def _readings(raw: RawFile, sources: tuple[Source, ...]) -> list[tuple[str, str]]:
    if raw.sheets is None:
        return [(d, "") for d in DELIMITERS]
    wanted = [s.sheet for s in sources if s.sheet and s.sheet in raw.sheets]
    return [("", name) for name in dict.fromkeys([*wanted, *raw.sheets])]


def _first_rows(raw: RawFile, delimiter: str, sheet: str) -> list[Line]:
    rows: list[Line] = []
    try:
        for line in raw.rows(delimiter, sheet):
            if any(c.strip() for c in line.cells):
                rows.append(line)
            if len(rows) == HEADER_ROWS:
                break
    except PlannerError:
        # A delimiter that is not the file's may run into an unclosed quote; the right one is read fully later.
        pass
    return rows


def _unknown_kind(
    raw: RawFile,
    sources: tuple[Source, ...],
    nearest: tuple[int, Line, dict[str, int]] | None,
    first: Line | None,
) -> str:
    path = raw.path
    kinds = "; ".join(s.name for s in sources)
    if nearest is None or nearest[0] == 0:
        names = ", ".join(cells.quote(c.strip(), 30) for c in (first.cells if first else [])[:5] if c.strip())
        return (
            f"{path}: line 1 names no known column with ',', ';' or tab between them "
            f"({'it has ' + names if names else 'it is empty'}); the kinds of file read: {kinds}. "
            "Our own layout names its columns on the first line, e.g. date;channel;reach;likes;comments;shares;clicks"
        )
    _, line, columns = nearest
    if not any(m in columns for m in METRICS):
        return (
            f"{path}: line {line.number} has no results column; name at least one of reach, likes, comments, "
            "shares, clicks (or Охват, Лайки, Комментарии, Репосты, Переходы)"
        )
    missing = " and ".join(k for k in ("date", "channel") if k not in columns)
    found = ", ".join(cells.quote(c.strip(), 30) for c in line.cells[:8] if c.strip())
    return (
        f"{path}: line {line.number}: no {missing} column; a row needs an id column, or date and channel "
        f"columns, or --channel (the columns found: {found or 'none'})"
    )


# --- rows ---------------------------------------------------------------------------------------


def stat_rows(raw: RawFile, layout: Layout) -> list[StatRow]:
    """The data rows below the header as StatRows, or PlannerError listing every malformed cell."""
    path, columns, header = raw.path, layout.columns, layout.header
    lines = [
        line
        for line in raw.rows(layout.delimiter, layout.sheet)
        if line.number > header.number and any(c.strip() for c in line.cells)
    ]
    slash_order = _slash_order(raw, layout, lines) if not layout.source.formats else ""
    problems: list[str] = []
    rows: list[StatRow] = []
    width = len(header.cells)
    for line in lines:
        if raw.sheets is None and any(c.strip() for c in line.cells[width:]):
            # Most often "1,200" unquoted in a comma-separated file: the cells would shift silently.
            problems.append(
                f"{path}: line {line.number}: {len(line.cells)} cells but the header names {width} columns; "
                "numbers like 1,200 need quotes in a comma-separated file (or use ';' between cells)"
            )
            continue
        row = StatRow(line.number)
        for name, index in columns.items():
            value = line.cells[index].strip() if index < len(line.cells) else ""
            if not value:
                continue
            problem = _read_cell(row, name, value, layout.source, slash_order)
            if problem:
                column = cells.quote(layout.column_name(name))[1:-1]
                problems.append(f"{path}: line {line.number}, column «{column}»: {problem}")
        rows.append(row)
        if len(problems) > MAX_PROBLEMS:
            break
    if problems:
        more = len(problems) - MAX_PROBLEMS
        tail = ["… and more problems"] if more > 0 else []
        raise PlannerError("\n".join([*problems[:MAX_PROBLEMS], *tail, f"{path}: nothing was merged"]))
    return rows


def _read_cell(row: StatRow, name: str, value: str, source: Source, slash_order: str) -> str:
    """Put one cell into the row; the problem with it, or ""."""
    if name in METRICS:
        if cells.is_empty(value):
            return ""
        number = cells.count(value)
        if isinstance(number, str):
            return number
        row.metrics[name] = number
    elif name == "published" and source.formats:
        when = cells.moment(value, source.formats)
        if when is None:
            return f"{cells.quote(value)} is not a date as this export writes it, such as {source.example}"
        if isinstance(when, dt.datetime):
            row.day, row.at, row.tz = when.date(), when.time().replace(second=0, microsecond=0), when.tzinfo
        else:
            row.day = when
    elif name in ("published", "date"):
        parsed = _flexible_date(value, slash_order)
        if isinstance(parsed, str):
            return parsed
        row.day = parsed[0]
        row.at = row.at or parsed[1]
    elif name == "time":
        at = cells.time_of_day(value)
        if at is None:
            return f"{cells.quote(value)} is not a time such as 09:30"
        row.at = at
    elif name == "id":
        row.post_id = value
    else:
        setattr(row, name, value)
    return ""


# Our layout and hand-kept sheets: the date forms Russian and English spreadsheets write.
_DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d.%m.%y")


def _flexible_date(value: str, slash_order: str) -> tuple[dt.date, dt.time | None] | str:
    """(date, time or None) from a cell of our layout, or why it is not a date."""
    head, _, rest = value.strip().partition(" ")
    head = head.rstrip(",")
    at = None
    if rest.strip():
        at = cells.time_of_day(rest)
        if at is None:
            return f"{cells.quote(value)} is not a date such as 2026-12-01 or 01.12.2026 (with an optional time 20:00)"
    formats = _DATE_FORMATS
    if re.fullmatch(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}", head, re.ASCII):
        if not slash_order:
            return (
                f"{cells.quote(value)}: day and month cannot be told apart in this file's dates; "
                "write dates as 2026-12-01 or 01.12.2026"
            )
        formats = (slash_order,)
    day = cells.moment(head, formats)
    if isinstance(day, dt.date):
        return day, at
    return f"{cells.quote(value)} is not a date such as 2026-12-01 or 01.12.2026"


def _slash_order(raw: RawFile, layout: Layout, lines: list[Line]) -> str:
    """For d/m/yyyy dates: the order this file uses, told by a part above 12 ("" if never told)."""
    index = layout.columns.get("date", layout.columns.get("published"))
    if index is None:
        return ""
    day_first = month_first = False
    for line in lines:
        value = line.cells[index].strip() if index < len(line.cells) else ""
        m = re.match(r"([0-9]{1,2})/([0-9]{1,2})/[0-9]{4}", value, re.ASCII)
        if m:
            day_first |= int(m.group(1)) > 12
            month_first |= int(m.group(2)) > 12
    if day_first and month_first:
        raise PlannerError(
            f"{raw.path}: the dates mix day/month and month/day order; write them as 2026-12-01 or 01.12.2026"
        )
    return "%d/%m/%Y" if day_first else "%m/%d/%Y" if month_first else ""
