"""One error hierarchy: every user-facing failure has a title and one clear message."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


class PlannerError(Exception):
    """An error a user can act on: shown as one line in the CLI and as a modal in the TUI."""

    title = "Error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StrategyFileError(PlannerError):
    """The strategy file cannot be read or is invalid; carries every problem found."""

    title = "Invalid strategy file"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class SaveRefused(PlannerError):
    """A save that would lose someone's work (the file changed on disk)."""

    title = "Save refused"


class TemplateProblem(PlannerError):
    """A template could not be rendered (syntax, undefined variable, sandbox)."""

    title = "Template error"


@dataclass(frozen=True)
class Problem:
    """One problem in a strategy file: a syntax error with a position, or a field path."""

    file: str
    message: str
    where: str = ""
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.col or 1}: {self.message}"
        if self.where:
            return f"{self.file}: {self.where}: {self.message}"
        return f"{self.file}: {self.message}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix when a close match exists, else ''."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
