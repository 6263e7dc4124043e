"""The `smm-planner` console script and `python -m planner`: planner.cli's command line, started
with the cyclic garbage collector off.

A command is one short pass: it imports, reads a file, builds its objects, writes and exits, and
the collector would walk the imported modules and the whole plan again and again for cycles that
the exit frees anyway (about 10 ms of a 2,000-post render: tests/bench/RESULTS.md). Reference
counting still frees everything as usual. `new` and `edit` run the TUI, a long-lived process:
`planner.cli` turns the collector back on before it starts.
"""

from __future__ import annotations

import gc


def main() -> None:
    gc.disable()  # before importing the command line: most of its objects are made by the imports
    from planner.code_cache import keep_dataclass_code

    keep_dataclass_code()
    from planner.cli import main as command_line

    command_line()
