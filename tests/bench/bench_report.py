"""Benchmark the publishing and analysis side on a year's plan: every export, merging results, the report.

The plan is bench_plan's year (10 channels × 14 posts a week, ~7,300 posts). Results for the
first half of the year are written as a Russian-Excel statistics CSV (`;`, spaces between
thousands), merged, and the report rendered as of the last day with results. Timings are
in-process medians (the import cost is in the start-up section); they go into this issue's
section of tests/bench/RESULTS.md.

    /tmp/v/bin/python tests/bench/bench_report.py [--runs 5] [--no-record]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import machine, record
from bench_plan import year_strategy

from planner.exports import export_posts
from planner.planning import plan_strategy
from planner.report import render_report
from planner.results import merge_results


def median_ms(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()

    strategy = plan_strategy(year_strategy()).strategy
    half = [p for p in strategy.posts if p.date.month <= 6]
    lines = ["Дата;Канал;Время;Охват;Лайки;Комментарии;Репосты;Переходы"]
    for i, p in enumerate(half):
        reach = 1000 + (i * 37) % 9000
        metrics = f"{reach:,};{reach // 20};{i % 30};{i % 17};{i % 50}".replace(",", " ")
        lines.append(f"{p.date:%d.%m.%Y};{p.channel};{p.time};{metrics}")
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "stats.csv"
        csv_path.write_text("\n".join(lines) + "\n", "utf-8")
        merged = merge_results(strategy, csv_path)
        assert len(merged.applied) == len(half), merged.summary_lines()[:5]
        actions: list[tuple[str, Callable[[], object]]] = [
            ("export csv (all posts)", lambda: export_posts(strategy, "csv")),
            ("export ics (all posts)", lambda: export_posts(strategy, "ics")),
        ]
        for fmt in ("buffer", "hootsuite", "sprout"):
            # A channel the scheduler publishes to: each refuses the platforms it does not serve.
            publishes_to = importlib.import_module(f"planner.exports.{fmt}").SCHEDULER.platforms
            channel = next(c.id for c in strategy.channels if c.platform in publishes_to)
            one_channel = lambda f=fmt, c=channel: export_posts(strategy, f, channel=c)  # noqa: E731
            actions.append((f"export {fmt} (one channel: {channel})", one_channel))
        actions.append(("results: read, match and merge the CSV", lambda: merge_results(strategy, csv_path)))
        actions.append(("report (en), as of the last results", lambda: render_report(merged.strategy)))
        timings = [(what, median_ms(action, args.runs)) for what, action in actions]
    rows = [("posts in the plan", f"{len(strategy.posts):,}"), ("rows of results merged", f"{len(half):,}")]

    table = ["| what | value |", "| --- | ---: |"]
    table += [f"| {what} | {value} |" for what, value in rows]
    table += [f"| {what} | {ms:.0f} ms |" for what, ms in timings]
    body = (
        f"`python tests/bench/bench_report.py` — {machine()}; in-process medians of {args.runs} runs "
        "(imports excluded: see the start-up section).\n\n"
        + "\n".join(table)
        + "\n\nThe iCalendar export spends its time inside the icalendar library (building and folding"
        " content lines, under half a millisecond an event); a year of ten channels is a rare file, and a"
        " quarter's plan of a few hundred posts exports in well under a second. Results are matched"
        " through an index by id and by channel and day, so merging grows with the rows, not rows × posts."
    )
    print(body)
    if not args.no_record:
        record("Exports, results and the report (issue 6)", body)


if __name__ == "__main__":
    main()
