"""Shared fixtures: a cache of the tests' own, paths to the examples and a fresh copy of a strategy to change."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner import user_cache

# Before any test module is imported: importing `screens` has `dataclasses` keep its compiled
# code in the cache (planner.code_cache), and collecting the tests must not write the real one.
os.environ.setdefault(user_cache.ENVIRONMENT_VARIABLE, tempfile.mkdtemp(prefix="smm-planner-tests-"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def user_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The tests' own cache folder, for the whole session and every process it starts: the tests
    never write the real user's cache (Babel's answers, holidays, compiled templates)."""
    folder = tmp_path_factory.mktemp("user-cache")
    before = os.environ.get(user_cache.ENVIRONMENT_VARIABLE)
    os.environ[user_cache.ENVIRONMENT_VARIABLE] = str(folder)
    user_cache.cache_folder.cache_clear()
    yield folder
    if before is None:
        del os.environ[user_cache.ENVIRONMENT_VARIABLE]
    else:
        os.environ[user_cache.ENVIRONMENT_VARIABLE] = before
    user_cache.cache_folder.cache_clear()


@pytest.fixture
def cafe(tmp_path: Path) -> Path:
    """A copy of the English example, safe to plan, render and save."""
    return Path(shutil.copy(EXAMPLES / "cafe.toml", tmp_path / "cafe.toml"))


@pytest.fixture
def shop_ru(tmp_path: Path) -> Path:
    """A copy of the Russian example, safe to plan, render and save."""
    return Path(shutil.copy(EXAMPLES / "shop-ru.toml", tmp_path / "shop-ru.toml"))


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of the smallest strategy that uses every table."""
    return Path(shutil.copy(FIXTURES / "valid-minimal.toml", tmp_path / "strategy.toml"))
