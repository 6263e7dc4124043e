"""Ids proposed from what a marketer types as a name."""

from __future__ import annotations

from planner.fields import SLUG
from planner.slugs import propose_id, slugify


def test_english_names_become_readable_slugs() -> None:
    assert propose_id("Busy parents", []) == "busy-parents"
    assert propose_id("Coffee Lab on VK!", []) == "coffee-lab-on-vk"
    assert propose_id("Steam & Co", []) == "steam-and-co"
    assert propose_id("Café crème", []) == "cafe-creme"


def test_cyrillic_is_transliterated() -> None:
    assert propose_id("Занятые родители", []) == "zanyatye-roditeli"
    assert propose_id("Щедрый ёжик", []) == "shchedryy-ezhik"
    assert propose_id("ВКонтакте: основное сообщество", []) == "vkontakte-osnovnoe-soobshchestvo"


def test_the_id_is_unique_within_its_table() -> None:
    assert propose_id("VK main", ["vk-main"]) == "vk-main-2"
    assert propose_id("VK main", ["vk-main", "vk-main-2"]) == "vk-main-3"
    # Duplicating "vk-main-2" gives the next free number, not "vk-main-2-2".
    assert propose_id("vk-main-2", ["vk-main", "vk-main-2"]) == "vk-main-3"


def test_names_without_letters_still_get_a_valid_id() -> None:
    assert propose_id("!!!", []) == "item"
    assert propose_id("", ["item"], fallback="goal") == "goal"
    assert propose_id("日本", [], fallback="channel") == "channel"


def test_long_names_are_cut_at_a_word() -> None:
    slug = slugify("Winter giveaway for the most loyal regulars of the Northern Quarter café")
    assert len(slug) <= 40
    assert not slug.endswith("-")
    assert slug.startswith("winter-giveaway")


def test_every_proposal_is_a_valid_slug() -> None:
    for name in ["Ёлка 2026", "  spaces  ", "UPPER_case", "a--b", "7 days", "Ünïcödé"]:
        assert SLUG.match(propose_id(name, [])), name
