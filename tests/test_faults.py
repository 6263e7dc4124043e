"""Faults that must never lose or overwrite a person's work: two writers, an editor writing while
`plan` runs, read-only and unreadable files, symlinks, a kill in the middle of a save, a full disk.

The loops run real processes. The default run does a few rounds of each; the `slow` versions do
many (they are what found the 4-in-60 and 5-in-60 losses of issue 12 before the lock).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner import locking
from planner.cli import app
from planner.errors import PlannerError
from planner.storage import read, remove_leftovers, save
from tests.conftest import FIXTURES, ROOT

runner = CliRunner()
# SMM_FAULT_ROUNDS=10 runs every loop ten times as long (what to do before trusting a change here).
ROUNDS = max(1, int(os.environ.get("SMM_FAULT_ROUNDS", "1")))
DECEMBER = FIXTURES / "results" / "cafe-december.csv"


def smm(*args: str | Path, **kwargs) -> subprocess.Popen[str]:
    """`smm-planner ARGS` as its own process, as a person (or a script) would run it."""
    return subprocess.Popen(
        [sys.executable, "-m", "planner", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        **kwargs,
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".lock")))


def without_february(source: Path, target: Path) -> Path:
    """The planned café strategy with February's planned posts removed: `plan` puts them back."""
    loaded = read(source)
    assert loaded.strategy is not None
    loaded.strategy.posts = [p for p in loaded.strategy.posts if p.date.month != 2]
    save(loaded.strategy, target, expected=None)
    return target


@pytest.fixture
def planned(tmp_path: Path) -> Path:
    """The café strategy as `plan` leaves it, less February: `plan` has work to do, `results` too."""
    settled = tmp_path / "settled.toml"
    shutil.copy(FIXTURES / "results" / "cafe-planned.toml", settled)
    assert runner.invoke(app, ["plan", str(settled)]).exit_code == 0
    path = without_february(settled, tmp_path / "cafe.toml")
    for p in tmp_path.glob("settled*"):
        p.unlink()
    return path


# --- two writers ------------------------------------------------------------------------------------

HOLD_THE_LOCK = textwrap.dedent(
    """
    import sys
    from planner.locking import locked
    with locked(sys.argv[1]):
        print("locked", flush=True)
        sys.stdin.read()
    """
)


@contextlib.contextmanager
def lock_held_by_another_process(path: Path) -> Iterator[subprocess.Popen[str]]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    try:
        yield holder
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.wait()


def test_a_second_writer_waits_briefly_then_refuses_naming_the_file(
    planned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = planned.read_bytes()
    monkeypatch.setattr(locking, "WAIT_SECONDS", 0.4)
    with lock_held_by_another_process(planned):
        started = time.monotonic()
        result = runner.invoke(app, ["plan", str(planned)])
        waited = time.monotonic() - started
    assert result.exit_code == 1
    assert result.stderr == (
        f"{planned}: another smm-planner command (or the planner's window saving) is changing this "
        "file; nothing was done, try again when it has finished\n"
    )
    assert 0.4 <= waited < 5
    assert planned.read_bytes() == before
    assert runner.invoke(app, ["results", str(planned), str(DECEMBER)]).exit_code == 0


def test_a_second_writer_goes_ahead_when_the_first_finishes_in_time(planned: Path) -> None:
    with lock_held_by_another_process(planned) as holder:
        assert holder.stdin is not None
        holder.stdin.close()  # the holder finishes while we wait
        result = runner.invoke(app, ["plan", str(planned)])
    assert result.exit_code == 0, result.output
    assert leftovers(planned.parent) == []


def test_a_killed_writer_leaves_no_lock_that_stops_the_next(planned: Path, monkeypatch) -> None:
    monkeypatch.setattr(locking, "WAIT_SECONDS", 0.1)
    with lock_held_by_another_process(planned) as holder:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        assert (planned.parent / ".cafe.toml.lock").exists()  # left behind, and harmless
        result = runner.invoke(app, ["plan", str(planned)])
    assert result.exit_code == 0, result.output
    assert leftovers(planned.parent) == []


def test_the_lock_is_taken_again_by_the_same_thread_and_removed_after(tmp_path: Path) -> None:
    path = tmp_path / "cafe.toml"
    with locking.locked(path), locking.locked(path):
        assert (tmp_path / ".cafe.toml.lock").exists()
        save(read(FIXTURES / "valid-minimal.toml").strategy, path, expected=None)  # save locks too
    assert leftovers(tmp_path) == []


def plan_and_results_at_once(planned: Path, rounds: int) -> None:
    original = planned.read_bytes()
    # How many posts the results give on their own: what neither side may lose when both run.
    alone = planned.with_name("alone.toml")
    alone.write_bytes(original)
    assert runner.invoke(app, ["results", str(alone), str(DECEMBER)]).exit_code == 0
    with_results = sum(p.results is not None for p in read(alone).strategy.posts)
    for leftover in planned.parent.glob("alone*"):
        leftover.unlink()
    rng = random.Random(12)
    for n in range(rounds):
        planned.write_bytes(original)
        first, second = ("plan", "results") if n % 2 else ("results", "plan")
        args = {"plan": ["plan", planned], "results": ["results", planned, DECEMBER]}
        a = smm(*args[first])
        time.sleep(rng.uniform(0, 0.25))
        b = smm(*args[second])
        outcome = {}
        for name, process in ((first, a), (second, b)):
            _, err = process.communicate(timeout=60)
            outcome[name] = process.returncode
            assert process.returncode in (0, 1), err
            if process.returncode == 1:  # allowed: refused, with the reason, and nothing lost
                assert "another smm-planner command" in err, err
        final = read(planned)
        assert final.ok, final.problems
        posts = final.strategy.posts
        if outcome["plan"] == 0:
            assert any(p.date.month == 2 for p in posts), f"round {n}: the plan was lost"
        if outcome["results"] == 0:
            assert sum(p.results is not None for p in posts) >= with_results, f"round {n}: results were lost"
        assert leftovers(planned.parent) == []


def test_plan_and_results_at_once_never_lose_either_side(planned: Path) -> None:
    plan_and_results_at_once(planned, rounds=4 * ROUNDS)


@pytest.mark.slow
def test_plan_and_results_at_once_never_lose_either_side_many_times(planned: Path) -> None:
    plan_and_results_at_once(planned, rounds=24 * ROUNDS)


EDITOR = textwrap.dedent(
    """
    import os, sys, time, pathlib
    path, when, mark, atomic = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "1"
    if when == "during-the-save":  # the moment `plan` has a temporary file beside the strategy
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any(
            n.startswith("." + path.name + ".") and n.endswith(".tmp") for n in os.listdir(path.parent)
        ):
            pass
    else:
        time.sleep(float(when))
    text = path.read_text().replace('name = "Coffee Lab', f'name = "{mark} Coffee Lab', 1)
    if atomic:  # as most editors save: a new file renamed over the old one
        tmp = path.with_name("editor-swap")
        tmp.write_text(text)
        tmp.replace(path)
    else:  # as others do: the same file truncated and written again
        path.write_text(text)
    """
)


def edits_while_plan_runs(planned: Path, rounds: int) -> None:
    """Another program edits the file while `plan` runs; half the time exactly while it saves.
    Either `plan` refuses (the file changed on disk, or it read it half-written) or saw the edit
    first: never is the edit lost."""
    original = planned.read_bytes()
    rng = random.Random(7)
    for n in range(rounds):
        planned.write_bytes(original)
        mark = f"EDIT{n}"
        when = "during-the-save" if n % 4 < 2 else str(rng.uniform(0.05, 0.5))
        editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(planned), when, mark, str(n % 2)])
        plan = smm("plan", planned)
        out, err = plan.communicate(timeout=60)
        assert editor.wait(timeout=60) == 0
        assert plan.returncode in (0, 1) and "Traceback" not in err, err  # 1: changed on disk, or read
        assert mark in planned.read_text(), f"round {n} ({when}): the edit was lost (plan said: {out}{err})"


def test_an_edit_made_while_plan_runs_is_never_lost(planned: Path) -> None:
    edits_while_plan_runs(planned, rounds=6 * ROUNDS)


@pytest.mark.slow
def test_an_edit_made_while_plan_runs_is_never_lost_many_times(planned: Path) -> None:
    edits_while_plan_runs(planned, rounds=32 * ROUNDS)


# --- read-only and unreadable files -------------------------------------------------------------------


@pytest.mark.parametrize("command", ["plan", "results"])
def test_a_read_only_strategy_is_refused_not_replaced(planned: Path, command: str) -> None:
    planned.chmod(0o444)
    before, inode = planned.read_bytes(), planned.stat().st_ino
    args = ["plan", str(planned)] if command == "plan" else ["results", str(planned), str(DECEMBER)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"{planned}: is read-only; nothing was saved (make it writable to save it, e.g. chmod u+w {planned})\n"
    )
    assert (planned.read_bytes(), planned.stat().st_ino) == (before, inode)
    assert planned.stat().st_mode & 0o777 == 0o444
    assert not Path(f"{planned}.bak").exists()
    assert leftovers(planned.parent) == []


def test_saving_keeps_the_mode_of_the_file(planned: Path) -> None:
    planned.chmod(0o640)
    assert runner.invoke(app, ["plan", str(planned)]).exit_code == 0
    assert planned.stat().st_mode & 0o777 == 0o640


def as_a_person_without_privileges() -> list[str]:
    """A command prefix under which file permissions apply: root reads every file, so for root the
    commands run without the capabilities that bypass them (util-linux `setpriv`)."""
    if not hasattr(os, "geteuid"):
        pytest.skip("POSIX permissions only")
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: every file is readable")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]


def test_an_unreadable_file_exits_1_with_our_message_for_every_command(tmp_path: Path) -> None:
    prefix = as_a_person_without_privileges()
    secret = tmp_path / "secret.toml"
    shutil.copy(FIXTURES / "valid-minimal.toml", secret)
    secret.chmod(0)
    csv = tmp_path / "stats.csv"
    shutil.copy(DECEMBER, csv)
    csv.chmod(0)
    readable = tmp_path / "open.toml"
    shutil.copy(FIXTURES / "valid-minimal.toml", readable)
    denied = f"{secret}: cannot be read: permission denied"
    cases = {
        ("validate", secret): denied,
        ("plan", secret): denied,
        ("render", secret, "-o", "-"): denied,
        ("export", secret, "-f", "csv"): denied,
        ("report", secret): denied,
        ("results", secret, csv): denied,
        ("results", readable, csv, "--dry-run"): str(csv),
    }
    for args, message in cases.items():
        process = subprocess.run(
            [*prefix, sys.executable, "-m", "planner", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        assert process.returncode == 1, (args, process.stderr)
        assert message in process.stderr and "Traceback" not in process.stderr, (args, process.stderr)


# --- symlinks -------------------------------------------------------------------------------------------


def test_a_symlinked_strategy_is_written_through_to_its_target(planned: Path) -> None:
    real = planned.parent / "shared" / "cafe.toml"
    real.parent.mkdir()
    planned.rename(real)
    link = planned.parent / "cafe.toml"
    link.symlink_to(Path("shared") / "cafe.toml")  # relative, as `ln -s` usually makes them
    before = real.read_bytes()
    result = runner.invoke(app, ["plan", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert any(p.date.month == 2 for p in read(real).strategy.posts)
    assert Path(f"{link}.bak").read_bytes() == before
    assert leftovers(link.parent) == [] and leftovers(real.parent) == []
    assert locking.lock_path(link) == locking.lock_path(real)  # one lock for both names


def test_a_symlinked_bak_is_written_through_to_its_target(planned: Path) -> None:
    keep = planned.parent / "backups" / "cafe-previous.toml"
    keep.parent.mkdir()
    keep.write_text("old backup\n")
    bak = Path(f"{planned}.bak")
    bak.symlink_to(keep)
    before = planned.read_bytes()
    assert runner.invoke(app, ["plan", str(planned)]).exit_code == 0
    assert bak.is_symlink()
    assert keep.read_bytes() == before


# --- temporary files of a killed save --------------------------------------------------------------------

SAVE_FOREVER = textwrap.dedent(
    """
    import itertools, sys
    from planner.storage import read, save
    path = sys.argv[1]
    loaded = read(path)
    strategy, fingerprint = loaded.strategy, loaded.fingerprint
    print("ready", flush=True)
    for n in itertools.count():
        strategy.strategy.name = ("A", "B")[n % 2]
        fingerprint = save(strategy, path, expected=fingerprint)
    """
)


def kill_in_the_middle_of_saves(path: Path, rounds: int) -> int:
    """SIGKILL a process that saves `path` over and over, at random moments; returns the number
    of rounds that left a temporary file behind (each removed by the next save)."""
    rng = random.Random(3)
    left = 0
    loaded = read(path)
    save(loaded.strategy, path, expected=loaded.fingerprint)  # so that there is a .bak to check too
    names = {loaded.strategy.strategy.name, "A", "B"}
    for n in range(rounds):
        saver = subprocess.Popen(
            [sys.executable, "-c", SAVE_FOREVER, str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        assert saver.stdout is not None and saver.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, 0.15))
        saver.send_signal(signal.SIGKILL)
        saver.wait()
        for version in (path, Path(f"{path}.bak")):
            loaded = read(version)
            assert loaded.ok, (n, loaded.problems)  # never half-written
            assert loaded.strategy.strategy.name in names
        temporary = [p for p in leftovers(path.parent) if p.endswith(".tmp")]
        left += bool(temporary)
        loaded = read(path)
        save(loaded.strategy, path, expected=loaded.fingerprint)  # the next save cleans up
        assert leftovers(path.parent) == [], n
    return left


@pytest.mark.parametrize("comments", [False, True], ids=["canonical", "with-comments"])
def test_a_kill_during_a_save_never_leaves_a_broken_file_or_lasting_leftovers(
    planned: Path, comments: bool
) -> None:
    if comments:
        planned.write_text("# kept by every save\n" + planned.read_text())
    kill_in_the_middle_of_saves(planned, rounds=8 * ROUNDS)


@pytest.mark.slow
def test_many_kills_during_saves(planned: Path) -> None:
    left = kill_in_the_middle_of_saves(planned, rounds=60 * ROUNDS)
    assert left > 0  # the kills did land in the middle of writes, and were cleaned up


def test_a_save_removes_the_leftovers_of_dead_writers_only(tmp_path: Path) -> None:
    path = tmp_path / "cafe.toml"
    shutil.copy(FIXTURES / "valid-minimal.toml", path)
    dead = tmp_path / ".cafe.toml.4194305.tmp"  # above any pid Linux hands out
    alive = tmp_path / f".cafe.toml.{os.getppid()}.tmp"  # a live process, maybe still writing
    stale = tmp_path / ".cafe.toml.x1y2z3ab.tmp"  # an older version's random name, an hour old
    fresh = tmp_path / ".cafe.toml.q9w8e7r6.tmp"
    other = tmp_path / ".notes.toml.4194305.tmp"  # another file's: not ours to judge
    for p in (dead, alive, stale, fresh, other):
        p.write_text("half")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    assert sorted(remove_leftovers(path)) == sorted([dead, stale])
    assert alive.exists() and fresh.exists() and other.exists()


# --- a full disk -------------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs, where mounting one is allowed (root on Linux); the test is skipped elsewhere."""
    disk = tmp_path / "disk"
    disk.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("cannot mount a small tmpfs here")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True, timeout=10)


def fill(disk: Path, leave: int = 0) -> None:
    """Fill the disk, then free `leave` bytes (rounded up to whole pages)."""
    filler = disk / "filler"
    with open(filler, "ab", buffering=0) as f, contextlib.suppress(OSError):
        while True:
            f.write(b"\0" * 4096)
    pages = -(-leave // 4096)
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - pages * 4096))


def test_render_on_a_full_disk_changes_no_document(small_disk: Path, minimal: Path) -> None:
    out = small_disk / "docs"
    assert runner.invoke(app, ["render", str(minimal), "-o", str(out)]).exit_code == 0
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    minimal.write_text(
        minimal.read_text().replace("[strategy]\n", '[strategy]\nsummary = "' + "x" * 3000 + '"\n')
    )
    from planner.render import render_documents

    new = render_documents(read(minimal).strategy)
    fill(small_disk, leave=len(new["strategy.md"].encode()))  # room for one document, not both
    result = runner.invoke(app, ["render", str(minimal), "-o", str(out)])
    assert result.exit_code == 1
    assert "No space left on device; no file was changed" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old


def test_templates_on_a_full_disk_leave_no_empty_folder(small_disk: Path) -> None:
    fill(small_disk)
    folder = small_disk / "my-templates" / "cafe"
    result = runner.invoke(app, ["templates", str(folder)])
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


@pytest.mark.parametrize("room", ["none", "for-one-copy"])
def test_a_save_on_a_full_disk_keeps_the_original_and_its_bak(small_disk: Path, room: str) -> None:
    path = small_disk / "strategy.toml"
    shutil.copy(FIXTURES / "valid-minimal.toml", path)
    loaded = read(path)
    loaded.strategy.strategy.name = "Second version"
    save(loaded.strategy, path, expected=loaded.fingerprint)
    original, bak = path.read_bytes(), Path(f"{path}.bak").read_bytes()
    fill(small_disk, leave=len(original) if room == "for-one-copy" else 0)
    result = runner.invoke(app, ["plan", str(path)])
    assert result.exit_code == 1
    assert f"{path}: could not be saved: No space left on device; the original is unchanged" in result.stderr
    assert path.read_bytes() == original
    assert Path(f"{path}.bak").read_bytes() == bak
    assert leftovers(small_disk) == []


def test_a_failed_save_raises_a_planner_error_not_an_os_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "cafe.toml"
    with pytest.raises(PlannerError, match="cannot be locked for saving"):
        save(read(FIXTURES / "valid-minimal.toml").strategy, missing, expected=None)
