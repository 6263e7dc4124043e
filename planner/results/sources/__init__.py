"""Every statistics source we read: each module here declares its `SOURCES`; adding a source is adding a module.

The modules are found by name, so a new file is all it takes; our own generic layout comes
last, as the one a file is taken for when no platform's own layout fits.
"""

from __future__ import annotations

import importlib
import pkgutil

from planner.results.source import Source


def _declared() -> tuple[Source, ...]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    names.sort(key=lambda name: name == "ours")
    found: list[Source] = []
    for name in names:
        found.extend(importlib.import_module(f"{__name__}.{name}").SOURCES)
    return tuple(found)


SOURCES: tuple[Source, ...] = _declared()
