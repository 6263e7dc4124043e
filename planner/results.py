"""Merge actual post results (reach, likes, comments, shares, clicks) from a statistics CSV into the posts.

The CSV may come from a platform's statistics export, a spreadsheet the team keeps, or the
plan exported with `smm-planner export --format csv` with results typed in. What it accepts:

- Encoding UTF-8 (with or without a byte-order mark) or Windows-1251, which Russian Excel
  writes for "CSV (разделители — запятые)".
- Delimiter `,`, `;` or tab, found from the header line (Russian Excel writes `;`).
- Header names, case-insensitive, spaces and trailing `:`/`!`/`*` ignored (the first name a
  file has wins when it has several for one metric):

  | column   | accepted names |
  | -------- | -------------- |
  | id       | id, post id, post_id, ид, id поста, идентификатор |
  | date     | date, publish date, published, дата, дата публикации |
  | time     | time, publish time, время, время публикации |
  | channel  | channel, network, social network, profile, account, канал, сеть, соцсеть, площадка, |
  |          | сообщество |
  | reach    | reach, охват, охваты, охват публикации, impressions, показы, views, просмотры |
  | likes    | likes, like, reactions, лайки, нравится, отметки «нравится», реакции, класс, классы |
  | comments | comments, комментарии, комменты |
  | shares   | shares, reposts, repost, репосты, поделились, пересылки |
  | clicks   | clicks, link clicks, переходы, переходы по ссылке, клики, клики по ссылке |

- Dates `2026-12-01`, `2026/12/01`, `01.12.2026` (also `01.12.26`), or `1/12/2026` when the
  file's slash dates show which part is the day (a part above 12); each may be followed by a
  time (`01.12.2026 20:00`), used when there is no time column.
- Channels by id (`vk-main`), name, or platform (`vk`, `VK`, `ВКонтакте`) when only one
  channel of the strategy is on that platform.
- Numbers as whole counts, with spaces, commas or dots between thousands (`1 200`, `1,200`).

A row matches a post by `id`, else by date and channel, plus time when several posts of that
channel share the day. A post that gets results becomes `published`. Rows with every metric
empty are skipped (the exported plan has them for posts not yet out); rows that match no post,
match several, or name a post another row already gave results to are listed and not applied.
Anything malformed (no header, no metric column, a number or date that is not one) stops the
merge with every problem, by line and column, and changes nothing.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import PlannerError, did_you_mean
from planner.model import RESULT_METRICS, Post, Results, Strategy

KEYS = ("id", "date", "time", "channel")
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "post id", "post_id", "ид", "id поста", "идентификатор"),
    "date": ("date", "publish date", "published", "дата", "дата публикации"),
    "time": ("time", "publish time", "время", "время публикации"),
    "channel": (
        "channel",
        "network",
        "social network",
        "profile",
        "account",
        "канал",
        "сеть",
        "соцсеть",
        "площадка",
        "сообщество",
    ),
    "reach": ("reach", "охват", "охваты", "охват публикации", "impressions", "показы", "views", "просмотры"),
    "likes": (
        "likes",
        "like",
        "reactions",
        "лайки",
        "нравится",
        "отметки «нравится»",
        "реакции",
        "класс",
        "классы",
    ),
    "comments": ("comments", "комментарии", "комменты"),
    "shares": ("shares", "reposts", "repost", "репосты", "поделились", "пересылки"),
    "clicks": ("clicks", "link clicks", "переходы", "переходы по ссылке", "клики", "клики по ссылке"),
}
DELIMITERS = (",", ";", "\t")
MAX_PROBLEMS = 20  # a wholly wrong file would print thousands of lines; the first ones say enough


@dataclass
class Row:
    """One data row of the CSV: its line number and the cells that matter, by column kind."""

    line: int
    keys: dict[str, str]
    metrics: dict[str, int]


@dataclass
class Merged:
    """What merging gave: the new strategy and every row's fate, for the summary."""

    strategy: Strategy
    source: str
    applied: list[tuple[int, str]] = field(default_factory=list)  # (line, post id)
    changed_posts: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    empty: list[int] = field(default_factory=list)
    unmatched: list[tuple[int, str]] = field(default_factory=list)  # (line, why)
    ambiguous: list[tuple[int, str]] = field(default_factory=list)
    repeated: list[tuple[int, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changed_posts)

    def summary_lines(self) -> list[str]:
        rows = (
            len(self.applied)
            + len(self.empty)
            + len(self.unmatched)
            + len(self.ambiguous)
            + len(self.repeated)
        )
        lines = [
            f"{self.source}: {_n(rows, 'row')}, {len(self.applied)} matched a post; "
            f"{_n(len(self.changed_posts), 'post')} changed, {len(self.published)} newly published"
        ]
        if self.empty:
            lines.append(f"{_n(len(self.empty), 'row')} without any result skipped")
        for (one, many), items in (
            (("matches no post", "match no post"), self.unmatched),
            (("matches several posts", "match several posts"), self.ambiguous),
            (("repeats a post of an earlier row", "repeat a post of an earlier row"), self.repeated),
        ):
            if items:
                lines.append(f"{_n(len(items), 'row')} {one if len(items) == 1 else many}, not applied:")
                lines += [f"  line {line}: {why}" for line, why in items]
        return lines


def merge_results(strategy: Strategy, csv_path: Path) -> Merged:
    """A copy of `strategy` with the CSV's results merged in; PlannerError for a malformed file."""
    rows = read_rows(csv_path)
    # Only posts change: a shallow copy of each (results are copied before they change) keeps the
    # input untouched without deep-copying every table of a year's plan.
    new = copy.copy(strategy)
    new.posts = [copy.copy(p) for p in strategy.posts]
    merged = Merged(new, str(csv_path))
    index = _PostIndex(merged.strategy.posts)
    given: dict[str, int] = {}  # post id -> the line that gave it results
    for row in rows:
        if not row.metrics:
            merged.empty.append(row.line)
            continue
        found, why = _match(merged.strategy, index, row)
        if found is None:
            (merged.ambiguous if why.startswith("several") else merged.unmatched).append((row.line, why))
            continue
        if found.id in given:
            merged.repeated.append(
                (row.line, f"post {found.id} already got results from line {given[found.id]}")
            )
            continue
        given[found.id] = row.line
        merged.applied.append((row.line, found.id))
        _apply(found, row.metrics, merged)
    return merged


# --- reading ---------------------------------------------------------------------------------


def read_rows(path: Path) -> list[Row]:
    """The CSV's data rows, or PlannerError listing every malformed cell by line and column."""
    text = _decode(path)
    delimiter, header = _sniff(path, text)
    columns = _columns(header)
    if "id" not in columns and not {"date", "channel"} <= columns.keys():
        missing = " and ".join(k for k in ("date", "channel") if k not in columns)
        raise PlannerError(
            f"{path}: line 1: no {missing} column; a row needs an id column, or date and channel columns "
            f"(the columns found: {', '.join(h for h in header if h.strip()) or 'none'})"
        )
    problems: list[str] = []
    rows: list[Row] = []
    slash_order = _slash_order(path, text, delimiter, columns)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    next(reader)  # the header, read by _sniff
    start = reader.line_num + 1
    for cells in reader:
        line, start = start, reader.line_num + 1  # a quoted cell may span lines: report where the row starts
        if not any(c.strip() for c in cells):
            continue
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra:
            # Most often "1,200" unquoted in a comma-separated file: the cells would shift silently.
            problems.append(
                f"{path}: line {line}: {len(cells)} cells but the header names {len(header)} columns; "
                f"numbers like 1,200 need quotes in a comma-separated file (or use ';' between cells)"
            )
            continue
        row = Row(line, {}, {})
        for kind, index in columns.items():
            value = cells[index].strip() if index < len(cells) else ""
            where = f"{path}: line {line}, column «{header[index].strip()}»"
            if kind in RESULT_METRICS:
                if value:
                    number = _number(value)
                    if isinstance(number, str):
                        problems.append(f"{where}: {number}")
                    else:
                        row.metrics[kind] = number
            elif kind == "date" and value:
                parsed = _date(value, slash_order)
                if isinstance(parsed, str):
                    problems.append(f"{where}: {parsed}")
                else:
                    row.keys["date"] = parsed[0].isoformat()
                    if parsed[1]:
                        row.keys["date_time"] = parsed[1]
            elif kind == "time" and value:
                parsed_time = _time(value)
                if parsed_time is None:
                    problems.append(f"{where}: '{value}' is not a time such as 09:30")
                else:
                    row.keys["time"] = parsed_time
            elif value:
                row.keys[kind] = value
        rows.append(row)
    if problems:
        more = len(problems) - MAX_PROBLEMS
        tail = [f"… and {more} more problems"] if more > 0 else []
        raise PlannerError("\n".join(problems[:MAX_PROBLEMS] + tail + [f"{path}: nothing was merged"]))
    return rows


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise PlannerError(f"{path}: the file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:
        raise PlannerError(f"{path}: not a text CSV file (neither UTF-8 nor Windows-1251)") from None


def _sniff(path: Path, text: str) -> tuple[str, list[str]]:
    """The delimiter that splits the header into the most known column names, and the header."""
    first = text.splitlines()[0] if text.strip() else ""
    best: tuple[int, str, list[str]] = (0, ",", [])
    for delimiter in DELIMITERS:
        header = next(csv.reader([first], delimiter=delimiter), [])
        known = len(_columns(header))
        if known > best[0]:
            best = (known, delimiter, header)
    if best[0] == 0:
        raise PlannerError(
            f"{path}: line 1 names no known column with ',', ';' or tab between them; the first line must "
            "name the columns, e.g. date;channel;reach;likes;comments;shares;clicks"
        )
    delimiter, header = best[1], best[2]
    if not any(_kind(h) in RESULT_METRICS for h in header):
        raise PlannerError(
            f"{path}: line 1 has no results column; name at least one of reach, likes, comments, shares, "
            "clicks (or Охват, Лайки, Комментарии, Репосты, Переходы)"
        )
    return delimiter, header


def _columns(header: list[str]) -> dict[str, int]:
    """Column kind -> index; for a kind named twice, the column whose name comes first in ALIASES."""
    found: dict[str, tuple[int, int]] = {}  # kind -> (alias rank, index)
    for index, name in enumerate(header):
        kind = _kind(name)
        if kind is None:
            continue
        rank = ALIASES[kind].index(_normal(name))
        if kind not in found or rank < found[kind][0]:
            found[kind] = (rank, index)
    return {kind: index for kind, (_, index) in found.items()}


def _kind(name: str) -> str | None:
    normal = _normal(name)
    return next((kind for kind, names in ALIASES.items() if normal in names), None)


def _normal(name: str) -> str:
    name = name.replace("\ufeff", "").replace('"', "«", 1).replace('"', "»", 1)
    return re.sub(r"\s+", " ", name).strip().rstrip(":!*").strip().lower()


_NUMBER = re.compile(r"\d+|\d{1,3}([,.]\d{3})+")


def _number(value: str) -> int | str:
    """A whole count from a cell, or why it is not one."""
    compact = re.sub(r"[\s\u00a0\u202f']", "", value)
    if compact.startswith(("-", "−")):
        return f"'{value}' is negative; results are counts of zero or more"
    if _NUMBER.fullmatch(compact):
        return int(re.sub(r"[,.]", "", compact))
    decimal = re.fullmatch(r"(\d+)[,.]0+", compact)
    if decimal:
        return int(decimal.group(1))
    return f"'{value}' is not a whole number"


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d.%m.%y")


def _date(value: str, slash_order: str) -> tuple[dt.date, str] | str:
    """(date, "HH:MM" or "") from a cell, or why it is not a date."""
    head, _, rest = value.strip().partition(" ")
    head = head.rstrip(",")
    time = ""
    if rest.strip():
        parsed_time = _time(rest.strip())
        if parsed_time is None:
            return f"'{value}' is not a date such as 2026-12-01 or 01.12.2026 (with an optional time 20:00)"
        time = parsed_time
    formats = _DATE_FORMATS
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", head):
        if not slash_order:
            return (
                f"'{value}': day and month cannot be told apart in this file's dates; "
                "write dates as 2026-12-01 or 01.12.2026"
            )
        formats = (slash_order,)
    for fmt in formats:
        try:
            return dt.datetime.strptime(head, fmt).date(), time
        except ValueError:
            continue
    return f"'{value}' is not a date such as 2026-12-01 or 01.12.2026"


def _slash_order(path: Path, text: str, delimiter: str, columns: dict[str, int]) -> str:
    """For d/m/yyyy dates: the order this file uses, told by a part above 12 ("" if never told)."""
    if "date" not in columns:
        return ""
    day_first = month_first = False
    for cells in list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))[1:]:
        value = cells[columns["date"]].strip() if columns["date"] < len(cells) else ""
        m = re.match(r"(\d{1,2})/(\d{1,2})/\d{4}", value)
        if m:
            day_first |= int(m.group(1)) > 12
            month_first |= int(m.group(2)) > 12
    if day_first and month_first:
        raise PlannerError(
            f"{path}: the dates mix day/month and month/day order; write them as 2026-12-01 or 01.12.2026"
        )
    return "%d/%m/%Y" if day_first else "%m/%d/%Y" if month_first else ""


def _time(value: str) -> str | None:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", value.strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return f"{int(m.group(1)):02d}:{m.group(2)}"


# --- matching and applying ---------------------------------------------------------------------


class _PostIndex:
    """Posts by id and by (channel, date): a year's plan has thousands, and so may the CSV."""

    def __init__(self, posts: list[Post]) -> None:
        self.by_id = {p.id: p for p in posts}
        self.by_day: dict[tuple[str, str], list[Post]] = {}
        for p in posts:
            if p.date is not None:
                self.by_day.setdefault((p.channel, p.date.isoformat()), []).append(p)


def _match(strategy: Strategy, index: _PostIndex, row: Row) -> tuple[Post | None, str]:
    """The one post a row is about, or None and why (a reason starting "several" when ambiguous)."""
    post_id = row.keys.get("id")
    if post_id:
        found = index.by_id.get(post_id)
        if found is None:
            return None, f"no post with id '{post_id}'{did_you_mean(post_id, index.by_id)}"
        return found, ""
    date, channel_value = row.keys.get("date"), row.keys.get("channel")
    if not date or not channel_value:
        return None, "no id, and no date or no channel to find the post by"
    channel, why = _channel(strategy, channel_value)
    if channel is None:
        return None, why
    candidates = index.by_day.get((channel, date), [])
    time = row.keys.get("time") or row.keys.get("date_time")
    if time and len(candidates) > 1:
        candidates = [p for p in candidates if p.time == time]
    elif time and len(candidates) == 1 and candidates[0].time and candidates[0].time != time:
        return None, f"no post in {channel} on {date} at {time} (the one that day is at {candidates[0].time})"
    if not candidates:
        at = f" at {time}" if time else ""
        return None, f"no post in {channel} on {date}{at}"
    if len(candidates) > 1:
        ids = ", ".join(p.id for p in candidates)
        return None, f"several posts in {channel} on {date} ({ids}): add a time column, or an id column"
    return candidates[0], ""


def _channel(strategy: Strategy, value: str) -> tuple[str | None, str]:
    """The channel id a CSV value means: an id, a channel name, or a platform with one channel."""
    from planner.catalog import platforms

    wanted = value.strip().lower()
    for ch in strategy.channels:
        if wanted in (ch.id.lower(), ch.name.strip().lower()):
            return ch.id, ""
    catalog = platforms()
    on_platform = [
        ch
        for ch in strategy.channels
        if ch.platform in catalog
        and wanted in {ch.platform, catalog[ch.platform].name.lower(), catalog[ch.platform].name_ru.lower()}
    ]
    if len(on_platform) == 1:
        return on_platform[0].id, ""
    if len(on_platform) > 1:
        ids = ", ".join(ch.id for ch in on_platform)
        return None, f"several channels are on '{value}' ({ids}): write the channel id instead"
    known = [ch.id for ch in strategy.channels]
    return None, f"unknown channel '{value}'{did_you_mean(value, known)}"


def _apply(post: Post, metrics: dict[str, int], merged: Merged) -> None:
    """Give the post the row's numbers (metrics the row lacks keep their value) and publish it."""
    before = copy.deepcopy(post.results)
    results = copy.deepcopy(post.results) if post.results else Results()
    for metric, value in metrics.items():
        setattr(results, metric, value)
    post.results = results
    if post.status != "published":
        post.status = "published"
        merged.published.append(post.id)
    if results != before or post.id in merged.published:
        merged.changed_posts.append(post.id)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
