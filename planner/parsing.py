"""What people type into the planner's forms, read one way everywhere: dates, times and numbers.

Every form of the TUI (the generic forms, the Strategy step, the post form) reads through these
functions, so `31.05.2027` or `1 200` means the same in every field. What is accepted:

- Dates: ISO `2026-12-01` (also `2026-12-1`); day first with dots, slashes or hyphens and the
  year last: `31.05.2027`, `31/05/2027`, `31-05-2027`, `1.6.2027`; a two-digit year is this
  century's: `31.05.27` is 31 May 2027. Day first is how Russia, the UK and most of Europe write
  dates; a slash date whose second number cannot be a month (`05/31/2027`, the US order) is
  refused rather than guessed. Nothing else (`1 March`, `2027/05/31`, `20270531`).
- Times: `9:00` and `09:00` are `09:00`; a dot works as the separator (`9.30`); a bare hour
  `9` is `09:00`. Hours 0–23, minutes 0–59.
- Numbers: either decimal mark (`2,5` and `2.5`); thousands grouped by spaces, no-break spaces
  (as Russian documents print them, `12 400,5`), underscores or apostrophes, or by commas when a
  dot is the decimal mark (`1,200.5`); several commas are groups (`1,200,000`). A single comma
  before exactly three digits (`2,500`) is 2500 in English and 2.5 in Russian: a whole-number
  field takes it as 2500 (2.5 is not whole), a decimal field refuses it and asks for one of the
  two. A leading minus (also the typographic `−`) is read; whether a field may be negative is
  the field's own check.

A refusal raises `InputError`, a `ValueError` whose `key` names its message in `MESSAGES` (the
one place the wording lives, so the Russian interface can translate it by key) and whose
`str()` is the English message.
"""

from __future__ import annotations

import datetime as dt
import re

# Every message a refusal can give, by key; `{text}` is what was typed.
MESSAGES: dict[str, str] = {
    "date": "'{text}' is not a date: write YYYY-MM-DD, e.g. 2026-12-01, or day first, e.g. 01.12.2026",
    "date-us-order": "'{text}' puts the month first: write it day first, {day_first}, or as {iso}",
    "date-no-such-day": "'{text}' is not a day of the calendar",
    "time": "'{text}' is not a time like 10:00 or 9:30",
    "number": "'{text}' is not a number",
    "whole-number": "'{text}' is not a whole number",
    "number-ambiguous": "'{text}' could be {thousands} or {decimal}: write {thousands} or {decimal_dot}",
}


class InputError(ValueError):
    """A typed value the planner cannot read; `key` names its message in MESSAGES."""

    def __init__(self, key: str, text: str, **details: str) -> None:
        self.key = key
        self.text = text
        self.details = details
        super().__init__(MESSAGES[key].format(text=text, **details))

    @property
    def message(self) -> str:
        return str(self)


# --- dates ---------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})")


def parse_date(text: str) -> dt.date:
    """A date as a person types it: `2026-12-01`, `31.05.2027`, `31.05.27`, `31/05/2027`."""
    typed = text.strip()
    if m := _ISO_DATE.fullmatch(typed):
        return _day(typed, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DAY_FIRST.fullmatch(typed):
        day, month, year_text = int(m.group(1)), int(m.group(3)), m.group(4)
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        if m.group(2) == "/" and month > 12 and 1 <= day <= 12:
            # 05/31/2027: the US order, which we never guess.
            us = _day(typed, year, day, month)
            raise InputError(
                "date-us-order", typed, day_first=f"{us.day:02d}/{us.month:02d}/{year}", iso=us.isoformat()
            )
        return _day(typed, year, month, day)
    raise InputError("date", typed)


def _day(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InputError("date-no-such-day", text) from None


# --- times ---------------------------------------------------------------------------------

_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?")


def parse_time(text: str) -> str:
    """A time of day as the file writes it, `HH:MM`: `9:00` -> `09:00`, `9.30` -> `09:30`, `9` -> `09:00`."""
    typed = text.strip()
    m = _TIME.fullmatch(typed)
    if not m:
        raise InputError("time", typed)
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if hour > 23 or minute > 59:
        raise InputError("time", typed)
    return f"{hour:02d}:{minute:02d}"


# --- numbers -------------------------------------------------------------------------------

# Characters a number field lets a person type (Input(restrict=…)): digits, both decimal marks,
# signs, and the group separators read below.
NUMBER_CHARACTERS = r"[-+−0-9 \u00a0\u202f\u2009.,_']*"

# Spaces of every width that print between digit groups, underscores, apostrophes (Swiss style).
_GROUP_SPACES = re.compile(r"[\s\u00a0\u202f\u2009_']+")
_DIGITS = re.compile(r"\d+")
_COMMA_GROUPS = re.compile(r"\d{1,3}(,\d{3})+")


def parse_number(text: str) -> int | float:
    """A number with either decimal mark and grouped thousands: `2,5`, `1 200`, `12 400,5`, `1,200.5`.

    An int when nothing follows a decimal mark (`1 200` -> 1200), else a float (`2,0` -> 2.0).
    """
    typed = text.strip()
    sign, digits = _signed(typed)
    whole, fraction = _split(typed, digits, whole_only=False)
    if fraction is None:
        return sign * int(whole)
    return sign * float(f"{whole}.{fraction}")


def parse_whole_number(text: str) -> int:
    """A whole number, thousands grouped or not: `1200`, `1 200`, `1,200`, `1 200 000`."""
    typed = text.strip()
    sign, digits = _signed(typed)
    whole, fraction = _split(typed, digits, whole_only=True)
    if fraction is not None:
        raise InputError("whole-number", typed)
    return sign * int(whole)


def _signed(typed: str) -> tuple[int, str]:
    """The sign and the rest with group spaces removed."""
    body = _GROUP_SPACES.sub("", typed)
    sign = 1
    if body[:1] in ("-", "−", "+"):
        sign = -1 if body[0] != "+" else 1
        body = body[1:]
    return sign, body


def _split(typed: str, body: str, *, whole_only: bool) -> tuple[str, str | None]:
    """(the digits before the decimal mark, the digits after it or None when there is no mark)."""
    error = "whole-number" if whole_only else "number"
    if not body or not all(c.isdigit() or c in ".," for c in body) or not body[0].isdigit():
        raise InputError(error, typed)
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        # Both marks: the last one is the decimal mark, the other groups thousands (1,200.5 or 1.200,5).
        mark = "." if body.rfind(".") > body.rfind(",") else ","
        group = "," if mark == "." else "."
        whole, _, fraction = body.rpartition(mark)
        if body.count(mark) != 1 or not _grouped(whole, group) or not fraction.isdigit():
            raise InputError(error, typed)
        return whole.replace(group, ""), fraction
    mark = "," if commas else "." if dots else ""
    if not mark:
        return body, None
    if body.count(mark) > 1:
        # 1,200,000 or 1.200.000: groups, never a decimal.
        if not _grouped(body, mark):
            raise InputError(error, typed)
        return body.replace(mark, ""), None
    whole, _, fraction = body.partition(mark)
    if not fraction.isdigit():
        raise InputError(error, typed)
    if mark == "," and _COMMA_GROUPS.fullmatch(body):
        # 2,500: 2500 in English, 2.5 in Russian.
        if whole_only:
            return whole + fraction, None
        raise InputError(
            "number-ambiguous",
            typed,
            thousands=whole + fraction,
            decimal=f"{whole},{fraction.rstrip('0') or '0'}",
            decimal_dot=f"{whole}.{fraction.rstrip('0') or '0'}",
        )
    return whole, fraction


def _grouped(digits: str, mark: str) -> bool:
    """`1,200,000` with `,`: groups of three after a first group of one to three digits."""
    first, *rest = digits.split(mark)
    return (
        bool(_DIGITS.fullmatch(first)) and len(first) <= 3 and all(len(g) == 3 and g.isdigit() for g in rest)
    )
