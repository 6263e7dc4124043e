"""`smm-planner render` against jinja2-cli rendering one table of the same posts (issue 3).

Run: python tests/bench/bench_render.py  (records into tests/bench/RESULTS.md)
It needs jinja2-cli (`pip install jinja2-cli`), not a dependency: it is the yardstick.

The strategy is the cafe example with its period stretched to a year and 2,000 (then 20,000)
posts spread over it the way a worked plan looks: every channel, pillar, format and topic; a third
of the posts still planned (no text), the rest with their copy, published ones with results.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, record, time_process

from planner.model import Post, Results, Strategy
from planner.storage import dumps, load

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
STATUSES = ("planned", "planned", "draft", "approved", "scheduled", "published")

# `render` without the command line: what the same work costs when Typer is not started.
DIRECT = """\
import sys
from pathlib import Path
from planner.storage import load
from planner.render import render_documents, write_documents
write_documents(render_documents(load(sys.argv[1]).strategy), Path(sys.argv[2]))
"""

TABLE = """\
| date | time | channel | pillar | format | topic | status |
| --- | --- | --- | --- | --- | --- | --- |
{% for p in posts %}
| {{ p.date }} | {{ p.time }} | {{ p.channel }} | {{ p.pillar }} | {{ p.format }} | {{ p.topic }} \
| {{ p.status }} |
{% endfor %}
"""


def worked_plan(n_posts: int) -> Strategy:
    s = load(ROOT / "examples" / "cafe.toml").strategy
    assert s is not None
    copy = [p.text for p in s.posts if p.text]
    s.strategy.start, s.strategy.end = dt.date(2026, 12, 1), dt.date(2027, 11, 30)
    days = (s.strategy.end - s.strategy.start).days + 1
    s.posts = []
    for i in range(n_posts):
        channel = s.channels[i % len(s.channels)]
        pillar = s.pillars[(i // 3) % len(s.pillars)]
        status = STATUSES[i % len(STATUSES)]
        s.posts.append(
            Post(
                id=f"post-{i}",
                date=s.strategy.start + dt.timedelta(days=i * days // n_posts),
                time=channel.times[i % len(channel.times)],
                channel=channel.id,
                pillar=pillar.id,
                format=pillar.formats[i % len(pillar.formats)],
                topic=pillar.topics[i % len(pillar.topics)],
                status=status,
                text="" if status == "planned" else copy[i % len(copy)],
                results=Results(reach=900 + i % 4000, likes=40, comments=6, shares=3, clicks=9)
                if status == "published"
                else None,
            )
        )
    return s


def main() -> None:
    jinja2_cli = BIN / "jinja2"
    smm = BIN / "smm-planner"
    if not jinja2_cli.exists():
        sys.exit("jinja2-cli is not installed next to this Python: pip install jinja2-cli")
    work = Path(tempfile.mkdtemp(prefix="bench-render-"))
    try:
        template = work / "table.md.j2"
        template.write_text(TABLE, "utf-8")
        files = {}
        for n in (2000, 20000):
            files[n] = work / f"plan-{n}.toml"
            files[n].write_text(dumps(worked_plan(n)), "utf-8")
        # Both tools run as an installed package does: with compiled modules (kept out of the tree).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        # One render first: it fills the compiled-template and holiday caches a user's first run fills.
        time_process([smm, "render", files[2000], "-o", work / "out"], runs=1, warmup=0, env=env)
        runs = 7

        def timed(*args: object, n: int = runs) -> float:
            return time_process(args, runs=n, env=env)  # type: ignore[arg-type]

        t = {
            "jinja2 2000": timed(jinja2_cli, "--format=toml", template, files[2000]),
            "render 2000": timed(smm, "render", files[2000], "-o", work / "out"),
            "validate 2000": timed(smm, "validate", files[2000]),
            "jinja2 20000": timed(jinja2_cli, "--format=toml", template, files[20000], n=3),
            "render 20000": timed(smm, "render", files[20000], "-o", work / "out", n=3),
            "help": timed(smm, "--help"),
            "direct 2000": timed(sys.executable, "-c", DIRECT, files[2000], work / "out"),
        }
        size = {n: f.stat().st_size // 1024 for n, f in files.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ms = {k: round(v * 1000) for k, v in t.items()}
    ratio = t["render 2000"] / t["jinja2 2000"]
    scale = t["render 20000"] / t["render 2000"]
    body = f"""
`python tests/bench/bench_render.py` — {machine()}; median of {runs} whole-process runs after 2
warm-ups (3 for the 20,000-post file). The file: the cafe example over a year, posts in every
channel, pillar and format, two thirds with their copy, published ones with results
({size[2000]} KB for 2,000 posts, {size[20000]} KB for 20,000).

| what | 2,000 posts | 20,000 posts |
| --- | ---: | ---: |
| jinja2-cli `--format=toml`: one table of the posts | {ms["jinja2 2000"]} ms | {ms["jinja2 20000"]} ms |
| `smm-planner render` (both documents, both written) | {ms["render 2000"]} ms | {ms["render 20000"]} ms |
| `smm-planner validate` (start-up + reading the file: what every command pays) | {ms["validate 2000"]} ms | |
| `smm-planner --help` | {ms["help"]} ms | |
| the same render called from Python, without the command line | {ms["direct 2000"]} ms | |
| **render / jinja2-cli** (budget ≤ 0.75) | **{ratio:.2f}** | |
| **render 20,000 / render 2,000** (budget ≤ 11) | | **{scale:.1f}** |
| render from Python / jinja2-cli | {t["direct 2000"] / t["jinja2 2000"]:.2f} | |
"""
    record("Render (issue 3)", body + "\n" + NOTES)
    print(body)


NOTES = """
What `render` itself costs beyond `validate` (start-up and reading): importing Jinja (~20 ms),
Babel's locale data (~15 ms), loading the templates and rendering both documents (~70 ms for
2,000 posts). Three measures brought it there from ~330 ms: compiled templates are kept in the
user's cache folder (compiling the 15 built-in templates cost ~150 ms a run); the sandbox's
verdict on an attribute is remembered per (type, attribute), ~25,000 reads on 2,000 posts; and
the documents' view objects are light named values (frozen dataclasses cost 30 ms to define).

The budget is missed, and the gap is not in rendering: Typer 0.29 imports pydantic and builds a
pydantic adapter for each parameter of every command (~130 ms before the command runs: compare
`--help` and `validate`), and reading and checking the 2,000-post file takes ~90 ms more, most of
it building and checking the model; jinja2-cli has neither (argparse, no checks). Without the
command line the same render is about as fast as jinja2-cli's one table; reaching 0.75× needs both
a command line that does not start pydantic and a faster model build.
"""


if __name__ == "__main__":
    main()
