"""The built-in catalogs (platforms, SMO and SMM-tactics checklists), read from data files in this package."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class CommunityFormat:
    """What a community format offers on one platform (shapes the channel plan's advice)."""

    messages: bool
    members_visible: bool
    widgets: bool
    moderation: str
    moderation_ru: str
    note: str
    note_ru: str


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    name_ru: str
    formats: tuple[str, ...]
    text_limit: int
    text_limit_source: str
    content_formats: tuple[str, ...]
    posts_per_week: int
    cadence_source: str
    audience: str
    audience_ru: str
    community: dict[str, CommunityFormat] = field(default_factory=dict)

    @property
    def default_format(self) -> str:
        return self.formats[0]


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    title: str
    title_ru: str
    explanation: str
    explanation_ru: str


def _read(name: str) -> dict[str, Any]:
    import rtoml  # the compiled reader: the catalogs cost ~15 ms with tomllib, which every command paid

    return rtoml.loads((Path(__file__).parent / name).read_text("utf-8"))


@cache
def platforms() -> dict[str, Platform]:
    """Platforms by id, in catalog order."""
    out = {}
    for raw in _read("platforms.toml")["platforms"]:
        community = {k: CommunityFormat(**v) for k, v in raw.pop("community", {}).items()}
        raw["formats"] = tuple(raw["formats"])
        raw["content_formats"] = tuple(raw["content_formats"])
        out[raw["id"]] = Platform(**raw, community=community)
    return out


@cache
def checklists() -> dict[str, tuple[ChecklistItem, ...]]:
    """The two checklists, `smo` and `tactics`, each in its catalog order."""
    data = _read("checklists.toml")
    return {name: tuple(ChecklistItem(**item) for item in data[name]) for name in ("smo", "tactics")}


def checklist_ids(name: str) -> tuple[str, ...]:
    return tuple(item.id for item in checklists()[name])
