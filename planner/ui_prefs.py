"""The language the planner's window speaks: chosen on the command line, remembered per user, or guessed.

The choice made in the window (the command palette's "View: interface language") is the
person's, not the strategy's: it is kept in the user's config folder (`platformdirs.user_config_dir`:
~/.config/smm-planner on Linux, ~/Library/Application Support on macOS, %APPDATA% on Windows), in
`interface.toml`, and never written into a strategy file. `SMM_PLANNER_CONFIG_DIR` names another
folder (the tests point it at a temporary one, so they never write the real user's folder).

Which language the window speaks (`interface_language`), first that applies:

1. `--ui-lang` given to `new` or `edit`;
2. the language the person last chose in the window;
3. the strategy's own `language` (its documents' language) when the file exists;
4. for a new strategy, the environment's locale: `LC_ALL`, then `LC_MESSAGES`, then `LANG`, the
   first that is set, Russian when it starts with `ru`;
5. English.

Remembering is best-effort, as the cache is: a read-only or missing home only means the choice
is not remembered, never a failure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from planner.model import LANGUAGES
from planner.user_cache import user_folder

ENVIRONMENT_VARIABLE = "SMM_PLANNER_CONFIG_DIR"
FILE_NAME = "interface.toml"


def config_folder() -> Path:
    """The user's config folder for smm-planner (not created here)."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen:
        return Path(chosen)
    return user_folder("config")


_REMEMBERED = re.compile(r'^language[ \t]*=[ \t]*"([a-z]{2})"[ \t]*(?:#.*)?$', re.M)


def remembered_language() -> str | None:
    """The interface language the person last chose in the window, or None.

    The file is the one `remember_language` writes (a comment and one `language = "ru"` line),
    read with a pattern rather than a TOML parser: importing tomllib would cost the first screen
    more than reading it."""
    try:
        text = (config_folder() / FILE_NAME).read_text("utf-8")
    except (OSError, ValueError):
        return None
    found = _REMEMBERED.search(text)
    return found.group(1) if found and found.group(1) in LANGUAGES else None


def remember_language(lang: str) -> bool:
    """Keep the person's choice for the next time; False when it could not be written."""
    if lang not in LANGUAGES:
        raise ValueError(f"no interface in '{lang}': the languages are {', '.join(LANGUAGES)}")
    folder = config_folder()
    path = folder / FILE_NAME
    temporary = folder / f".{FILE_NAME}.{os.getpid()}.tmp"
    text = (
        f'# smm-planner: the language of the planner\'s window, as last chosen in it.\nlanguage = "{lang}"\n'
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, "utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True


# `language = "ru"` inside [strategy]: how every file the planner writes says it, near the top.
_STRATEGY_TABLE = re.compile(r"^\[strategy\][ \t]*(?:#.*)?$", re.M)
_LANGUAGE = re.compile(r"""^language[ \t]*=[ \t]*["']([a-z]{2})["']""", re.M)
_NEXT_TABLE = re.compile(r"^\[", re.M)
PEEK_BYTES = 64 * 1024


def file_language(path: str | os.PathLike[str]) -> str | None:
    """The `language` a strategy file's [strategy] table gives, read from the top of the file
    without loading it (a large file is loaded after the first paint); None if not found there.

    What loading the file says later has the last word (the app switches if it differs)."""
    try:
        with open(path, "rb") as f:
            head = f.read(PEEK_BYTES).decode("utf-8", "replace")
    except OSError:
        return None
    table = _STRATEGY_TABLE.search(head)
    if table is None:
        return None
    rest = head[table.end() :]
    end = _NEXT_TABLE.search(rest)
    found = _LANGUAGE.search(rest[: end.start()] if end else rest)
    return found.group(1) if found and found.group(1) in LANGUAGES else None


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """ "ru" when the environment's locale is Russian (LC_ALL, LC_MESSAGES, LANG: the first set), else "en"."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    return "en"


def interface_language(
    chosen: str | None = None,
    *,
    strategy_language: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The language the window speaks (the module's docstring gives the order).

    `strategy_language` is the file's `language` when the file exists, None for a new strategy.
    """
    if chosen in LANGUAGES:
        return chosen
    remembered = remembered_language()
    if remembered:
        return remembered
    if strategy_language is not None:
        return strategy_language if strategy_language in LANGUAGES else "en"
    return locale_language(environ)
