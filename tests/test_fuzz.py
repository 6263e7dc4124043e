"""Mutated strategies and results files through every command, in-process: never a traceback, never a
hang, never an exit code but 0, 1 and 2 (issue 12's "Done when").

A seeded mutator (the same seed gives the same cases, so a failure is reproduced by its case id)
starts from the examples and the minimal fixture, and deletes, duplicates, renames and retypes keys,
puts in huge, tiny and odd numbers, odd dates and times, hostile and exotic Unicode, long texts and
deep nesting, and cuts or garbles the file's text. Each case runs `validate`; a file that loads runs
every command after it (`plan --dry-run`, `plan`, `render`, `export` in every format, `report`,
`results` with a small, sometimes mutated, CSV), and a file that does not runs one of them in turn, so
that each command meets invalid files too.

One case in seven or so also puts one odd text into every free-text field (found from the
declarations), so that the file stays valid and the text reaches every document and export: that is
how the fuzz finds a strategy name with a newline breaking `export -f ics` (case fuzz-70 on the code
before the fix).

`test_fuzz_a_few_hundred_cases` (300 cases) takes about 20 s here on 2 cores; the slow test runs
2,000 more in about 2.5 minutes (~70 ms a case).
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import random
import shutil
import signal
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner, Result

from planner import exports
from planner.cli import app
from planner.fields import fields_of
from planner.model import Strategy

ROOT = Path(__file__).resolve().parent.parent
BASES = {
    "minimal": ROOT / "tests" / "fixtures" / "valid-minimal.toml",
    "cafe": ROOT / "examples" / "cafe.toml",
    "shop-ru": ROOT / "examples" / "shop-ru.toml",
}
# The minimal file is the cheapest to run every command on: most cases start from it.
WEIGHTS = {"minimal": 6, "cafe": 2, "shop-ru": 2}
# No command on any input may take longer (the slowest valid case here takes about 1 s).
COMMAND_SECONDS = 30
NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)

runner = CliRunner()


class Hang(BaseException):
    """A command ran past COMMAND_SECONDS: raised by the alarm, past every `except Exception`."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"a command ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- the mutator ---------------------------------------------------------------------------------

HUGE_NUMBERS: list[Any] = [
    10**30, -(10**30), 2**63, 2**63 - 1, -(2**63), 10**13 + 1, 10**12, -1, 0, 1, 1e308, -1e308,
    5e-324, -0.0, 0.1, math.inf, -math.inf, math.nan, 99.999999, 100.0000001, 101, 1000, 100000,
]  # fmt: skip
ODD_DATES: list[Any] = [
    dt.date(2000, 1, 1), dt.date(2100, 12, 31), dt.date(1999, 12, 31), dt.date(2101, 1, 1),
    dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29), dt.date(2026, 12, 1),
    dt.date(2027, 2, 28), dt.date(2026, 3, 29), dt.date(2026, 10, 25),
    dt.datetime(2026, 12, 1, 10, 30), dt.datetime(2026, 12, 1, 10, 30, tzinfo=dt.UTC), dt.time(10, 30),
    "2026-12-01", "01.12.2026", "",
]  # fmt: skip
ODD_TIMES = ["00:00", "23:59", "24:00", "9:00", "12:60", "12:00:00", "noon", "", "１２:００", "12:03"]
TEXTS = [
    "", " ", "\n", "\t", "# heading", "- item", "1. item", "---", "| a | b |", "<script>x</script>",
    "=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "@SUM(1)", "{{ 7 * 7 }}", "{% for %}", "${x}",
    "مرحبا بالعالم", "שלום", "\u202eRTL override", "e\u0301\u0301\u0301", "a\u200bb", "\ufeffBOM",
    "🎄☕️👨‍👩‍👧‍👦", "𝟙𝟚𝟛", "١٢٣", "\u0000nul", "\x1bescape", "line\r\nbreak", "tab\there", "a" * 5000,
    "two\nlines", "\n\n# after a blank line", "a\rb", "end\n",
    "я" * 3000, "Ω" * 70_001, "x" * 20_001, "\\", "\"", "'", "vk-main", "education", "winter-giveaway",
]  # fmt: skip
ODD_KEYS = ["", "x", "id", "ID", "Id", "name ", "posts_per_week", "платформа", "a.b", "[x]", "\u0000"]


def strategy_tree(name: str) -> dict[str, Any]:
    return tomllib.loads(BASES[name].read_text("utf-8"))


def nodes(tree: Any, shape: str = "", depth: int = 0) -> Iterator[tuple[str, Any, Any]]:
    """Every (shape, container, key or index) inside `tree`; the shape names a field whatever its
    item (`posts[].topic`), so that a field of one table is picked as often as one of thousands of posts."""
    if depth > 20:
        return
    if isinstance(tree, dict):
        for key, value in list(tree.items()):
            here = f"{shape}.{key}"
            yield here, tree, key
            yield from nodes(value, here, depth + 1)
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield f"{shape}[]", tree, index
            yield from nodes(value, f"{shape}[]", depth + 1)


def odd_value(rng: random.Random, like: Any) -> Any:
    """An odd value of the same type (three times in five), or one of another type: what a typo or a
    hostile file holds."""
    if rng.random() < 0.6:
        return odd_of_the_same_type(rng, like)
    kind = rng.choice(["number", "date", "time", "text", "list", "table", "bool", "nested"])
    if kind == "number":
        return rng.choice(HUGE_NUMBERS)
    if kind == "date":
        return rng.choice(ODD_DATES)
    if kind == "time":
        return rng.choice(ODD_TIMES)
    if kind == "text":
        return rng.choice(TEXTS)
    if kind == "list":
        return [rng.choice(TEXTS + HUGE_NUMBERS) for _ in range(rng.choice([0, 1, 2, 101, 1001]))]
    if kind == "table":
        return {rng.choice(ODD_KEYS) or "k": rng.choice(TEXTS)}
    if kind == "bool":
        return rng.choice([True, False])
    if kind == "nested":
        value: Any = rng.choice(TEXTS[:5])
        for _ in range(rng.choice([5, 50, 200])):
            value = [value] if rng.random() < 0.5 else {"k": value}
        return value
    return odd_of_the_same_type(rng, like)


def odd_of_the_same_type(rng: random.Random, like: Any) -> Any:
    if isinstance(like, bool):
        return not like
    if isinstance(like, int | float):
        return rng.choice(HUGE_NUMBERS)
    if isinstance(like, str):
        odd = rng.choice(TEXTS + ODD_TIMES)
        return rng.choice(
            [odd, like + odd, odd + like, like[: len(like) // 2] + odd + like[len(like) // 2 :], like * 50]
        )
    if isinstance(like, dt.date):
        return like + dt.timedelta(days=rng.choice([-3650, -400, -1, 1, 30, 400, 2000]))
    if isinstance(like, list):
        if like and rng.random() < 0.5:
            return [odd_value(rng, like[0]), *like[1:]]
        return list(reversed(like)) + (like[:1] * rng.choice([0, 1, 3]))
    return rng.choice(TEXTS)


def mutate_tree(rng: random.Random, tree: dict[str, Any]) -> None:
    """One change to one field: in one item, or (one time in five) in every item of its table."""
    by_shape: dict[str, list[tuple[Any, Any]]] = {}
    for shape, container, key in nodes(tree):
        by_shape.setdefault(shape, []).append((container, key))
    if not by_shape:
        return
    places = by_shape[rng.choice(sorted(by_shape))]
    action = rng.choice(["delete", "duplicate", "rename", "retype", "retype", "retype", "retype", "shuffle"])
    every = rng.random() < 0.2
    value = odd_value(rng, places[0][0][places[0][1]])
    for container, key in reversed(places if every else [rng.choice(places)]):
        change(rng, container, key, action, value)


def change(rng: random.Random, container: Any, key: Any, action: str, value: Any) -> None:
    if action == "delete":
        del container[key]
    elif action == "duplicate":
        copied = copy.deepcopy(container[key])
        if isinstance(container, list):
            container.insert(key, copied)
        else:
            container[
                f"{key}{rng.choice(['2', '_copy'])}" if rng.random() < 0.5 else rng.choice(ODD_KEYS)
            ] = copied
    elif action == "rename" and isinstance(container, dict):
        moved = container.pop(key)
        container[rng.choice([key.upper(), key[:-1], key + "s", rng.choice(ODD_KEYS)])] = moved
    elif action == "shuffle" and isinstance(container[key], list):
        rng.shuffle(container[key])
    else:
        container[key] = copy.deepcopy(value)


def free_text_everywhere(tree: Any, text: str, cls: type = Strategy) -> None:
    """Every free-text field of `tree` (found from the declarations) set to `text`: the file stays
    valid, so the text reaches every command, document and export."""
    if not isinstance(tree, dict):
        return
    for f in fields_of(cls):
        value = tree.get(f.name)
        if f.kind == "table":
            free_text_everywhere(value, text, f.inner)
        elif f.kind == "tables" and isinstance(value, list):
            for item in value:
                free_text_everywhere(item, text, f.inner)
        elif f.kind == "mapping" and isinstance(value, dict):
            for item in value.values():
                free_text_everywhere(item, text, f.inner)
        elif f.enum or f.ref or f.item or f.choices_from or f.name == "id":
            continue
        elif f.kind == "str" and (value is not None or not f.required):
            tree[f.name] = text[: f.max_length or None]
        elif f.kind == "list" and f.inner == "str":
            tree[f.name] = [text[: f.max_length or None]]


def mutate_text(rng: random.Random, text: str) -> str:
    """The file's text cut, garbled or nested too deep: what a crash, a bad merge or an attack leaves."""
    lines = text.splitlines(keepends=True)
    action = rng.choice(["cut", "drop-line", "double-line", "junk", "deep", "quote", "bom", "crlf"])
    if action == "cut":
        return text[: rng.randrange(len(text) + 1)]
    if action == "drop-line" and lines:
        del lines[rng.randrange(len(lines))]
    elif action == "double-line" and lines:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    elif action == "junk":
        at = rng.randrange(len(text) + 1)
        junk = rng.choice(["\x00", "\xff", "]]]", "[[", '"""', "= =", "\ud800", "\\u12", "#" * 3])
        return text[:at] + junk + text[at:]
    elif action == "deep":
        depth = rng.choice([100, 500, 3000])
        nested = rng.choice(["[" * depth + "]" * depth, "{a=" * depth + "1" + "}" * depth])
        return text.replace("[strategy]\n", f"[strategy]\nsummary = {nested}\n", 1)
    elif action == "quote":
        return text.replace('"', "'", rng.choice([1, 5, 1000]))
    elif action == "bom":
        return "\ufeff" + text
    elif action == "crlf":
        return text.replace("\n", "\r\n")
    return "".join(lines)


def items(tree: dict[str, Any], table: str) -> list[Any]:
    value = tree.get(table)
    return value if isinstance(value, list) else []


def results_csv(rng: random.Random, tree: dict[str, Any]) -> str:
    """A small results file in our CSV layout for the strategy's first posts, sometimes mutated."""
    posts = [p for p in items(tree, "posts") if isinstance(p, dict)][:3]
    rows = ["id,date,time,channel,reach,likes,comments,shares,clicks"]
    for p in posts:
        rows.append(
            f"{p.get('id', '')},{p.get('date', '')},{p.get('time', '')},{p.get('channel', '')},1200,40,3,2,9"
        )
    if rng.random() < 0.5:
        odd = rng.choice(["1" * 5000, "١٢٣", "-5", "1e9", "", "x" * 200_000, '"unterminated', "1 200", "NaN"])
        rows.append(f"{posts[0].get('id', 'x') if posts else 'x'},2026-12-02,10:00,vk-main,{odd},1,1,1,1")
    if rng.random() < 0.2:
        rows = rows[:1] if rng.random() < 0.5 else ["no,known,columns", "1,2,3"]
    return "\n".join(rows) + "\n"


def make_case(seed: str) -> tuple[str, str, str]:
    """The strategy text, results CSV and first channel id of case `seed`."""
    rng = random.Random(seed)
    base = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    tree = strategy_tree(base)
    if rng.random() < 0.15:
        free_text_everywhere(tree, rng.choice(TEXTS))
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        mutate_tree(rng, tree)
    try:
        text = tomli_w.dumps(tree)
    except (TypeError, ValueError, RecursionError):
        text = BASES[base].read_text("utf-8")  # a value TOML cannot hold: garble the text instead
    if rng.random() < 0.25:
        text = mutate_text(rng, text)
    channels = [c for c in items(tree, "channels") if isinstance(c, dict)]
    channel = str(channels[0].get("id", "")) if channels else "vk-main"
    return text, results_csv(rng, tree), channel


# --- running the commands --------------------------------------------------------------------------


def commands(path: Path, out: Path, results: Path, channel: str) -> list[list[str]]:
    p = str(path)
    scheduler = ["--channel", channel, "--include-past"]
    return [
        ["plan", p, "--dry-run"],
        ["plan", p],
        ["render", p, "-o", str(out / "docs")],
        ["render", p, "-o", "-", "--lang", "ru", "--no-charts"],
        ["export", p, "-f", "csv", "-o", str(out / "plan.csv")],
        ["export", p, "-f", "ics"],
        ["export", p, "-f", "buffer", *scheduler],
        ["export", p, "-f", "hootsuite", *scheduler],
        ["export", p, "-f", "sprout", "--channel", channel],
        ["report", p],
        ["results", p, str(results), "--dry-run"],
        ["results", p, str(results), "--add-unplanned"],
    ]


def run(args: list[str]) -> tuple[Result, float]:
    start = time.perf_counter()
    with time_limit(COMMAND_SECONDS):
        result = runner.invoke(app, args)
    return result, time.perf_counter() - start


def check(case: str, args: list[str], result: Result) -> None:
    where = f"case {case}: smm-planner {' '.join(args)[:200]}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"{where}: {type(result.exception).__name__}: {result.exception}"
        ) from result.exception
    assert result.exit_code in (0, 1, 2), f"{where}: exit {result.exit_code}"
    assert "Traceback" not in result.output, f"{where}: {result.output[-2000:]}"


def fuzz(tmp_path: Path, cases: range, prefix: str) -> dict[str, int]:
    """Run `cases`; how many loaded and ran everything, how many did not, the slowest command (ms)."""
    tally = {"valid": 0, "invalid": 0, "slowest_ms": 0}
    for i in cases:
        case = f"{prefix}-{i}"
        text, csv_text, channel = make_case(case)
        folder = tmp_path / "case"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        path, results = folder / "strategy.toml", folder / "results.csv"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        results.write_text(csv_text, "utf-8")
        validated, seconds = run(["validate", str(path)])
        check(case, ["validate"], validated)
        every = commands(path, folder, results, channel)
        chosen = every if validated.exit_code == 0 else [every[i % len(every)]]
        tally["valid" if validated.exit_code == 0 else "invalid"] += 1
        for args in chosen:
            result, seconds = run(args)
            check(case, args, result)
            tally["slowest_ms"] = max(tally["slowest_ms"], int(seconds * 1000))
    return tally


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    # Posts are "past" against a fixed moment, so a case runs the same on any day.
    monkeypatch.setattr(exports, "clock", lambda: NOW)


def test_schema_prints_whatever_the_files_are() -> None:
    result, _ = run(["schema"])
    check("schema", ["schema"], result)
    assert result.exit_code == 0


def test_the_mutator_is_repeatable_and_makes_both_valid_and_invalid_files() -> None:
    assert make_case("fuzz-7") == make_case("fuzz-7")
    assert len({make_case(f"fuzz-{i}")[0] for i in range(30)}) > 25


def test_fuzz_a_few_hundred_cases(tmp_path: Path) -> None:
    tally = fuzz(tmp_path, range(300), "fuzz")
    # The mutator reaches both paths: files that load and run every command, and files that do not.
    assert tally["valid"] >= 30 and tally["invalid"] >= 100, tally


@pytest.mark.long
def test_fuzz_a_few_thousand_cases(tmp_path: Path) -> None:
    tally = fuzz(tmp_path, range(300, 2300), "fuzz")
    assert tally["valid"] >= 300 and tally["invalid"] >= 1000, tally


def test_a_hang_is_caught_as_a_failure() -> None:
    # The alarm stops a command stuck in Python code, so that a hang fails the fuzz instead of the suite.
    def stuck() -> None:
        while True:
            pass

    with pytest.raises(Hang), time_limit(0.05):
        stuck()
