"""Reading one cell of a statistics file: whole counts, dates and times, and quoting a bad value back.

Every reader of every source goes through these functions, so the rules are the same for all:
ASCII digits only (Python's `int()` and `\\d` would take `١٢٣`, `１２３` or `𝟙𝟚`), the usual
group separators, counts bounded by MAX_COUNT, and a value quoted in a message never longer
than QUOTE_CHARS (a bad cell of 100,000 characters must not flood the terminal).
"""

from __future__ import annotations

import datetime as dt
import re

# The model bounds every number at 10^12; a post with more impressions than that is a broken file.
MAX_COUNT = 10**12
QUOTE_CHARS = 80
# Longer than any count with separators ("1 000 000 000 000" is 17): refused before any regex.
_MAX_NUMBER_CHARS = 32
_MAX_DATE_CHARS = 64
MIN_YEAR, MAX_YEAR = 1990, 2200

_SEPARATORS = re.compile(r"[ \u00a0\u202f\u2009']")
# Thousands grouped by "," or "." ("12,400", "12.400"), or plain digits; [0-9], never \d.
_GROUPED = re.compile(r"[0-9]{1,3}(?:([,.])[0-9]{3})(?:\1[0-9]{3})*|[0-9]+", re.ASCII)
_WHOLE_DECIMAL = re.compile(r"([0-9]+)[,.]0+", re.ASCII)
_NO_DATA = {"-", "–", "—", "n/a", "N/A"}  # what some exports write for "not measured"


def quote(value: str, limit: int = QUOTE_CHARS) -> str:
    """`value` as it may appear in a one-line message: quoted, control characters shown, cut."""
    shown = value.replace("\r\n", "⏎").translate(_CONTROL)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"'{shown}'"


_CONTROL = {c: "⏎" if c in (10, 13) else "·" for c in (*range(32), 127)}


def is_empty(value: str) -> bool:
    return not value.strip() or value.strip() in _NO_DATA


def count(value: str) -> int | str:
    """A whole count of zero or more from a cell, or why it is not one."""
    text = value.strip()
    if len(text) > _MAX_NUMBER_CHARS:
        return f"{quote(text)} is not a whole number (it has {len(text):,} characters)"
    compact = _SEPARATORS.sub("", text)
    if compact.startswith(("-", "−")):
        return f"{quote(text)} is negative; results are counts of zero or more"
    if not compact.isascii():
        return f"{quote(text)} is not a whole number: write it with the digits 0-9"
    if _GROUPED.fullmatch(compact):
        number = int(re.sub(r"[,.]", "", compact))
    elif m := _WHOLE_DECIMAL.fullmatch(compact):
        number = int(m.group(1))
    else:
        return f"{quote(text)} is not a whole number"
    if number > MAX_COUNT:
        return f"{quote(text)} is more than 10^12, the most a result may be"
    return number


def time_of_day(value: str) -> dt.time | None:
    """`09:30`, `9:30`, `09:30:15` or `9:30 PM` as a time, or None."""
    m = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?\s*([AaPp][Mm])?", value.strip(), re.ASCII)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    if m.group(4):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group(4).lower() == "pm" else 0)
    if hour > 23 or minute > 59 or (m.group(3) and int(m.group(3)) > 59):
        return None
    return dt.time(hour, minute)


def moment(value: str, formats: tuple[str, ...]) -> dt.datetime | dt.date | None:
    """A cell read with the first of `formats` that fits: a datetime when the format has a time."""
    text = " ".join(value.split())
    if len(text) > _MAX_DATE_CHARS or not text.isascii():
        return None
    for fmt in formats:
        try:
            parsed = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            return None  # no statistics of year 9999; and a day's neighbours must exist for the matcher
        has_time = any(code in fmt for code in ("%H", "%I", "%M"))
        return parsed if has_time else parsed.date()
    return None
