"""Shared fixtures: paths to the examples and a fresh copy of a strategy to change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
