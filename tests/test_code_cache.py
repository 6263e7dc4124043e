"""The model's generated checks and row builders compiled once per machine (planner.code_cache)."""

from __future__ import annotations

import marshal
import subprocess
import sys
from pathlib import Path

import pytest

from planner import code_cache

SOURCE = "def answer(x):\n    return x * 2\n"


def test_code_is_compiled_once_and_kept_for_the_next_process(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    first = code_cache._Codes(path)
    namespace: dict[str, object] = {}
    exec(first.code(SOURCE), namespace)
    assert namespace["answer"](21) == 42  # type: ignore[operator]
    assert not path.exists()  # written when the process ends
    first.save()
    again = code_cache._Codes(path)
    assert len(again.known) == 1 and not again.learned
    assert again.code(SOURCE) is next(iter(again.known.values()))
    # a changed source is compiled anew, never answered with the old code
    changed = again.code(SOURCE.replace("2", "3"))
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
    exec(codes.code(SOURCE), namespace)
    assert namespace["answer"](1) == 2  # type: ignore[operator]
    codes.save()
    assert len(code_cache._read(path)) == 1


def test_the_file_stays_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(code_cache, "MAX_ENTRIES", 3)
    path = tmp_path / "code.marshal"
    codes = code_cache._Codes(path)
    for n in range(5):
        codes.code(f"x = {n}\n")
    codes.save()
    kept = code_cache._read(path)
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
