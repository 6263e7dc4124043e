"""A file session without a terminal: what loading finds, and saving back safely (the CLI and the TUI share it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import PlannerError
from planner.session import ChangedOnDisk, Session, UnreadableValues
from planner.storage import read


def test_a_valid_file_loads_and_saves_back_with_a_backup(minimal: Path) -> None:
    original = minimal.read_text()
    session = Session.open(minimal)
    assert session.ok and not session.is_new and not session.broken and session.lossy == []
    session.strategy.strategy.client = "Someone else"
    saved = session.save()
    assert saved.backup == minimal.with_name(minimal.name + ".bak") and saved.backup.read_text() == original
    assert saved.dropped == []
    assert read(minimal).strategy.strategy.client == "Someone else"
    # The session follows its own saves: a second save is no change on disk to refuse.
    session.strategy.strategy.client = "Third"
    session.save()
    assert read(minimal).strategy.strategy.client == "Third"


def test_a_path_that_does_not_exist_is_a_new_strategy(tmp_path: Path) -> None:
    path = tmp_path / "bakery.toml"
    session = Session(path)
    assert session.is_new and not session.loaded
    session.load()
    assert session.is_new and not session.broken and not session.ok
    assert session.problems == []
    session.strategy.strategy.name = "Bakery"
    saved = session.save()
    assert saved.backup is None and not session.is_new and session.problems == []
    assert read(path).strategy.strategy.name == "Bakery"


def test_a_file_changed_on_disk_is_not_overwritten_unless_asked(minimal: Path) -> None:
    session = Session.open(minimal)
    theirs = minimal.read_text().replace("Fixture strategy", "Edited by a colleague")
    minimal.write_text(theirs)
    session.strategy.strategy.client = "Mine"
    with pytest.raises(ChangedOnDisk, match="changed on disk since it was opened; nothing was saved"):
        session.save()
    assert minimal.read_text() == theirs
    session.save(overwrite=True)
    assert read(minimal).strategy.strategy.client == "Mine"
    assert minimal.with_name(minimal.name + ".bak").read_text() == theirs


def test_values_that_could_not_be_read_are_only_dropped_when_agreed(minimal: Path) -> None:
    text = minimal.read_text().replace('id = "vk-main"', 'id = "vk-main"\nposts_per_weak = 4', 1)
    text = text.replace("posts_per_week = 3", 'posts_per_week = "three"', 1)
    minimal.write_text(text)
    session = Session.open(minimal)
    assert not session.ok
    lossy = {p.where for p in session.lossy}
    assert "channels[vk-main].posts_per_weak" in lossy
    with pytest.raises(UnreadableValues, match="posts_per_weak"):
        session.save()
    assert minimal.read_text() == text
    saved = session.save(drop_unreadable=True)
    assert {p.where for p in saved.dropped} == lossy and session.lossy == []
    assert "posts_per_weak" not in minimal.read_text()


def test_problems_across_tables_are_kept_by_a_save_and_not_lossy(minimal: Path) -> None:
    minimal.write_text(minimal.read_text().replace("share = 40", "share = 45", 1))
    session = Session.open(minimal)
    assert [p.where for p in session.problems] == ["pillars"] and session.lossy == []
    session.save()  # nothing to agree to: the shares are saved as they are
    assert [p.where for p in session.problems] == ["pillars"]
    session.strategy.pillars[1].share = 40
    assert session.current_problems() == []


def test_a_file_that_is_not_toml_is_never_saved(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('schema_version = 1\n[strategy]\nname = "Unclosed\n')
    session = Session.open(path)
    assert session.broken and not session.ok and session.problems[0].line == 3
    with pytest.raises(PlannerError, match="not valid TOML"):
        session.save()
    assert path.read_text() == 'schema_version = 1\n[strategy]\nname = "Unclosed\n'


def test_a_commented_file_keeps_its_comments_and_directive_when_saved(minimal: Path) -> None:
    minimal.write_text("#:schema ./strategy.schema.json\n# agreed with the client\n" + minimal.read_text())
    session = Session.open(minimal)
    assert session.has_comments and session.directive == "#:schema ./strategy.schema.json"
    session.strategy.strategy.client = "Someone else"
    session.save()
    text = minimal.read_text()
    assert text.startswith("#:schema ./strategy.schema.json\n# agreed with the client\n")
    assert 'client = "Someone else"' in text


def test_editing_blocks_nest_around_a_read_modify_write(minimal: Path) -> None:
    # The block is where the next issue holds the file's lock; a save inside opens one too.
    session = Session(minimal)
    with session.editing() as same:
        assert same is session
        session.load()
        session.strategy.strategy.client = "Inside"
        session.save()
    assert read(minimal).strategy.strategy.client == "Inside"


def test_a_rescue_is_written_beside_the_file_never_over_it(minimal: Path) -> None:
    original = minimal.read_text()
    session = Session.open(minimal)
    session.strategy.strategy.client = "Unsaved Ltd"
    rescued = session.rescue()
    assert rescued == minimal.with_name(minimal.name + ".recovered")
    assert read(rescued).strategy.strategy.client == "Unsaved Ltd"
    assert minimal.read_text() == original
