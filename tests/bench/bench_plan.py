"""Benchmark `smm-planner plan` of a full year, 10 channels × 14 posts a week, against loading and saving.

Issue 4 asks that planning and saving the ~7,300-post plan, as a whole process, take at most
1.5× the time of a process that only reads and saves the resulting file with the same code.
Each side runs in a fresh process (startup included, as a user pays it); the medians go into
this issue's section of tests/bench/RESULTS.md.

    /tmp/v/bin/python tests/bench/bench_plan.py [--runs 7] [--no-record]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from _common import machine, record, time_process

from planner.model import Campaign, Channel, Pillar, Post, Strategy, StrategyInfo
from planner.storage import dumps, read

PLATFORMS = ("vk", "telegram", "ok", "dzen", "instagram", "facebook", "x", "threads", "linkedin", "pinterest")

LOAD_AND_SAVE = """
import sys
from planner.storage import read, save
loaded = read(sys.argv[1])
assert loaded.ok, loaded.problems[:3]
save(loaded.strategy, loaded.path, expected=loaded.fingerprint)  # the planned file
"""


def year_strategy() -> Strategy:
    """A year, ten channels at 14 posts a week (two a day), four pillars, campaigns, a few people's posts."""
    start = dt.date(2027, 1, 1)
    pillars = [
        Pillar(
            id=f"pillar-{i}",
            name=f"Pillar {i}",
            share=share,
            formats=["photo", "video", "carousel"][: i + 1],
            topics=[f"Topic {i}.{j}" for j in range(12)],
        )
        for i, share in enumerate((40, 25, 20, 15))
    ]
    channels = [
        Channel(
            id=f"{platform}-main",
            platform=platform,
            posts_per_week=14,
            days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            times=["09:00", "19:00"],
        )
        for platform in PLATFORMS
    ]
    campaigns = [
        Campaign(
            id=f"campaign-{m}",
            name=f"Campaign {m}",
            start=dt.date(2027, m, 10),
            end=dt.date(2027, m, 20),
            channels=[c.id for c in channels[:3]],
        )
        for m in range(1, 13)
    ]
    posts = [
        Post(
            id=f"written-{i}",
            date=start + dt.timedelta(days=3 * i),
            time="12:00",
            channel=channels[i % 10].id,
            pillar=pillars[i % 4].id,
            topic=f"Topic {i % 4}.0",
            text="Written by a person.",
            status="approved",
        )
        for i in range(60)
    ]
    return Strategy(
        strategy=StrategyInfo(name="Benchmark year", country="RU", start=start, end=dt.date(2027, 12, 31)),
        channels=channels,
        pillars=pillars,
        campaigns=campaigns,
        posts=posts,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-record", action="store_true", help="print only; do not write RESULTS.md")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-plan-"))
    unplanned = folder / "unplanned.toml"
    unplanned.write_text(dumps(year_strategy()), "utf-8")
    work = folder / "strategy.toml"
    planned = folder / "planned.toml"
    cli = [Path(sys.executable).with_name("smm-planner"), "plan", work]
    load_and_save = [sys.executable, "-c", LOAD_AND_SAVE, planned]

    shutil.copy(unplanned, work)
    subprocess.run([str(a) for a in cli], check=True, stdout=subprocess.DEVNULL)
    pristine = folder / "planned-pristine.toml"
    shutil.copy(work, pristine)
    strategy = read(pristine).strategy
    assert strategy is not None
    posts, size = len(strategy.posts), pristine.stat().st_size

    # Each run starts again from a pristine copy: `cp` costs a few ms on both sides alike.
    plan_s = time_process(["sh", "-c", f'cp "{unplanned}" "{work}" && "$@"', "sh", *cli], runs=args.runs)
    io_s = time_process(
        ["sh", "-c", f'cp "{pristine}" "{planned}" && "$@"', "sh", *load_and_save], runs=args.runs
    )
    in_process = _in_process(strategy)
    shutil.rmtree(folder)

    ratio = plan_s / io_s
    runs = f"median of {args.runs} whole-process runs after 2 warm-ups"
    body = f"""`python tests/bench/bench_plan.py` — {machine()}; {runs}.
A year (2027), 10 channels × 14 posts a week, 4 pillars, 12 campaigns, 60 people's posts:
{posts:,} posts, {size / 1e6:.1f} MB of TOML.

| what | median |
| --- | ---: |
| `smm-planner plan` from an empty plan, saved | {plan_s * 1000:.0f} ms |
| reading and saving the planned file in a process (`storage.read` + `storage.save`) | {io_s * 1000:.0f} ms |
| **ratio** (budget ≤ 1.5) | **{ratio:.2f}** |
| in process: `plan_strategy` | {in_process["plan"]:.0f} ms |
| in process: its summary lines | {in_process["summary"]:.0f} ms |
| in process: `storage.dumps` of the result | {in_process["dumps"]:.0f} ms |
| in process: `storage.parse` of that text | {in_process["parse"]:.0f} ms |

Planning itself (slots, pillar mix, formats, topics, ids, the diff) is small next to writing the
TOML: the `plan` process reads a small file but writes the big one, the other reads and writes it.
"""
    print(body)
    if not args.no_record:
        record("Content plan generation (issue 4)", body)


def _in_process(strategy: Strategy) -> dict[str, float]:
    """Where the time goes inside one process, in ms (median of 5)."""
    from planner.planning import plan_strategy
    from planner.storage import parse

    unplanned = replace(strategy, posts=[p for p in strategy.posts if not p.owned_by_planner])
    change = plan_strategy(unplanned)
    text = dumps(change.strategy)
    steps = {
        "plan": lambda: plan_strategy(unplanned),
        "summary": change.summary_lines,
        "dumps": lambda: dumps(change.strategy),
        "parse": lambda: parse(text),
    }
    out = {}
    for name, step in steps.items():
        samples = []
        for _ in range(5):
            began = time.perf_counter()
            step()
            samples.append((time.perf_counter() - began) * 1000)
        out[name] = statistics.median(samples)
    return out


if __name__ == "__main__":
    main()
