"""The model's generated checks and row builders compiled once per machine (planner.code_cache)."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner import code_cache
from planner.user_cache import read_entries

SOURCE = "def answer(x):\n    return x * 2\n"


def test_code_is_compiled_once_and_kept_for_the_next_process(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    first = code_cache._Codes(path)
    namespace: dict[str, object] = {}
    exec(first.code(SOURCE, "<t>"), namespace)
    assert namespace["answer"](21) == 42  # type: ignore[operator]
    assert not path.exists()  # written when the process ends
    first.save()
    again = code_cache._Codes(path)
    assert len(again.known) == 1 and not again.learned
    assert again.code(SOURCE, "<t>").co_consts == marshal.loads(next(iter(again.known.values()))).co_consts
    assert not again.learned  # read from the file, not compiled again
    # a changed source is compiled anew, never answered with the old code
    changed = again.code(SOURCE.replace("2", "3"), "<t>")
    namespace = {}
    exec(changed, namespace)
    assert namespace["answer"](2) == 6  # type: ignore[operator]


@pytest.mark.parametrize(
    "content", [b"", b"\x00garbage", marshal.dumps([1, 2]), marshal.dumps({b"k": "not code", "x": 1})]
)
def test_a_damaged_cache_file_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "code.marshal"
    path.write_bytes(content)
    codes = code_cache._Codes(path)
    assert codes.known == {}
    namespace: dict[str, object] = {}
    exec(codes.code(SOURCE, "<t>"), namespace)
    assert namespace["answer"](1) == 2  # type: ignore[operator]
    codes.save()
    assert len(read_entries(path)) == 1


def test_an_entry_that_is_not_code_is_compiled_again(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    key_of_source = code_cache._Codes(None)
    key_of_source.code(SOURCE, "<t>")
    (key,) = key_of_source.learned
    path.write_bytes(marshal.dumps({key: b"\x00not marshal", b"other": marshal.dumps([1])}))
    codes = code_cache._Codes(path)
    namespace: dict[str, object] = {}
    exec(codes.code(SOURCE, "<t>"), namespace)
    assert namespace["answer"](4) == 8  # type: ignore[operator]
    assert key in codes.learned  # compiled, and kept right at the end of the process


def test_the_file_stays_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(code_cache, "MAX_ENTRIES", 3)
    path = tmp_path / "code.marshal"
    codes = code_cache._Codes(path)
    for n in range(5):
        codes.code(f"x = {n}\n", "<t>")
    codes.save()
    kept = read_entries(path)
    assert len(kept) == 3


def test_a_second_process_reads_the_strategy_the_same_from_the_kept_code(
    tmp_path: Path, cafe: Path, user_cache_folder: Path
) -> None:
    script = (
        "import sys; from pathlib import Path; from planner import storage; "
        "print(repr(storage.read(Path(sys.argv[1])).strategy))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script, str(cafe)], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    ]
    assert code_cache.cache_path() is not None and code_cache.cache_path().parent == user_cache_folder  # type: ignore[union-attr]
    assert code_cache.cache_path().exists()  # type: ignore[union-attr]
    assert runs[0] == runs[1] and "Strategy(" in runs[0]


DATACLASS_SCRIPT = """
from planner.code_cache import keep_dataclass_code
keep_dataclass_code()
import dataclasses
from dataclasses import dataclass, field

@dataclass(frozen=True)
class Point:
    x: int
    y: int = 0
    tags: tuple = field(default_factory=tuple)

p = Point(1)
assert p == Point(1, 0, ()) and p != Point(2) and hash(p) == hash(Point(1))
try:
    p.x = 3
except dataclasses.FrozenInstanceError:
    pass
else:
    raise AssertionError("frozen")
print(repr(p), repr(dataclasses.replace(p, y=5)), [f.name for f in dataclasses.fields(Point)])
"""


def test_dataclasses_defined_after_the_hook_are_what_the_builtin_makes(tmp_path: Path) -> None:
    """planner.entry and screens/ have `dataclasses` run its generated methods from the cache."""
    env = {**os.environ, "SMM_PLANNER_CACHE_DIR": str(tmp_path)}
    plain = subprocess.run(
        [sys.executable, "-c", DATACLASS_SCRIPT.split("keep_dataclass_code()", 1)[1]],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    runs = [
        subprocess.run(
            [sys.executable, "-c", DATACLASS_SCRIPT], capture_output=True, text=True, check=True, env=env
        ).stdout
        for _ in range(2)
    ]
    assert (
        runs[0]
        == runs[1]
        == plain
        == "Point(x=1, y=0, tags=()) Point(x=1, y=5, tags=()) ['x', 'y', 'tags']\n"
    )
    kept = [marshal.loads(raw) for raw in read_entries(next(tmp_path.glob(f"{code_cache.PREFIX}*"))).values()]
    assert any("__create_fn__" in code.co_names for code in kept)
