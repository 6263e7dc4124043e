"""Shared helpers for the benchmark scripts: timing whole processes, medians, recording results."""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def time_process(
    args: Sequence[str | os.PathLike[str]], runs: int = 9, warmup: int = 2, **kwargs: object
) -> float:
    """Median wall time, in seconds, of running a whole process `runs` times (after warm-up runs)."""
    samples = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        subprocess.run([str(a) for a in args], check=True, stdout=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]
        if i >= warmup:
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"


def record(section: str, body: str) -> None:
    """Replace (or add) the section headed `## {section}` in RESULTS.md with `body`."""
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Benchmark results\n"
    block = f"## {section}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(section)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = (
        pattern.sub(lambda _: block + "\n", text, count=1)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + block
    )
    RESULTS.write_text(text.rstrip() + "\n", "utf-8")
