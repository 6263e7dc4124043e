"""The bundled examples are what a new user opens first: valid, complete, every field used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import rtoml

from planner.fields import fields_of
from planner.model import Strategy
from planner.storage import read
from tests.conftest import EXAMPLES


def field_paths(cls: type, prefix: str = "") -> set[str]:
    """Every field of the format, as dotted paths (`channels.posts_per_week`, `posts.results.reach`)."""
    paths = set()
    for info in fields_of(cls):
        path = f"{prefix}{info.name}"
        if info.kind in ("table", "tables"):
            paths |= field_paths(info.inner, f"{path}.")
        elif info.kind == "mapping":
            paths |= {f"{path}.*.{f.name}" for f in fields_of(info.inner)}
        else:
            paths.add(path)
    return paths


def used_paths(raw: Any, prefix: str = "", mapping: bool = False) -> set[str]:
    paths: set[str] = set()
    if isinstance(raw, list) and raw and isinstance(raw[0], dict):
        for item in raw:
            paths |= used_paths(item, prefix)
        return paths
    if isinstance(raw, dict):
        for key, value in raw.items():
            name = f"{prefix}{'*' if mapping else key}"
            paths |= used_paths(value, f"{name}.", mapping=key in ("smo", "tactics") and not prefix)
        return paths
    return {prefix.rstrip(".")}


RESULT_FIELDS = "posts.results."


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_example_is_valid_and_uses_every_field(path: Path) -> None:
    """Every field, except the results a platform of the example does not report (LinkedIn and X give
    impressions, not reach): those only some example must show (the next test)."""
    loaded = read(path)
    assert loaded.ok, [str(p) for p in loaded.problems]
    missing = {
        f for f in field_paths(Strategy) - used_paths(rtoml.load(path)) if not f.startswith(RESULT_FIELDS)
    }
    assert not missing, f"{path.name} does not show: {sorted(missing)}"


def test_the_examples_together_show_every_result_and_every_field() -> None:
    used = set().union(*(used_paths(rtoml.load(path)) for path in EXAMPLES.glob("*.toml")))
    assert not field_paths(Strategy) - used


def test_every_example_is_planned_and_plan_changes_nothing() -> None:
    """The examples are what `plan` writes: a new user's first `plan` on one changes nothing."""
    from planner.planning import plan_strategy

    for path in sorted(EXAMPLES.glob("*.toml")):
        strategy = read(path).strategy
        assert strategy is not None and strategy.posts, path.name
        change = plan_strategy(strategy)
        assert not change.changed, f"{path.name}: plan would change it"


def test_there_is_an_english_and_a_russian_example() -> None:
    languages = {read(p).strategy.strategy.language for p in EXAMPLES.glob("*.toml")}
    assert {"en", "ru"} <= languages
