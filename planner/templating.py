"""The documents' Jinja environment: sandbox, template folders, filters, errors, and writing the results.

- `environment(lang, templates=None)`: the configured `ImmutableSandboxedEnvironment` of a language.
  Templates are looked up in the user's folder `templates` first, then in the built-ins
  (`planner.resources.builtin_templates_dir()`). `StrictUndefined`, `keep_trailing_newline=True`,
  no autoescape: Markdown is escaped by the filters, where user text lands. A user's folder makes
  it the guarded sandbox of `planner.sandbox` (bounded time and memory, no link out of the folder).
- `render_template(name, context, lang, templates=None) -> str`: one template rendered; every template
  failure (syntax, undefined variable, sandbox violation, a filter given nonsense) becomes a
  `TemplateProblem` with one line: `FILE:LINE: what is wrong`.
- `write_documents(documents, folder)`, `builtin_templates()`, `copy_builtin_templates(folder)`.

What every template gets besides its context (all registered in `_filters` and `_globals`):

- `t(key, count=None, **values)` (`planner.l10n.label_function`), `lang` ("en" or "ru"),
  `daterange(start, end, year=False)`.
- Filters for user text (`planner.markdown`): `md`, `cell` (empty gives "—"), `paragraphs`, `url`.
- Filters for values (`planner.l10n`): `date`, `day`, `weekday`, `weekday_name`, `month`,
  `daterange`, `num(digits=None)`, `signed`, `pct(digits=1, signed=False)`, `money` (in the
  context's `currency`); numbers keep their spaces together with no-break spaces ("1 200", "3,3 %"), `label(kind)`: an enumeration value in the language
  (`post.status|label("status")`); a value the catalog does not know is shown as written, escaped.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner import l10n
from planner.errors import PlannerError, TemplateProblem, did_you_mean
from planner.markdown import cell, md, paragraphs, url
from planner.resources import builtin_templates_dir

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment


# --- the environment ---------------------------------------------------------------------------


def environment(lang: str, templates: Path | None = None) -> ImmutableSandboxedEnvironment:
    """The sandboxed Jinja environment for `lang`; templates in `templates` win over the built-ins."""
    l10n.check_language(lang)
    folder = None
    if templates is not None:
        folder = Path(templates).resolve()
        if not folder.is_dir():
            what = "is not a folder" if folder.exists() else "does not exist"
            raise PlannerError(f"{templates}: the templates folder {what}")
    return _environment(lang, folder)


_OPTIONS = {
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": False,
    "auto_reload": True,  # a long-lived TUI preview sees edits to user templates
}


@cache
def _environment(lang: str, folder: Path | None) -> ImmutableSandboxedEnvironment:
    from jinja2 import ChoiceLoader, StrictUndefined

    from planner.sandbox import FolderLoader, sandbox_class

    # A user's templates run in the guarded sandbox (planner.sandbox says what it bounds); the
    # built-ins alone, ours and fed bounded data, in the plain one.
    guarded = folder is not None
    builtin = FolderLoader(builtin_templates_dir())
    loader = ChoiceLoader([FolderLoader(folder), builtin]) if folder else builtin
    env = sandbox_class(guarded)(
        loader=loader, undefined=StrictUndefined, bytecode_cache=_bytecode_cache(guarded), **_OPTIONS
    )
    env.filters.update(_filters(lang))
    env.globals.update(_globals(lang))
    return env


def _filters(lang: str) -> dict[str, Callable[..., Any]]:
    """Every filter the templates may use, in one place."""
    from jinja2 import pass_context

    @pass_context
    def money(context: Any, value: float) -> str:
        # The user's own word for a currency ("руб.") is user text: escaped like all of it (before
        # formatting: `md` folds whitespace, the no-break spaces of the amount among it).
        return l10n.format_money(value, md(context.get("currency", "")), lang, nbsp=True)

    def label(value: object, kind: str) -> str:
        kinds = l10n.label_kinds(lang)
        if kind not in kinds:
            from jinja2.exceptions import UndefinedError

            raise UndefinedError(f"no labels of kind '{kind}'{did_you_mean(kind, kinds)}")
        text = l10n.value_label(kind, value, lang)
        return md(value) if text is None else text

    return {
        "md": md,
        "cell": cell,
        "paragraphs": paragraphs,
        "url": url,
        "date": lambda d: l10n.format_date(d, lang, "long"),
        "day": lambda d: l10n.format_date(d, lang, "day"),
        "weekday": lambda d: l10n.format_date(d, lang, "weekday"),
        "weekday_name": lambda d: l10n.format_date(d, lang, "weekday_name"),
        "month": lambda d: l10n.format_date(d, lang, "month"),
        "daterange": lambda start, end, year=False: l10n.format_range(start, end, lang, year),
        "num": lambda v, digits=None: l10n.format_number(v, lang, _digits(digits), nbsp=True),
        "signed": lambda v, digits=None: l10n.format_signed(v, lang, _digits(digits), nbsp=True),
        "pct": lambda v, digits=1, signed=False: l10n.format_percent(
            v, lang, _digits(digits), signed, nbsp=True
        ),
        "money": money,
        "label": label,
    }


MAX_DIGITS = 20  # decimals a number filter shows: past a double's precision


def _digits(digits: Any) -> Any:
    """`num(digits)`: a count of decimals a document could show, else one clear error (not minutes of Babel)."""
    if digits is not None and not (isinstance(digits, int) and 0 <= digits <= MAX_DIGITS):
        raise ValueError(f"digits must be a whole number from 0 to {MAX_DIGITS}, got {digits!r}"[:200])
    return digits


def _globals(lang: str) -> dict[str, Any]:
    return {
        "t": l10n.label_function(lang, nbsp=True),
        "lang": lang,
        "daterange": lambda start, end, year=False: l10n.format_range(start, end, lang, year),
    }


_BYTECODE_PREFIX = "jinja-"
_GUARDED_BYTECODE_PREFIX = "guarded-jinja-"


def _bytecode_cache(guarded: bool) -> Any:
    """Compiled templates kept in the user's cache: compiling the built-ins costs more than rendering.

    Jinja keys each entry by the template's file and source checksum, so an edited user template is
    compiled again; the folder's name carries Jinja's version and our environment's options, since
    code compiled for another environment (say, without the sandbox) must never be loaded here.
    The guarded sandbox compiles the same built-in partials into other code (its loops counted),
    so it has a folder of its own, named by the guard's version too.
    """
    import jinja2
    from jinja2 import FileSystemBytecodeCache

    from planner.sandbox import GUARD_VERSION
    from planner.user_cache import cache_folder, prune

    base = cache_folder()
    if base is None:
        return None
    options = "".join("1" if v else "0" for v in _OPTIONS.values())
    prefix = _GUARDED_BYTECODE_PREFIX if guarded else _BYTECODE_PREFIX
    kind = f"guard{GUARD_VERSION}" if guarded else "immutable-sandbox"
    folder = base / f"{prefix}{jinja2.__version__}-{kind}-{options}"
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None  # a read-only home only costs speed
        prune(base, prefix, folder.name)  # another Jinja's or option's code is never loaded
    return FileSystemBytecodeCache(str(folder))


# --- rendering and its errors ------------------------------------------------------------------


def render_template(name: str, context: Mapping[str, Any], lang: str, templates: Path | None = None) -> str:
    """One template rendered with `context`; any template failure becomes a one-line TemplateProblem."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    from planner.sandbox import bounded

    env = environment(lang, templates)
    try:
        with bounded():
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
    import traceback  # only a failed render needs it (~1 ms to import)

    # Jinja rewrites tracebacks so that template code shows as frames of the template file.
    frames = [f for f in traceback.extract_tb(e.__traceback__) if not f.filename.endswith(".py")]
    frames = [f for f in frames if f.filename != "<string>"]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else default


# Jinja names a view by its module and class: 'planner.views.strategy.GoalRow object'.
_VIEW_ATTRIBUTE = re.compile(r"'(planner\.views\.\w+)\.(\w+) object' has no attribute '(\w+)'")


def _runtime_message(e: Exception, name: str, context: Mapping[str, Any]) -> str:
    where = _where(e, name)
    message = str(e) or type(e).__name__
    undefined = re.fullmatch(r"'(\w+)' is undefined", message)
    if undefined:
        message += did_you_mean(undefined.group(1), context)
    missing = _VIEW_ATTRIBUTE.fullmatch(message)
    if missing:  # one of our views: say its name as the templates know it, and what it has
        module, view, attribute = missing.groups()
        # The view's module is loaded: its object is in the context that failed.
        fields = getattr(getattr(sys.modules.get(module), view, None), "_fields", ())
        message = f"{view} has no attribute '{attribute}'{did_you_mean(attribute, fields)}"
    from jinja2.exceptions import SecurityError

    if isinstance(e, SecurityError):
        message = f"refused by the sandbox: {message}"
    elif not isinstance(e, PlannerError) and type(e).__module__ == "builtins":
        message = f"{type(e).__name__}: {message}"
    return f"{where}: {message}"


# --- files -------------------------------------------------------------------------------------


def write_documents(documents: Mapping[str, str], folder: Path) -> list[Path]:
    """Write rendered documents into `folder` (created if needed), all or none of them."""
    from planner.storage import write_all

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise PlannerError(f"{folder}: is a file, not a folder for the documents")
    for name in documents:
        if (folder / name).is_dir():  # found before anything is written: no half-written output
            raise PlannerError(f"{folder / name}: is a folder, so {name} cannot be written there")
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
