"""The words of the planner's window in its language: every text a person reads comes from here.

The words live in `planner/locales/ui.<lang>.toml` (under `ui.`), read through `planner.l10n`
like the documents' labels, so plural forms ("1 пост, 2 поста, 5 постов"), numbers and dates
follow the same rules everywhere. The window's language is the app's `ui_lang` (it switches at
runtime: nothing here caches a widget's language); an app without one (a test harness) speaks
English.

- `say(node)` gives the `t(key, count=None, **values)` of the node's app: `say(self)("list.add")`.
- `words(lang)`: the same for a language named outright (the documents' language, a test).
- `choice(kind, value, lang)`: how the window names a value of an enumeration (`status`,
  `planned` → "запланирован"); the file keeps the id.
- `number(value, lang)`, `day(date, lang)`, `weekday(date, lang)`, `month(date, lang)`: numbers and
  dates as the language writes them, short enough for a table cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from planner import l10n

if TYPE_CHECKING:
    from textual.dom import DOMNode

Say = Callable[..., str]


def lang_of(node: DOMNode) -> str:
    """The language the node's app speaks ("en" for an app that has none, such as a test harness)."""
    lang = getattr(node.app, "ui_lang", "en")
    return lang if lang in l10n.LANGUAGES else "en"


@cache
def words(lang: str) -> Say:
    """`t(key, count=None, **values)`: the window's text `ui.<key>` in `lang`, placeholders filled."""
    t = l10n.label_function(lang)

    def say(key: str, /, count: float | None = None, **values: Any) -> str:
        return t(f"ui.{key}", count, **values)

    return say


def say(node: DOMNode) -> Say:
    """The `t()` of the language the node's app speaks now."""
    return words(lang_of(node))


def has_word(key: str, lang: str) -> bool:
    """The catalog has `ui.<key>` (an optional word, such as a binding's tooltip)."""
    return f"ui.{key}" in l10n.labels(lang)


def choice(kind: str, value: str, lang: str) -> str:
    """A value of an enumeration as the window names it; an unknown value as it is written."""
    text = l10n.labels(lang).get(f"ui.choice.{kind}.{value}")
    return text if isinstance(text, str) else value


def choices(kind: str, values: tuple[str, ...] | list[str], lang: str) -> list[tuple[str, str]]:
    """(label, id) pairs for a Select."""
    return [(choice(kind, v, lang), v) for v in values]


def platform_name(platform_id: str, lang: str) -> str:
    """A platform as the window names it ("ВКонтакте", "VK"); an unknown id as it is written."""
    from planner import catalog

    platform = catalog.platforms().get(platform_id)
    if platform is None:
        return platform_id
    return platform.name_ru if lang == "ru" else platform.name


# Digit groups and the space before "%" never break a line in the window: no-break spaces.
_UNBROKEN = str.maketrans({" ": "\u00a0"})


def number(value: float | None, lang: str) -> str:
    """1,200 / 1 200 (a no-break space between groups); empty for None."""
    return "" if value is None else l10n.format_number(value, lang).translate(_UNBROKEN)


def percent(value: float, lang: str, digits: int = 1) -> str:
    """40%, in either language: the documents' Russian "40 %" could break before the sign in a
    wrapped line of the window (Textual breaks lines at every kind of space, no-break ones too)."""
    return l10n.format_percent(value, lang, digits).replace(" %", "%").translate(_UNBROKEN)


def money(value: float, currency: str, lang: str) -> str:
    """£1,800 / 180 000 ₽, on one line."""
    return l10n.format_money(value, currency, lang).translate(_UNBROKEN)


def day(date: dt.date | None, lang: str) -> str:
    """ "Dec 2" / "2 дек."; "—" for no date."""
    return l10n.format_date(date, lang, "day") if date else "—"


def weekday(date: dt.date, lang: str) -> str:
    """ "Wed" / "Ср"."""
    return l10n.format_date(date, lang, "weekday")


def month(date: dt.date, lang: str) -> str:
    """ "December 2026" / "Декабрь 2026"."""
    return l10n.format_date(date, lang, "month")


def date_text(value: dt.date | None, lang: str) -> str:
    """A date as a form shows it for typing over: 2026-12-01, or 01.12.2026 in Russian (both are read back)."""
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y") if lang == "ru" else value.isoformat()


def long_date(date: dt.date, lang: str) -> str:
    """ "December 2, 2026" / "2 декабря 2026"."""
    return l10n.format_date(date, lang, "long")
