"""Localisation: the labels of both languages, plural forms, numbers, dates, money and names, from Babel.

Used by the documents, the report, and (next) the TUI and the CLI's summaries, so it knows nothing
of Jinja or Markdown: it gives plain text, and whoever puts it into a document escapes it there.

- `labels(lang)`: the flat catalog by dotted key (`goals.title`), from `planner/locales/<lang>.toml`
  plus every `planner/locales/<document>.<lang>.toml` (later files add keys); a label that is a
  table of plural forms (`one`, `few`, `many`, `other`) stays a dict of those forms.
- `label_function(lang)` gives `t(key, count=None, **values)`: `{name}` placeholders filled from
  `values`, the plural form picked by `count` with the language's rule (`plural_form`), `{count}`
  formatted for the language. An unknown key raises `UnknownLabel`, naming the closest key.
- `value_label(kind, value, lang)`: an enumeration value in the language (`status`, `planned`), or
  None for a value the catalog does not know (a custom post format).
- Numbers: `format_number` ("1,200" / "1 200"; decimals by size unless given), `format_signed`
  (+1,200 / −3, a true minus), `format_percent` ("40%" / "40 %"), `format_money` ("£1,800" /
  "180 000 ₽"). Plain spaces by default (the TUI and the CLI's lines); with `nbsp=True`, as the
  documents ask for, a no-break space (U+00A0) wherever a number has a space, so that "1 200",
  "3,3 %" and "5 000 ₽" never break across lines in a client's Word or PDF.
- Dates: `format_date(value, lang, style)` with style long ("December 2, 2026" / "2 декабря 2026"),
  day ("Dec 2" / "2 дек."), weekday ("Wed" / "Ср"), weekday_name ("Wednesday" / "среда"), month
  ("December 2026" / "Декабрь 2026"); `format_range(start, end, lang, year=False)`.
- Names: `language_name("ru", "en")` ("Russian"), `country_name("GB", "ru")` ("Великобритания"),
  `timezone_city("Europe/Moscow", "ru")` ("Москва").

Every answer comes from Babel's public functions (`format_decimal`, `format_currency`,
`format_date`, `Locale.plural_form`, `Locale.languages`, `Locale.territories`) through
`planner.babel_memo`, which remembers them across runs so that a render rarely loads Babel.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from planner.babel_memo import remembered
from planner.errors import PlannerError, did_you_mean

LANGUAGES = ("en", "ru")
_LOCALES = Path(__file__).resolve().parent / "locales"


def check_language(lang: str) -> None:
    """Refuse a language the documents are not written in."""
    if lang not in LANGUAGES:
        raise PlannerError(f"no documents in '{lang}': the languages are {', '.join(LANGUAGES)}")


# --- labels ------------------------------------------------------------------------------------


class UnknownLabel(LookupError):
    """A key that is not in the catalog: a mistake in a template or in the code, never in user data."""


@cache
def labels(lang: str) -> dict[str, Any]:
    """Every label of a language by dotted key (`goals.title`); plural labels are dicts of forms."""
    check_language(lang)
    import rtoml  # the compiled reader storage uses: a tenth of tomllib's time on the catalogs

    flat: dict[str, Any] = {}
    files = [_LOCALES / f"{lang}.toml", *sorted(_LOCALES.glob(f"*.{lang}.toml"))]
    for path in files:
        _flatten(rtoml.loads(path.read_text("utf-8")), "", flat)
    return flat


_PLURAL_FORMS = {"zero", "one", "two", "few", "many", "other"}


def _flatten(table: Mapping[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not set(value) <= _PLURAL_FORMS:
            _flatten(value, name + ".", out)
        else:
            out[name] = value


def label_function(lang: str, *, nbsp: bool = False) -> Callable[..., str]:
    """The `t()` of a language: a label with its placeholders filled (`{count}` as `format_number`)."""
    catalog = labels(lang)

    def t(key: str, count: float | None = None, **values: Any) -> str:
        try:
            text = catalog[key]
        except KeyError:
            raise UnknownLabel(
                f"no label '{key}' in the {lang} catalog{did_you_mean(key, catalog)}"
            ) from None
        if isinstance(text, dict):
            text = text.get(plural_form(lang, count or 0)) or text["other"]
        if count is not None:
            values["count"] = format_number(count, lang, nbsp=nbsp)
        return text.format(**values) if values else text

    return t


def value_label(kind: str, value: object, lang: str) -> str | None:
    """An enumeration value in the language (`value_label("status", "planned", "ru")`), None if unknown."""
    text = labels(lang).get(f"{kind}.{value}")
    return None if text is None else str(text)


@cache
def label_kinds(lang: str) -> dict[str, tuple[str, ...]]:
    """Label groups by kind (status, metric, …) and their values: what `value_label` can name."""
    kinds: dict[str, list[str]] = {}
    for key in labels(lang):
        kind, _, value = key.rpartition(".")
        kinds.setdefault(kind, []).append(value)
    return {k: tuple(v) for k, v in kinds.items()}


def plural_form(lang: str, count: float) -> str:
    """The CLDR plural category of `count` in `lang`: one, few, many or other."""
    return _plural_form(abs(count), lang)


@remembered
def _plural_form(count: float, lang: str) -> str:
    from babel import Locale

    return str(Locale.parse(lang).plural_form(count))


# --- numbers and money -------------------------------------------------------------------------

# Babel groups digits with a no-break space (U+00A0 or the narrow U+202F) in Russian.
_PLAIN_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
_NO_BREAK_SPACES = str.maketrans({" ": "\u00a0", "\u202f": "\u00a0"})
NBSP = "\u00a0"


def _spaces(nbsp: bool) -> dict[int, str]:
    return _NO_BREAK_SPACES if nbsp else _PLAIN_SPACES


@lru_cache(maxsize=8192)
def format_number(value: float, lang: str, digits: int | None = None, *, nbsp: bool = False) -> str:
    """1,200 / 1 200, −3 with a true minus sign; the space a no-break one with `nbsp`.

    At most `digits` decimals; None picks what a reader needs: none from 100 up, one from 1, two below.
    """
    if digits is None:
        size = abs(value)
        digits = 0 if size >= 100 else 1 if size >= 1 else 2
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    text = _decimal(value, pattern, lang).translate(_spaces(nbsp))
    return text.replace("-", "−") if text != "-0" else "0"


@remembered
def _decimal(value: float, pattern: str, lang: str) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, pattern, locale=lang))


def format_signed(value: float, lang: str, digits: int | None = None, *, nbsp: bool = False) -> str:
    """A change with its sign: +1,200, −3 (a true minus sign), 0."""
    number = format_number(abs(value), lang, digits, nbsp=nbsp)
    if number == "0":
        return number
    return f"+{number}" if value > 0 else f"−{number}"


def format_percent(
    value: float, lang: str, digits: int = 1, signed: bool = False, *, nbsp: bool = False
) -> str:
    """A share or rate given in percent (40 means 40 %): "40%" / "40 %" as each language writes it."""
    if signed:
        number = format_signed(value, lang, digits, nbsp=nbsp)
    else:
        number = format_number(value, lang, digits, nbsp=nbsp)
    return f"{number}{NBSP if nbsp else ' '}%" if lang == "ru" else f"{number}%"


_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


@lru_cache(maxsize=1024)
def format_money(value: float, currency: str, lang: str, *, nbsp: bool = False) -> str:
    """An amount in the currency: "£1,800", "180 000 ₽"; pence and kopecks only when there are any.

    A currency that is not an ISO 4217 code is the user's own word, printed after the amount as given.
    """
    space = NBSP if nbsp else " "
    if not currency:
        return format_number(value, lang, 2, nbsp=nbsp)
    if not _CURRENCY_CODE.fullmatch(currency):
        return f"{format_number(value, lang, 2, nbsp=nbsp)}{space}{currency}"
    # -0.0 (a balance rounded to nothing) is no debt: Babel would print "-£0".
    text = _currency(value if value else 0, currency, lang).translate(_spaces(nbsp))
    # A currency without a symbol in the locale shows its code: "RUB 25,000", never "RUB25,000".
    return re.sub(r"^([A-Z]{3})(?=\d)", rf"\1{space}", text)


@remembered
def _currency(value: float, currency: str, lang: str) -> str:
    from babel import Locale
    from babel.numbers import format_currency

    pattern = Locale.parse(lang).currency_formats["standard"].pattern.split(";")[0]
    if float(value).is_integer():  # whole amounts without the decimals: "£1,800", not "£1,800.00"
        pattern = pattern.replace("0.00", "0")
    return str(format_currency(value, currency, pattern, locale=lang, currency_digits=False))


# --- dates -------------------------------------------------------------------------------------

# CLDR date patterns per style: the languages' standard "long" dates carry what the documents leave
# out (the Russian "г." after the year), so the patterns are named here. MMMM is the month as it
# follows a day number (the Russian genitive "декабря"), LLLL the month on its own ("декабрь").
_PATTERNS = {
    "en": {"long": "MMMM d, y", "day": "MMM d", "day_month": "MMMM d", "month": "LLLL y"},
    "ru": {"long": "d MMMM y", "day": "d MMM", "day_month": "d MMMM", "month": "LLLL y"},
}
_WEEKDAY_PATTERNS = {"weekday": "EEE", "weekday_name": "EEEE"}
_CAPITALIZED = {"month", "weekday"}  # a month or weekday heading a cell: "Декабрь 2026", "Ср"
_MONDAY = dt.date(2024, 1, 1)


@lru_cache(maxsize=4096)
def format_date(value: dt.date, lang: str, style: str = "long") -> str:
    """A date for a reader of `lang`; style long, day, day_month, weekday, weekday_name or month."""
    weekday = _WEEKDAY_PATTERNS.get(style)
    if weekday:
        # Babel is asked about one week only: a year's calendar would remember 365 answers for 7.
        text = _date(_MONDAY + dt.timedelta(days=value.weekday()), weekday, lang)
    else:
        pattern = _PATTERNS[lang][style]
        if "y" not in pattern:  # the same question for every year: asked of a leap year, with its Feb 29
            value = value.replace(year=2000)
        text = _date(value, pattern, lang)
    return text[:1].upper() + text[1:] if style in _CAPITALIZED else text


@remembered
def _date(value: dt.date, pattern: str, lang: str) -> str:
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(value, pattern, locale=lang))


def format_range(start: dt.date, end: dt.date, lang: str, year: bool = False) -> str:
    """A span of days: "December 1–6", "November 30 – December 6"; with `year`, "December 1–6, 2026".

    A span across two years always names both.
    """
    if start.year != end.year:
        return f"{format_date(start, lang)} – {format_date(end, lang)}"
    if start == end:
        text = format_date(start, lang, "day_month")
    elif start.month == end.month:
        text = (
            f"{start.day}–{format_date(end, lang, 'day_month')}"
            if lang == "ru"
            else f"{format_date(start, lang, 'day_month')}–{end.day}"
        )
    else:
        text = f"{format_date(start, lang, 'day_month')} – {format_date(end, lang, 'day_month')}"
    if not year:
        return text
    return f"{text} {end.year}" if lang == "ru" else f"{text}, {end.year}"


# --- names -------------------------------------------------------------------------------------


def language_name(code: str, lang: str) -> str:
    """A language's name in `lang` ("ru" in English: "Russian"); an unknown code as given."""
    return _language_name(code.replace("-", "_"), lang) or code


@remembered
def _language_name(code: str, lang: str) -> str | None:
    from babel import Locale

    return Locale.parse(lang).languages.get(code)


def country_name(code: str, lang: str) -> str:
    """A country's name in `lang` ("GB" in Russian: "Великобритания"); an unknown code as given."""
    return (_country_name(code.upper(), lang) or code) if code else ""


@remembered
def _country_name(code: str, lang: str) -> str | None:
    from babel import Locale

    return Locale.parse(lang).territories.get(code)


def timezone_city(zone: str, lang: str) -> str:
    """The city an IANA time zone is named after, in `lang` ("Europe/Moscow" in Russian: "Москва");
    a zone Babel does not know, as given."""
    return (_timezone_city(zone, lang) or zone) if zone else ""


@remembered
def _timezone_city(zone: str, lang: str) -> str | None:
    from babel.dates import get_timezone_location

    try:
        return str(get_timezone_location(zone, locale=lang, return_city=True))
    except LookupError:
        return None
