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
class FormatLimit:
    """A text limit some post formats of a platform have instead of its own: a caption, a poll's question."""

    formats: tuple[str, ...]
    limit: int
    what: str  # the text it limits: "a photo, album, video or file caption"
    what_ru: str
    source: str


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
    text_limit_note: str = ""  # whose limit it is, when accounts differ (X: standard accounts)
    format_limits: tuple[FormatLimit, ...] = ()
    media_required: bool = False  # publishes nothing without an image or a video
    media_source: str = ""

    @property
    def default_format(self) -> str:
        return self.formats[0]

    def format_limit(self, post_format: str) -> FormatLimit | None:
        """The limit of `post_format`'s text when it has one of its own (a Telegram photo's caption)."""
        for limit in self.format_limits:
            if post_format in limit.formats:
                return limit
        return None

    def text_limit_for(self, post_format: str) -> int:
        """Characters a post of `post_format` may have on this platform."""
        limit = self.format_limit(post_format)
        return self.text_limit if limit is None else limit.limit


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
        raw["format_limits"] = tuple(
            FormatLimit(**{**limit, "formats": tuple(limit["formats"])})
            for limit in raw.get("format_limits", ())
        )
        out[raw["id"]] = Platform(**raw, community=community)
    return out


@cache
def checklists_file() -> dict[str, Any]:
    """checklists.toml as read, once: the checklists, and the documents' words and markets
    (planner.views.checklists). Not to be changed."""
    return _read("checklists.toml")


@cache
def checklists() -> dict[str, tuple[ChecklistItem, ...]]:
    """The two checklists, `smo` and `tactics`, each in its catalog order."""
    data = checklists_file()
    return {name: tuple(ChecklistItem(**item) for item in data[name]) for name in ("smo", "tactics")}


def checklist_ids(name: str) -> tuple[str, ...]:
    return tuple(item.id for item in checklists()[name])
