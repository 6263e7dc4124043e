"""Where the built-in templates are: inside the package in a wheel, at the top of a checkout otherwise."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_templates_dir() -> Path:
    """The folder of the built-in Jinja templates, for an installed wheel and an editable checkout alike."""
    installed = _PACKAGE / "_templates"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "templates"
