"""The command line declared without importing Typer: its commands, their parameters, and the Typer app made of them.

`planner.cli` declares each command once, as a function whose parameters are annotated
`Annotated[Path, Argument(...)]` or `Annotated[bool, Option("--dry-run", ...)]`: `Argument` and
`Option` here take exactly what `typer.Argument` and `typer.Option` take, and `command()` registers
the function in `COMMANDS`. `typer_app` builds the Typer app from those declarations, putting
Typer's own parameter objects in their place, when a command line has to be parsed, and the
commands print with `echo` and end with `SystemExit`, never Typer's: so running a command whose
parsing is remembered (`planner.parse_memo`) does not import Typer (~25 ms of every command; its
vendored Click, `platform`, `subprocess`, `uuid`, `shutil` with the compressors).
"""

from __future__ import annotations

import errno
import inspect
import os
import re
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, get_args, get_origin

if TYPE_CHECKING:
    import typer


class Argument:
    """A positional parameter: what `typer.Argument(...)` takes, given to it when the app is built."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs


class Option(Argument):
    """An option: what `typer.Option(...)` takes (its names first), given to it when the app is built."""


# A command's name -> its function, in the order of the help's list.
COMMANDS: dict[str, Callable[..., None]] = {}


def command(name: str | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command: named `name`, else after its function (`copy_templates` -> `copy-templates`)."""

    def register(function: Callable[..., None]) -> Callable[..., None]:
        COMMANDS[name or function.__name__.replace("_", "-")] = function
        return function

    return register


_ESCAPE = re.compile(r"\x1b\[[;?0-9]*[a-zA-Z]")  # Click's pattern of a terminal's colour or cursor code


def echo(message: object = "", *, err: bool = False) -> None:
    """One line to stdout (or stderr), flushed, as plain text.

    As `typer.echo` does for a pipe, terminal codes are taken out, and here for a terminal too:
    our lines are plain, so a code in one came from a file's name or content. A character the
    stream cannot encode (`PYTHONIOENCODING=ascii`) is replaced, never a crash.
    """
    stream = sys.stderr if err else sys.stdout
    text = f"{message}\n"
    if "\x1b" in text:
        text = _ESCAPE.sub("", text)
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = stream.encoding or "ascii"
        stream.write(text.encode(encoding, "replace").decode(encoding))
    stream.flush()


def run_command(function: Callable[..., None], values: Mapping[str, Any]) -> None:
    """Run a command with its values, ending as Typer's standalone mode ends one, whether Typer
    parsed the values or `planner.parse_memo` remembered them: end of input prints "Aborted!" and
    exits 1; Ctrl-C exits 130; a closed pipe exits 1, with nothing more written to it. Any other
    exit is the command's own (`SystemExit`)."""
    try:
        function(**values)
    except EOFError:
        echo(err=True)
        echo("Aborted!", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except OSError as e:
        if e.errno != errno.EPIPE:
            raise
        _stdout_to_null()
        raise SystemExit(1) from None


def _stdout_to_null() -> None:
    """Point stdout at the null device, so that the interpreter's last flush of what is still
    buffered for the closed pipe does not fail again (and print that it did)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, sys.stdout.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture): nothing to flush
        pass


def typer_app(
    settings: Mapping[str, Any],
    root: Callable[..., None],
    commands: Mapping[str, Callable[..., None]],
    invoked: Callable[[str, Any, dict[str, Any]], None] | None = None,
) -> typer.Typer:
    """The Typer app of `commands` (with `settings` and the group callback `root`).

    Each command is registered as a function of the same name, help and parameters, those of Typer
    in place of `Argument` and `Option`; `invoked(name, click_context, values)` is told what Typer
    parsed just before the command runs with it.
    """
    import typer

    app = typer.Typer(**settings)
    app.callback()(_for_typer(root, root.__name__, None))
    for name, function in commands.items():
        app.command(name)(_for_typer(function, name, invoked))
    return app


_CONTEXT = "_typer_context"  # a parameter Typer fills with its Context: how `invoked` learns the command


def _for_typer(
    function: Callable[..., None], name: str, invoked: Callable[[str, Any, dict[str, Any]], None] | None
) -> Callable[..., None]:
    import typer

    def run(**values: Any) -> None:
        context = values.pop(_CONTEXT, None)
        if invoked is not None and context is not None:
            invoked(name, context, values)
        run_command(function, values)

    signature = inspect.signature(function, eval_str=True)
    parameters = [
        p.replace(annotation=_typer_annotation(p.annotation)) for p in signature.parameters.values()
    ]
    if invoked is not None:
        parameters.append(
            inspect.Parameter(_CONTEXT, inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)
        )
    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__name__, run.__qualname__, run.__doc__ = function.__name__, function.__qualname__, function.__doc__
    run.__module__ = function.__module__
    return run


def _typer_annotation(annotation: Any) -> Any:
    """`Annotated[T, Argument(...)]` as `Annotated[T, typer.Argument(...)]` (and so for options)."""
    if get_origin(annotation) is not Annotated:
        return annotation
    import typer

    base, *extras = get_args(annotation)
    made = [
        (typer.Option if isinstance(x, Option) else typer.Argument)(*x.args, **x.kwargs)
        if isinstance(x, Argument)
        else x
        for x in extras
    ]
    return Annotated.__class_getitem__((base, *made))
