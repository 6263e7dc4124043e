"""Public holidays of the strategy's country, for marking the content plan.

The `holidays` library imports every country it knows on first use (~130 ms here), which would
dominate a `render` of a small plan; the dates of one country and period never change for a
given version of the library, so they are kept in the user's cache (`planner.user_cache`) per
country, years and language, in a folder named after the library's version (an upgrade starts a
new folder and removes the old one).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from planner.user_cache import cache_folder, installed_version, load_json, prune, store_json

# The holidays library's language codes for our document languages.
_LANGUAGES = {"en": "en_US", "ru": "ru"}


def holidays_between(country: str, start: dt.date, end: dt.date, lang: str = "en") -> dict[dt.date, str]:
    """Public holidays from `start` to `end` inclusive, by date, named in `lang` where the library can.

    An empty or unsupported country gives no holidays (the plan simply has none marked).
    """
    if not country or end < start:
        return {}
    years = tuple(range(start.year, end.year + 1))
    by_date = _holidays_for_years(country.upper(), years, lang)
    return {d: name for d, name in by_date.items() if start <= d <= end}


def is_supported(country: str) -> bool:
    return bool(country) and country.upper() in _supported()


@cache
def _supported() -> frozenset[str]:
    import holidays

    return frozenset(holidays.list_supported_countries())


@cache
def _holidays_for_years(country: str, years: tuple[int, ...], lang: str) -> dict[dt.date, str]:
    cache_file = _cache_file(country, years, lang)
    if cache_file is not None:
        raw = load_json(cache_file)
        if isinstance(raw, dict):
            try:
                return {dt.date.fromisoformat(k): v for k, v in raw.items()}
            except ValueError:
                pass
    by_date = _compute(country, years, lang)
    if cache_file is not None:
        store_json(cache_file, {d.isoformat(): name for d, name in sorted(by_date.items())})
    return by_date


def _compute(country: str, years: tuple[int, ...], lang: str) -> dict[dt.date, str]:
    import holidays

    try:
        calendar = holidays.country_holidays(country, years=years, language=_LANGUAGES.get(lang, "en_US"))
    except NotImplementedError:  # a country the library does not cover
        return {}
    return {d: _first_name(name) for d, name in sorted(calendar.items())}


def _first_name(name: str) -> str:
    # The library joins several holidays on one day with "; ": keep them all, but tidy.
    return "; ".join(dict.fromkeys(part.strip() for part in name.split(";")))


_FOLDER_PREFIX = "holidays-"


@cache
def _cache_folder() -> Path | None:
    """The holidays' folder in the user's cache, for the installed version of the library."""
    base = cache_folder()
    version = installed_version("holidays")
    if base is None or version is None:
        return None
    folder = base / f"{_FOLDER_PREFIX}{version}"
    if not folder.is_dir():
        try:
            folder.mkdir()
        except OSError:
            return None
        # Other versions' folders, and the "holidays" folder of smm-planner 0.1 (keyed by file stamps).
        prune(base, "holidays", folder.name)
    return folder


def _cache_file(country: str, years: tuple[int, ...], lang: str) -> Path | None:
    folder = _cache_folder()
    if folder is None:
        return None
    return folder / f"{country}-{years[0]}-{years[-1]}-{lang}.json"
