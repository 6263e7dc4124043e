"""The documents' Jinja environment: sandbox, template folders, filters and the labels of each language.

Public API (the `render` and `report` commands and the TUI preview build on it):

- `environment(lang, templates=None)`: the configured `ImmutableSandboxedEnvironment` for a language.
  Templates are looked up in the user's folder `templates` first, then in the built-ins
  (`planner.resources.builtin_templates_dir()`). `StrictUndefined`, `keep_trailing_newline=True`,
  no autoescape: Markdown is escaped by the filters below, where user text lands.
- `render_template(name, context, lang, templates=None) -> str`: renders one template and turns every
  template failure (syntax, undefined variable, sandbox violation, a filter given nonsense) into
  `TemplateProblem` with one line: `FILE:LINE: what is wrong`.
- `render_documents(strategy, *, lang=None, templates=None, prepared=None) -> {"strategy.md": …,
  "content-plan.md": …}`; `prepared` is the date printed in the title block (default: today; tests
  pass a fixed date so the golden files do not depend on the day they run).
- `write_documents(documents, folder)`, `copy_builtin_templates(folder)`.
- `labels(lang)`: the flat label catalog of a language (`planner/locales/<lang>.toml`, plus any
  `planner/locales/<document>.<lang>.toml` another document adds, merged; later files add keys).

What every template gets, besides its context:

- `t(key, count=None, **values)`: a label from the catalog, `{name}` placeholders filled from
  `values`; a label that is a table of plural forms (`one`, `few`, `many`, `other`) is chosen by
  `count` with the language's plural rule, and `{count}` is the number formatted for the language.
  An unknown key stops the render naming the key.
- `lang`: "en" or "ru".
- Filters for user text: `md` (inline Markdown: `\\ ` * _ [ ] < > | ~` and entities escaped, newlines
  folded into spaces), `cell` (the same for a table cell; empty gives "—"), `paragraphs` (text that
  may hold several paragraphs; block markers at a line start escaped), `url` (an `<https://…>`
  autolink when safe, else escaped text).
- Filters for values: `date` ("December 2, 2026" / "2 декабря 2026"), `day` ("Dec 2" / "2 дек."),
  `weekday` ("Wed" / "Ср"), `weekday_name` ("Wednesday" / "среда"), `month` ("December 2026" /
  "Декабрь 2026"), `daterange(start, end, year=False)` as a function and filter ("December 1–6" /
  "1–6 декабря"; with year: "December 1–6, 2026" / "1–6 декабря 2026"),
  `num(digits=None)` ("1,200" / "1 200"; plain spaces, never U+00A0; decimals by size unless given),
  `signed` (+1,200 / −3),
  `money` (the context's `currency`: "£1,800" / "180 000 ₽"),
  `pct(digits=1, signed=False)` (40 → "40%" / "40 %"; signed: "+40%"),
  `label(kind)`: an enumeration value in the language (`post.status|label("status")`); a value the
  catalog does not know (a custom post format) is shown as the user wrote it, escaped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import traceback
from collections.abc import Callable, Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.errors import PlannerError, TemplateProblem, did_you_mean
from planner.resources import builtin_templates_dir

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from planner.model import Strategy

LANGUAGES = ("en", "ru")
DOCUMENTS = {"strategy.md": "strategy.md.j2", "content-plan.md": "content-plan.md.j2"}
_LOCALES = Path(__file__).resolve().parent / "locales"


# --- labels ------------------------------------------------------------------------------------


@cache
def labels(lang: str) -> dict[str, Any]:
    """Every label of a language by dotted key (`goals.title`); plural labels are dicts of forms."""
    if lang not in LANGUAGES:
        raise PlannerError(f"no documents in '{lang}': the languages are {', '.join(LANGUAGES)}")
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


def label_function(lang: str) -> Callable[..., str]:
    """The `t()` of a language: a label with its placeholders filled."""
    catalog = labels(lang)

    def t(key: str, count: float | None = None, **values: Any) -> str:
        try:
            text = catalog[key]
        except KeyError:
            from jinja2.exceptions import UndefinedError

            raise UndefinedError(
                f"no label '{key}' in the {lang} catalog{did_you_mean(key, catalog)}"
            ) from None
        if isinstance(text, dict):
            text = text.get(_plural_form(lang, count or 0)) or text["other"]
        if count is not None:
            values["count"] = format_number(count, lang)
        return text.format(**values) if values else text

    return t


_PLURAL_CODES = {"zero": "z", "one": "o", "two": "t", "few": "f", "many": "m", "other": "x"}
_PLURAL_NAMES = {code: name for name, code in _PLURAL_CODES.items()}


def _plural_form(lang: str, count: float) -> str:
    n = abs(count)
    # Whole numbers below 10,000 (nearly every count a document prints) are looked up in Babel's
    # own answers, kept with the locale data; anything else asks Babel's rule engine.
    table = cldr(lang)["plural_whole"]
    if type(n) in (int, float) and n < len(table) and n == int(n):
        return _PLURAL_NAMES[table[int(n)]]
    return _plural_rule(lang)(n)


@cache
def _plural_rule(lang: str) -> Any:
    from babel.plural import PluralRule  # Babel's own rule engine, given the locale's CLDR rules

    return PluralRule(cldr(lang)["plural"])


@cache
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(lang)


# --- what the documents use of Babel's locale data ---------------------------------------------


@cache
def cldr(lang: str) -> dict[str, Any]:
    """The pieces of Babel's data for `lang` the documents print: month, weekday, language and
    country names, number symbols, the currency pattern and symbols, the plural rules.

    Loading Babel's locale data costs ~25 ms a run (two large pickles merged, and the global data)
    for a few dozen values; they are kept in the user's cache as JSON, keyed by the installed
    Babel's data file, so an upgrade of Babel is picked up. Without a cache folder, Babel is read.
    """
    from planner.user_cache import cache_folder, load_json, store_json

    folder = cache_folder()
    key = _babel_data_key(lang) if folder else None
    path = folder / f"cldr{_CLDR_FORMAT}-{lang}-{key}.json" if folder and key else None
    if path is not None:
        cached = load_json(path)
        if cached is not None:
            return cached
    data = _cldr_from_babel(lang)
    if path is not None:
        store_json(path, data)
    return data


_CLDR_FORMAT = 2  # bumped when the cached pieces change


def _babel_data_key(lang: str) -> str | None:
    """Size and time of the installed Babel's data files for `lang`, found without importing Babel;
    None when they are not plain files (a zipped install): then Babel is read every time."""
    from importlib.util import find_spec

    spec = find_spec("babel")
    locations = list(spec.submodule_search_locations or ()) if spec else []
    if not locations:
        return None
    folder = Path(locations[0]) / "locale-data"
    parts = []
    for name in ("root", lang):
        try:
            st = (folder / f"{name}.dat").stat()
        except OSError:
            return None
        parts.append(f"{st.st_size}-{st.st_mtime_ns}")
    return "-".join(parts)


def _cldr_from_babel(lang: str) -> dict[str, Any]:
    loc = _locale(lang)
    symbols = loc.number_symbols["latn"]
    return {
        "months": [loc.months["format"]["wide"][m] for m in range(1, 13)],
        "months_short": [loc.months["format"]["abbreviated"][m] for m in range(1, 13)],
        "months_standalone": [loc.months["stand-alone"]["wide"][m] for m in range(1, 13)],
        "days_short": [loc.days["format"]["abbreviated"][i] for i in range(7)],
        "days": [loc.days["format"]["wide"][i] for i in range(7)],
        "group": symbols["group"],
        "decimal": symbols["decimal"],
        "currency_pattern": loc.currency_formats["standard"].pattern,
        "currency_symbols": dict(loc.currency_symbols),
        "plural": dict(loc.plural_form.rules),
        "plural_whole": "".join(_PLURAL_CODES[loc.plural_form(n)] for n in range(10_000)),
        "languages": dict(loc.languages),
        "territories": dict(loc.territories),
    }


# --- Markdown escaping -------------------------------------------------------------------------

# Characters that start inline markup (emphasis, code, links, HTML, tables, strikethrough).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")
# What makes a line a block (heading, list, quote, rule, setext underline, fence) when it starts it.
_BLOCK_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])")


def md(text: object) -> str:
    """User text for an inline position: no markup survives, newlines become spaces."""
    if text is None:
        return ""
    return _escaped(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=8192)  # a plan repeats its channels, pillars and topics thousands of times
def _escaped(text: str) -> str:
    s = " ".join(text.split())
    return _ENTITY.sub(r"\\&\1", _INLINE.sub(r"\\\1", s))


def cell(text: object) -> str:
    """User text for a table cell: escaped, on one line, never empty (an empty cell reads as "—")."""
    s = md(text)
    return s if s else "—"


def paragraphs(text: object) -> str:
    """User text that may hold several paragraphs (blank lines): each one escaped and on one line."""
    parts = re.split(r"\n\s*\n", str(text or "").strip())
    return "\n\n".join(_BLOCK_START.sub(r"\1\\\2", md(p)) for p in parts if p.strip())


_SAFE_URL = re.compile(r"^https?://[^\s<>`|\\]+$")


def url(text: object) -> str:
    """A web address as a link when it is a plain http(s) URL; anything else as escaped text."""
    s = str(text or "").strip()
    return f"<{s}>" if _SAFE_URL.match(s) else md(s)


# --- dates, numbers and money ------------------------------------------------------------------


def _capitalized(s: str) -> str:
    return s[:1].upper() + s[1:]


@lru_cache(maxsize=4096)
def format_date(value: dt.date, lang: str, style: str = "long") -> str:
    """A date for a reader of `lang`; style long, day, weekday, weekday_name or month.

    Built from Babel's month and day names rather than `babel.dates.format_date`, which parses its
    pattern on every call: a year's calendar formats hundreds of distinct dates (same text).
    """
    names = _date_names(lang)
    d, m, y = value.day, value.month, value.year
    if style == "weekday":
        return names["weekday"][value.weekday()]
    if style == "weekday_name":
        return names["weekday_name"][value.weekday()]
    if style == "month":
        return f"{names['standalone'][m]} {y}"
    if style == "day":
        return f"{d} {names['short'][m]}" if lang == "ru" else f"{names['short'][m]} {d}"
    return f"{d} {names['long'][m]} {y}" if lang == "ru" else f"{names['long'][m]} {d}, {y}"


@lru_cache(maxsize=4)
def _date_names(lang: str) -> dict[str, Any]:
    """Month and weekday names of the language, in the forms the date styles use."""
    data = cldr(lang)
    return {
        "long": dict(enumerate(data["months"], 1)),  # "декабря": the genitive after a day number
        "short": dict(enumerate(data["months_short"], 1)),
        "standalone": {m: _capitalized(n) for m, n in enumerate(data["months_standalone"], 1)},
        "weekday": [_capitalized(n) for n in data["days_short"]],
        "weekday_name": list(data["days"]),
    }


def format_range(start: dt.date, end: dt.date, lang: str, year: bool = False) -> str:
    """A span of days: "December 1–6", "November 30 – December 6"; with `year`, "December 1–6, 2026".

    A span across two years always names both.
    """
    if start.year != end.year:
        return f"{format_date(start, lang)} – {format_date(end, lang)}"
    if start == end:
        text = _day_month(start, lang)
    elif start.month == end.month:
        text = (
            f"{start.day}–{_day_month(end, lang)}" if lang == "ru" else f"{_day_month(start, lang)}–{end.day}"
        )
    else:
        text = f"{_day_month(start, lang)} – {_day_month(end, lang)}"
    if not year:
        return text
    return f"{text} {end.year}" if lang == "ru" else f"{text}, {end.year}"


def _day_month(value: dt.date, lang: str) -> str:
    month = _date_names(lang)["long"][value.month]
    return f"{value.day} {month}" if lang == "ru" else f"{month} {value.day}"


_NBSP = str.maketrans({"\u00a0": " ", "\u202f": " "})


@lru_cache(maxsize=8192)
def format_number(value: float, lang: str, digits: int | None = None) -> str:
    """1,200 / 1 200 (a plain space: the documents are read as plain text too), −3 with a true minus.

    At most `digits` decimals; None picks what a reader needs: none from 100 up, one from 1, two below.
    """
    if digits is None:
        size = abs(value)
        digits = 0 if size >= 100 else 1 if size >= 1 else 2
    text = _decimal(value, lang, 0, digits) if _plain(value, digits) else None
    if text is None:  # what the plain path does not cover (text, infinities, huge values): Babel
        from babel.numbers import format_decimal

        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        text = format_decimal(value, pattern, locale=lang)
    text = text.translate(_NBSP)
    return text.replace("-", "−") if text != "-0" else "0"


def _plain(value: object, digits: object) -> bool:
    """A number the plain path formats exactly as Babel: finite, below 10^15, 0-6 decimals."""
    return (
        type(value) in (int, float)
        and -1e15 < value < 1e15  # type: ignore[operator]
        and type(digits) is int
        and 0 <= digits <= 6  # type: ignore[operator]
    )


def _decimal(value: float, lang: str, least: int, most: int, prefix: str = "", suffix: str = "") -> str:
    """Babel's `NumberPattern.apply` for the patterns the documents use (`#,##0`, then `least` to
    `most` decimals), with the locale's symbols: the same decimal rounding (half to even on the
    number's shortest repr), grouping by three, trailing zeros dropped down to `least`.

    Babel parses its pattern and looks up the locale on every call; this is the one path taken.
    """
    from decimal import Decimal

    data = cldr(lang)
    number = Decimal(str(value))
    negative = number.is_signed()
    rounded = abs(number).normalize().quantize(Decimal(10) ** -most)
    whole, _, frac = f"{rounded:f}".partition(".")
    group = data["group"]
    grouped = ""
    while len(whole) > 3:
        grouped = group + whole[-3:] + grouped
        whole = whole[:-3]
    text = whole + grouped
    frac = (frac or "0").ljust(least, "0")
    if most and not (least == 0 and int(frac) == 0):
        while len(frac) > least and frac[-1] == "0":
            frac = frac[:-1]
        text += data["decimal"] + frac
    out = ("-" + prefix if negative else prefix) + text + suffix
    return re.sub(r"'([^']*)'", lambda m: m.group(1) or "'", out) if "'" in out else out


# A currency pattern as CLDR writes it for our languages ("¤#,##0.00", "#,##0.00 ¤"), whole amounts
# without the decimals: the plain path covers these, Babel any other.
_CURRENCY_PATTERN = re.compile(r"([^#0-9@,.;']*)#,##0(\.00)?([^#0-9@,.;'E+]*)")


@lru_cache(maxsize=1024)
def format_money(value: float, currency: str, lang: str) -> str:
    """An amount in the currency: "£1,800", "180 000 ₽"; pence and kopecks only when there are any."""
    if not currency:
        return format_number(value, lang, 2)
    if not re.fullmatch(r"[A-Z]{3}", currency):  # not an ISO 4217 code: the user's own word, escaped
        return f"{format_number(value, lang, 2)} {md(currency)}"
    data = cldr(lang)
    pattern = data["currency_pattern"].split(";")[0]
    whole = float(value).is_integer()
    pattern = pattern.replace("0.00", "0" if whole else "0.00")
    parts = _CURRENCY_PATTERN.fullmatch(pattern)
    if parts and _plain(value, 2):
        symbol = data["currency_symbols"].get(currency, currency)
        before, cents, after = (p.replace("¤", symbol) for p in parts.groups(""))
        decimals = 2 if cents else 0
        text = _decimal(value, lang, decimals, decimals, before, after)
    else:  # a pattern or value the plain path does not cover: Babel
        from babel.numbers import format_currency

        text = format_currency(value, currency, pattern, locale=lang, currency_digits=False)
    text = text.translate(_NBSP)
    # A currency without a symbol in the locale shows its code: "RUB 25,000", never "RUB25,000".
    return re.sub(r"^([A-Z]{3})(?=\d)", r"\1 ", text)


def format_percent(value: float, lang: str, digits: int = 1, signed: bool = False) -> str:
    """A share or rate given in percent (40 means 40 %): "40%" / "40 %" as each language writes it."""
    number = format_signed(value, lang, digits) if signed else format_number(value, lang, digits)
    return f"{number} %" if lang == "ru" else f"{number}%"


def format_signed(value: float, lang: str, digits: int | None = None) -> str:
    """A change with its sign: +1,200, −3 (a true minus sign), 0."""
    number = format_number(abs(value), lang, digits)
    if number == "0":
        return number
    return f"+{number}" if value > 0 else f"−{number}"


# --- the environment ---------------------------------------------------------------------------


def environment(lang: str, templates: Path | None = None) -> ImmutableSandboxedEnvironment:
    """The sandboxed Jinja environment for `lang`; templates in `templates` win over the built-ins."""
    if lang not in LANGUAGES:
        raise PlannerError(f"no documents in '{lang}': the languages are {', '.join(LANGUAGES)}")
    folder = None
    if templates is not None:
        folder = Path(templates).resolve()
        if not folder.is_dir():
            what = "is not a folder" if folder.exists() else "does not exist"
            raise PlannerError(f"{templates}: the templates folder {what}")
    return _environment(lang, folder)


def _sandbox_class() -> type[ImmutableSandboxedEnvironment]:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        """Jinja's immutable sandbox, remembering its verdict per (type, attribute).

        The sandbox checks every attribute a template reads; its verdict depends only on the
        object's type and the attribute's name (underscores, internals of functions and frames,
        methods that mutate), so it is computed once per pair: a 2,000-post plan reads ~25,000.
        """

        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self._verdicts: dict[tuple[type, str], bool] = {}
            self._plain: set[tuple[type, str]] = set()  # safe pairs whose value was data, not a method

        def getattr(self, obj: Any, attribute: str) -> Any:
            # A data attribute already judged safe on this type is read directly; anything else
            # (methods, str.format, dict keys, unknown pairs) takes the sandbox's full path.
            key = (type(obj), attribute)
            if key in self._plain:
                try:
                    return getattr(obj, attribute)
                except AttributeError:
                    pass
            value = super().getattr(obj, attribute)
            if self._verdicts.get(key) and not callable(value):
                self._plain.add(key)
            return value

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            key = (type(obj), attr)
            verdict = self._verdicts.get(key)
            if verdict is None:
                verdict = self._verdicts[key] = super().is_safe_attribute(obj, attr, value)
            return verdict

    return Sandbox


def _bytecode_cache() -> Any:
    """Compiled templates kept in the user's cache: compiling the built-ins costs more than rendering.

    Jinja keys each entry by the template's file and source checksum, so an edited user template is
    compiled again; the folder's name carries Jinja's version and our environment's options, since
    code compiled for another environment (say, without the sandbox) must never be loaded here.
    """
    import jinja2
    from jinja2 import FileSystemBytecodeCache

    from planner.user_cache import cache_folder

    base = cache_folder()
    if base is None:
        return None
    folder = base / f"jinja-{jinja2.__version__}-{_ENV_OPTIONS_KEY}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home only costs speed
    return FileSystemBytecodeCache(str(folder))


_ENV_OPTIONS = {
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": False,
    "auto_reload": True,  # a long-lived TUI preview sees edits to user templates
}
_ENV_OPTIONS_KEY = "immutable-sandbox-" + "".join("1" if v else "0" for v in _ENV_OPTIONS.values())


@cache
def _environment(lang: str, folder: Path | None) -> ImmutableSandboxedEnvironment:
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, pass_context

    builtin = FileSystemLoader(builtin_templates_dir(), encoding="utf-8")
    loader = ChoiceLoader([FileSystemLoader(folder, encoding="utf-8"), builtin]) if folder else builtin
    env = _sandbox_class()(
        loader=loader,
        undefined=StrictUndefined,
        bytecode_cache=_bytecode_cache(),
        **_ENV_OPTIONS,
    )

    @pass_context
    def money(context: Any, value: float) -> str:
        return format_money(value, context.get("currency", ""), lang)

    def label(value: object, kind: str) -> str:
        catalog = labels(lang)
        if kind not in _kinds(lang):
            from jinja2.exceptions import UndefinedError

            raise UndefinedError(f"no labels of kind '{kind}'{did_you_mean(kind, _kinds(lang))}")
        key = f"{kind}.{value}"
        return str(catalog[key]) if key in catalog else md(value)

    env.filters.update(
        md=md,
        cell=cell,
        paragraphs=paragraphs,
        url=url,
        date=lambda d: format_date(d, lang, "long"),
        day=lambda d: format_date(d, lang, "day"),
        weekday=lambda d: format_date(d, lang, "weekday"),
        weekday_name=lambda d: format_date(d, lang, "weekday_name"),
        month=lambda d: format_date(d, lang, "month"),
        daterange=lambda start, end, year=False: format_range(start, end, lang, year),
        num=lambda v, digits=None: format_number(v, lang, digits),
        signed=lambda v, digits=None: format_signed(v, lang, digits),
        pct=lambda v, digits=1, signed=False: format_percent(v, lang, digits, signed),
        money=money,
        label=label,
    )
    env.globals.update(
        t=label_function(lang),
        lang=lang,
        daterange=lambda start, end, year=False: format_range(start, end, lang, year),
    )
    return env


@cache
def _kinds(lang: str) -> dict[str, tuple[str, ...]]:
    """Label groups by kind (status, metric, …) and their values, for checking `label(kind)`."""
    kinds: dict[str, list[str]] = {}
    for key in labels(lang):
        kind, _, value = key.rpartition(".")
        kinds.setdefault(kind, []).append(value)
    return {k: tuple(v) for k, v in kinds.items()}


def render_template(name: str, context: Mapping[str, Any], lang: str, templates: Path | None = None) -> str:
    """One template rendered with `context`; any template failure becomes a one-line TemplateProblem."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    env = environment(lang, templates)
    try:
        return env.get_template(name).render(context)
    except TemplateNotFound as e:
        folders = f"{templates} or the built-in templates" if templates else "the built-in templates"
        message = f"template '{e.name}' not found in {folders}"
        raise TemplateProblem(f"{_where(e, name)}: {message}" if _where(e, "") else message) from None
    except TemplateSyntaxError as e:
        raise TemplateProblem(f"{e.filename or e.name or name}:{e.lineno}: {e.message}") from None
    except RecursionError:
        raise TemplateProblem(f"{name}: a macro or include calls itself without end") from None
    except (TemplateError, TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as e:
        raise TemplateProblem(_runtime_message(e, name, context)) from None


def _where(e: Exception, default: str) -> str:
    """FILE:LINE of the template line that failed, from the traceback; `default` if none."""
    # Jinja rewrites tracebacks so that template code shows as frames of the template file.
    frames = [f for f in traceback.extract_tb(e.__traceback__) if not f.filename.endswith(".py")]
    frames = [f for f in frames if f.filename != "<string>"]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else default


def _runtime_message(e: Exception, name: str, context: Mapping[str, Any]) -> str:
    where = _where(e, name)
    message = str(e) or type(e).__name__
    undefined = re.fullmatch(r"'(\w+)' is undefined", message)
    if undefined:
        message += did_you_mean(undefined.group(1), context)
    missing = re.fullmatch(r"'planner\.documents\.(\w+) object' has no attribute '(\w+)'", message)
    if missing:  # one of our views: say its name as the templates know it, and what it has
        from planner import documents

        view, attribute = missing.groups()
        fields = getattr(getattr(documents, view, None), "_fields", ())
        message = f"{view} has no attribute '{attribute}'{did_you_mean(attribute, fields)}"
    from jinja2.exceptions import SecurityError

    if isinstance(e, SecurityError):
        message = f"refused by the sandbox: {message}"
    elif not isinstance(e, PlannerError) and type(e).__module__ == "builtins":
        message = f"{type(e).__name__}: {message}"
    return f"{where}: {message}"


# --- the two documents -------------------------------------------------------------------------


def render_documents(
    strategy: Strategy,
    *,
    lang: str | None = None,
    templates: Path | None = None,
    prepared: dt.date | None = None,
) -> dict[str, str]:
    """strategy.md and content-plan.md as text, in `lang` (default: the strategy's language).

    `prepared` is the date in the title block; None means today.
    """
    from planner.documents import content_plan_context, strategy_context
    from planner.storage import gc_paused

    lang = lang or strategy.strategy.language or "en"
    environment(lang, templates)  # a missing folder or language fails before any work
    prepared = prepared or dt.date.today()
    with gc_paused():  # thousands of calendar rows, all kept until the documents are written
        contexts = {
            "strategy.md": strategy_context(strategy, lang, prepared),
            "content-plan.md": content_plan_context(strategy, lang, prepared),
        }
        return {
            out: tidy(render_template(DOCUMENTS[out], contexts[out], lang, templates)) for out in DOCUMENTS
        }


def tidy(markdown: str) -> str:
    """One blank line between blocks and one newline at the end, however the template spaced them.

    Optional sections leave runs of blank lines behind; in Markdown they mean nothing (user text
    never spans lines: the filters fold it), so templates stay readable without whitespace tricks.
    """
    return re.sub(r"\n{3,}", "\n\n", markdown).strip("\n") + "\n"


def write_documents(documents: Mapping[str, str], folder: Path) -> list[Path]:
    """Write rendered documents into `folder` (created if needed), all or none of them."""
    from planner.storage import write_all

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise PlannerError(f"{folder}: is a file, not a folder for the documents")
    with _new_folder(folder):
        return write_all({folder / name: text.encode("utf-8") for name, text in documents.items()})


@contextlib.contextmanager
def _new_folder(folder: Path) -> Iterator[None]:
    """Create `folder` (and missing parents) for the block; remove what was created if it fails."""
    created = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        yield
    except BaseException:
        for p in created:  # deepest first
            with contextlib.suppress(OSError):
                p.rmdir()
        raise


def builtin_templates() -> list[Path]:
    """The built-in template files (documents and their partials), by name."""
    return sorted(p for p in builtin_templates_dir().glob("*.j2") if p.is_file())


def copy_builtin_templates(folder: Path) -> list[Path]:
    """Copy every built-in template into `folder` for editing; refuse to overwrite any file there."""
    from planner.storage import write_all

    folder = Path(folder)
    sources = builtin_templates()
    if folder.exists() and not folder.is_dir():
        raise PlannerError(f"{folder}: is a file, not a folder for templates")
    clashes = [folder / src.name for src in sources if (folder / src.name).exists()]
    if clashes:
        names = ", ".join(str(p) for p in clashes)
        raise PlannerError(
            f"refusing to overwrite existing templates: {names}; move them away or pick another folder"
        )
    with _new_folder(folder):
        return write_all({folder / src.name: src.read_bytes() for src in sources})
