"""The `smm-planner` command line: thin commands over the core, each declared once, here.

A command is a function registered with `@command()`, its parameters annotated with
`planner.commands.Argument` and `Option` (what `typer.Argument` and `typer.Option` take); Typer's
app is built from these declarations when a command line has to be parsed (`app_for`), and a
command line parsed before runs its command without importing Typer (`main`, `planner.parse_memo`).
So the commands print with `echo` and end with `fail` or `SystemExit`, never with Typer's own.
Heavy imports (the model, Jinja, Babel, Textual) happen inside the commands that need them,
so that `--help` and quick commands start fast (tests/bench/bench_startup.py measures it).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

from planner import __version__
from planner.commands import COMMANDS, Argument, Option, command, echo, run_command, typer_app

if TYPE_CHECKING:
    import typer

    from planner.session import Session

SETTINGS = dict(
    name="smm-planner",
    help="Plan SMM and SMO strategies in one TOML file and turn them into client documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        echo(f"smm-planner {__version__}")
        raise SystemExit(0)


def _root(
    version: Annotated[
        bool, Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Plan SMM and SMO strategies in one TOML file and turn them into client documents."""


def fail(message: str) -> NoReturn:
    """One clear line (or several, one per problem) on stderr, exit 1."""
    echo(message, err=True)
    raise SystemExit(1)


def print_bytes(data: bytes) -> None:
    """A document or an export on stdout, in the bytes its file would hold (UTF-8), whatever the
    terminal's encoding: `PYTHONIOENCODING=ascii` must not stop a Russian document on its first letter."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's PlannerError into a message and exit 1, never a traceback."""
    from planner.errors import PlannerError

    try:
        yield
    except PlannerError as e:
        fail(e.message)
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        fail(f"{where}{e.strerror or e}")
    except KeyboardInterrupt:
        fail("interrupted; nothing was saved")


def load_strategy(path: Path) -> Session:
    """A session on a valid strategy file, or every problem on stderr and exit 1."""
    from planner.session import Session

    return _valid(Session.open(path))


@contextmanager
def changing(path: Path) -> Iterator[Session]:
    """A valid strategy to change and save back: its whole read-modify-write is one `editing()` block."""
    from planner.session import Session

    session = Session(path)
    with session.editing():
        yield _valid(session.load())


def _valid(session: Session) -> Session:
    if session.is_new:
        fail(f"{session.path}: no such file")
    if not session.ok:
        fail("\n".join(str(p) for p in session.problems))
    return session


def save_strategy(session: Session) -> None:
    """Save back what a command changed: atomic, `.bak` kept, refused if the file changed on disk."""
    session.save()


class Language(StrEnum):
    """The languages of the documents: Typer rejects any other value as wrong usage (exit 2)."""

    en = "en"
    ru = "ru"


class ExportFormat(StrEnum):
    """The export formats (planner.exports.FORMATS): Typer rejects any other as wrong usage (exit 2)."""

    csv = "csv"
    ics = "ics"
    buffer = "buffer"
    hootsuite = "hootsuite"
    sprout = "sprout"


# readable=False: Typer's own check exits 2 (wrong usage) for an unreadable file; our reading says
# why and exits 1, as for every other file that cannot be used.
PathArg = Annotated[
    Path,
    Argument(metavar="PATH", help="The strategy file (TOML).", show_default=False, readable=False),
]
TemplatesOpt = Annotated[
    Optional[Path],
    Option(
        "--templates", metavar="DIR", help="Folder of templates that override the built-ins.", readable=False
    ),
]
LangOpt = Annotated[
    Optional[Language], Option("--lang", help="Document language; default: strategy.language.")
]


# --- the TUI -------------------------------------------------------------------------------

UiLangOpt = Annotated[
    Optional[Language],
    Option(
        "--ui-lang",
        help="Language of the planner's window; default: the one you chose last in it, else the "
        "strategy's language, else (new) your locale.",
    ),
]


def _run_tui(path: Path, ui_lang: str | None) -> None:
    # The TUI lives beside the core, not in it: the command line is the one place that starts it
    # (an import-linter contract in pyproject.toml allows this import and no other of `screens`),
    # and only `new` and `edit` pay for importing Textual. A window stays open for hours: its
    # garbage is collected, unlike a short command's (planner.entry); the window itself pauses
    # the collector until its first screen is up (PlannerApp.on_load).
    import gc

    gc.enable()
    from screens.app import PlannerApp

    PlannerApp(path, ui_lang=ui_lang).run()


def _tui_words(ui_lang: str | None, path: Path) -> Callable[..., str]:
    """The window's words, for what `new` and `edit` say before the window opens: the person
    reads them in the language the window would speak."""
    from planner.l10n import label_function
    from planner.ui_prefs import file_language, interface_language

    exists = path.is_file()
    lang = interface_language(ui_lang, strategy_language=(file_language(path) or "en") if exists else None)
    t = label_function(lang)
    return lambda key, **values: t(f"ui.cli.{key}", **values)


@command()
def new(
    path: Annotated[Path, Argument(metavar="PATH", help="Where to save the new strategy.")] = Path(
        "strategy.toml"
    ),
    ui_lang: UiLangOpt = None,
) -> None:
    """Open the planner on a new strategy, saved to PATH."""
    import os

    lang = ui_lang.value if ui_lang else None
    t = _tui_words(lang, path)
    if path.exists():
        fail(t("exists", path=path))
    # Checked before the window opens: all the work of a session could not be saved there.
    folder = path.parent
    if not folder.is_dir():
        fail(t("no_folder", folder=folder, name=path.name))
    if not os.access(folder, os.W_OK | os.X_OK):
        fail(t("folder_read_only", folder=folder, name=path.name))
    _run_tui(path, lang)


@command()
def edit(path: PathArg, ui_lang: UiLangOpt = None) -> None:
    """Open the planner on an existing strategy."""
    lang = ui_lang.value if ui_lang else None
    t = _tui_words(lang, path)
    if not path.exists():
        fail(t("not_found", path=path))
    if path.is_dir():
        fail(t("is_folder", path=path))
    _run_tui(path, lang)


# --- checking and catalogs -----------------------------------------------------------------


@command()
def validate(
    paths: Annotated[
        list[Path],
        Argument(metavar="PATH...", help="Strategy files to check.", show_default=False, readable=False),
    ],
) -> None:
    """Check strategy files: one line per problem, exit 1 if any."""
    from planner.storage import read

    bad = False
    for path in paths:
        loaded = read(path)
        for problem in loaded.problems:
            echo(str(problem), err=True)
        if loaded.problems:
            bad = True
        else:
            posts = len(loaded.strategy.posts) if loaded.strategy else 0
            echo(f"{path}: ok ({posts} posts)")
    if bad:
        raise SystemExit(1)


@command()
def schema() -> None:
    """Print the JSON Schema of the strategy file (for editor completion)."""
    import json

    from planner.schema import strategy_schema

    echo(json.dumps(strategy_schema(), indent=2, ensure_ascii=False))


@command()
def platforms() -> None:
    """List the built-in platform catalog: id, name, community formats, text limit."""
    from planner.catalog import platforms as catalog

    rows = [("id", "name", "community formats", "post formats", "text limit")]
    for p in catalog().values():
        rows.append((p.id, p.name, ", ".join(p.formats), ", ".join(p.content_formats), str(p.text_limit)))
    _print_table(rows)


@command()
def checklist() -> None:
    """List the built-in SMO and SMM-tactics checklist items with their ids."""
    from planner.catalog import checklists

    titles = {"smo": "SMO (on the client's site) — [smo]", "tactics": "SMM tactics — [tactics]"}
    for name, items in checklists().items():
        echo(titles[name])
        _print_table([(item.id, item.title, item.explanation) for item in items], indent="  ")
        echo("")


def _print_table(rows: Sequence[tuple[str, ...]], indent: str = "") -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        cells = [c.ljust(w) for c, w in zip(r[:-1], widths, strict=False)] + [r[-1]]
        echo(indent + "  ".join(cells).rstrip())


# --- planning and documents ----------------------------------------------------------------


@command()
def plan(
    path: PathArg,
    from_: Annotated[
        Optional[dt.datetime],
        Option(
            "--from",
            metavar="DATE",
            formats=["%Y-%m-%d"],
            help="First day to (re)plan; default: the period's start.",
        ),
    ] = None,
    to: Annotated[
        Optional[dt.datetime],
        Option(
            "--to",
            metavar="DATE",
            formats=["%Y-%m-%d"],
            help="Last day to (re)plan; default: the period's end.",
        ),
    ] = None,
    dry_run: Annotated[bool, Option("--dry-run", help="Print what would change; write nothing.")] = False,
) -> None:
    """Fill the content plan from channel cadence and pillar shares, keeping every post a person touched."""
    with user_errors(), changing(path) as session:
        from planner.planning import plan_strategy

        change = plan_strategy(
            session.strategy,
            start=from_.date() if from_ else None,
            end=to.date() if to else None,
        )
        for line in change.summary_lines():
            echo(line)
        if dry_run and change.changed:
            echo(f"dry run: {path} was not changed")
        if dry_run or not change.changed:
            return
        session.strategy = change.strategy
        save_strategy(session)
        echo(f"saved {path}; the previous version is in {path}.bak")


@command()
def render(
    path: PathArg,
    output: Annotated[
        Optional[str],
        Option(
            "-o",
            "--output",
            metavar="DIR",
            help="Folder for strategy.md and content-plan.md; '-' prints the strategy.",
        ),
    ] = None,
    templates: TemplatesOpt = None,
    lang: LangOpt = None,
    no_charts: Annotated[
        bool,
        Option(
            "--no-charts",
            help="Leave out the Mermaid charts (for Word or PDF through pandoc); the tables stay.",
        ),
    ] = False,
) -> None:
    """Write strategy.md and content-plan.md (default: a folder beside PATH named after it)."""
    with user_errors():
        from planner.render import render_documents
        from planner.templating import write_documents

        strategy = load_strategy(path).strategy
        documents = render_documents(
            strategy, lang=lang and lang.value, templates=templates, charts=not no_charts
        )
        if output == "-":
            print_bytes(documents["strategy.md"].encode("utf-8"))
            return
        folder = Path(output) if output else path.with_suffix("")
        for written in write_documents(documents, folder):
            echo(f"wrote {written}")


@command("templates")
def copy_templates(
    folder: Annotated[
        Path,
        Argument(metavar="DIR", help="Folder to copy the built-in templates into.", show_default=False),
    ],
) -> None:
    """Copy the built-in templates into DIR to customize them (use with render --templates)."""
    with user_errors():
        from planner.templating import copy_builtin_templates

        for written in copy_builtin_templates(folder):
            echo(f"wrote {written}")


# --- publishing and analysis ---------------------------------------------------------------


@command()
def export(
    path: PathArg,
    format: Annotated[
        ExportFormat,
        Option(
            "--format",
            "-f",
            help="What to write: a spreadsheet, a calendar, or a scheduler's file.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Optional[Path],
        Option("-o", "--output", metavar="FILE", help="File to write; default: stdout.", readable=False),
    ] = None,
    channel: Annotated[
        Optional[str], Option("--channel", metavar="ID", help="Only this channel's posts.")
    ] = None,
    include_past: Annotated[
        bool,
        Option(
            "--include-past",
            help="Keep posts already past or less than 10 minutes away in a scheduler's file.",
        ),
    ] = False,
) -> None:
    """Export the content plan as CSV, iCalendar, or a scheduler's bulk-upload CSV."""
    with user_errors():
        from planner.exports import export_posts

        strategy = load_strategy(path).strategy
        exported = export_posts(strategy, format.value, channel=channel, include_past=include_past)
        for note in exported.notes:
            echo(f"note: {note}", err=True)
        if output is None:
            print_bytes(exported.data)
        else:
            from planner.storage import write_output

            write_output(output, exported.data)
            echo(f"wrote {output} ({exported.count} posts)", err=True)


@command()
def results(
    path: PathArg,
    files: Annotated[
        list[Path],
        Argument(
            metavar="FILE...",
            help="Statistics exports as downloaded (Meta, LinkedIn .xlsx, X) or our CSV layout.",
            show_default=False,
            readable=False,
        ),
    ],
    channel: Annotated[
        Optional[str],
        Option("--channel", metavar="ID", help="The channel the files are about (default: from the file)."),
    ] = None,
    add_unplanned: Annotated[
        bool, Option("--add-unplanned", help="Add rows that match no post as published posts.")
    ] = False,
    dry_run: Annotated[bool, Option("--dry-run", help="Print what would be merged; write nothing.")] = False,
) -> None:
    """Merge post results from the platforms' own statistics exports into the posts."""
    with user_errors(), changing(path) as session:
        from planner.results import merge_results

        strategy, changed = session.strategy, False
        # Every file is read before anything is saved: one bad file leaves the strategy as it was.
        for file in files:
            merged = merge_results(strategy, file, channel=channel, add_unplanned=add_unplanned)
            for line in merged.summary_lines():
                echo(line)
            strategy, changed = merged.strategy, changed or merged.changed
        if dry_run and changed:
            echo(f"dry run: {path} was not changed")
        if dry_run or not changed:
            return
        session.strategy = strategy
        save_strategy(session)


@command()
def report(
    path: PathArg,
    output: Annotated[
        Optional[Path],
        Option("-o", "--output", metavar="FILE", help="File to write; default: stdout.", readable=False),
    ] = None,
    templates: TemplatesOpt = None,
    lang: LangOpt = None,
    no_charts: Annotated[
        bool, Option("--no-charts", help="Leave out the Mermaid charts; their tables stay.")
    ] = False,
) -> None:
    """Write a Markdown performance report: goals, followers, trend, when and what to post, best and weakest posts, spend, three recommendations."""
    with user_errors():
        from planner.report import render_report

        strategy = load_strategy(path).strategy
        text = render_report(strategy, lang=lang and lang.value, templates=templates, charts=not no_charts)
        if output is None:
            print_bytes(text.encode("utf-8"))
        else:
            from planner.storage import write_output

            write_output(output, text.encode("utf-8"))
            echo(f"wrote {output}", err=True)


def app_for(
    args: Sequence[str], invoked: Callable[[str, Any, dict[str, Any]], None] | None = None
) -> typer.Typer:
    """The Typer app that runs `args`: the whole command line, or, when they start with a command's
    name, the app with that command alone, which Typer builds in a quarter of the time of all of
    them (~1 ms against ~5: it reads each command's parameters from its signature). Its parsing,
    help and errors are the same (tests/test_cli_basics.py compares them)."""
    commands = {args[0]: COMMANDS[args[0]]} if args and args[0] in COMMANDS else COMMANDS
    return typer_app(SETTINGS, _root, commands, invoked)


def __getattr__(name: str) -> Any:
    """`planner.cli.app`: the whole Typer app (for tests and tools that run it), built when asked."""
    if name == "app":
        globals()["app"] = built = app_for(())
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Run the command line of sys.argv: a command line parsed before runs its command at once
    (planner.parse_memo), any other is parsed by Typer, and remembered when it may be."""
    from planner import parse_memo

    args = sys.argv[1:]
    memo_key = parse_memo.key(args) if args and args[0] in COMMANDS else None
    try:
        remembered = parse_memo.recall(memo_key) if memo_key is not None else None
        if remembered is not None and remembered[0] == args[0]:
            function, values = COMMANDS[args[0]], remembered[1]
            code = function.__code__  # the values must be its parameters, all of them
            if values.keys() == set(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]):
                run_remembered(function, values)

        def invoked(name: str, context: Any, values: dict[str, Any]) -> None:
            if memo_key is None:
                return
            try:
                if parse_memo.pure(context):
                    parse_memo.learn(memo_key, name, values)
            except Exception:  # remembering is only for speed: it never stops the command
                pass

        app_for(args, invoked)()
    finally:
        # A command leaves a whole plan's objects alive for the interpreter to tear down, and its
        # last garbage collection would walk them all for no cycle (~25 ms on 2,000 posts):
        # frozen objects are skipped. Nothing of ours needs a finaliser at exit.
        import gc

        gc.freeze()


def run_remembered(function: Callable[..., None], values: dict[str, Any]) -> NoReturn:
    """Run a command with the values Typer gave it before, and exit as Typer would have."""
    run_command(function, values)
    raise SystemExit(0)
