"""The built-in catalogs are data files with what SPEC promises: formats per platform, sources, both languages."""

from __future__ import annotations

from planner.catalog import checklists, platforms

SPEC_FORMATS = {
    "vk": ("group", "page", "account"),
    "ok": ("group", "account"),
    "telegram": ("channel", "group"),
    "dzen": ("channel",),
    "rutube": ("channel",),
    "youtube": ("channel",),
    "instagram": ("account",),
    "facebook": ("page", "group", "account"),
    "x": ("account",),
    "threads": ("account",),
    "tiktok": ("account",),
    "linkedin": ("page", "account", "group"),
    "pinterest": ("account",),
}


def test_platforms_allow_the_community_formats_of_the_spec() -> None:
    assert {p.id: p.formats for p in platforms().values()} == SPEC_FORMATS


def test_every_platform_figure_has_a_public_source() -> None:
    for p in platforms().values():
        assert p.text_limit > 0 and p.posts_per_week > 0, p.id
        assert p.text_limit_source.startswith("https://"), p.id
        assert p.cadence_source.startswith("https://"), p.id
        assert p.content_formats, p.id
        assert set(p.community) == set(p.formats), p.id
        assert p.name_ru and p.audience and p.audience_ru, p.id


def test_checklists_are_in_english_and_russian() -> None:
    lists = checklists()
    assert (len(lists["smo"]), len(lists["tactics"])) == (12, 11)
    for item in (*lists["smo"], *lists["tactics"]):
        assert item.title and item.explanation, item.id
        assert any("а" <= ch <= "я" for ch in item.title_ru.lower()), item.id
        assert any("а" <= ch <= "я" for ch in item.explanation_ru.lower()), item.id
