"""Post results from the platforms' own statistics exports (or our CSV layout), merged into the posts.

`merge_results(strategy, path)` reads one file as the platform exports it, recognises its kind
by its headers (planner/results/sources/: one module per source), matches each row to a
planned post (planner/results/matching.py: by url, else channel and publish time) and returns
a copy of the strategy with the numbers in, with every row's fate for the summary.

The modules: `reader` (bytes → rows: CSV encodings and delimiters, XLSX, bounds), `cells`
(numbers, dates, quoting a bad value), `source` (what a source declares, recognising a file,
reading its rows), `sources/*` (the declarations), `matching`, `merge`.
"""

from __future__ import annotations

from planner.results.merge import Merged, merge_results
from planner.results.sources import SOURCES

__all__ = ["SOURCES", "Merged", "merge_results"]
