"""Editing lists without a terminal: what refers to an item, deleting and renaming keep the file valid."""

from __future__ import annotations

from pathlib import Path

from planner.editing import duplicate, references_to, remove_references, rename_references
from planner.storage import dumps, parse, read


def test_references_to_a_channel_say_what_would_be_affected(minimal: Path) -> None:
    s = read(minimal).strategy
    assert references_to(s, "channels", "vk-main") == [
        "goals: grow-vk",
        "campaigns: winter-giveaway",
        "posts: 1",
    ]
    assert references_to(s, "channels", "x-news") == []


def test_deleting_a_channel_leaves_a_valid_file(minimal: Path) -> None:
    s = read(minimal).strategy
    s.channels = [c for c in s.channels if c.id != "vk-main"]
    remove_references(s, "channels", "vk-main")
    assert s.posts == [] and s.goals[0].channel == "" and s.campaigns[0].channels == []
    assert parse(dumps(s)).problems == []


def test_renaming_a_pillar_follows_it_everywhere(minimal: Path) -> None:
    s = read(minimal).strategy
    s.pillars[0].id = "how-to"
    assert rename_references(s, "pillars", "education", "how-to") == 1
    assert s.posts[0].pillar == "how-to"
    assert parse(dumps(s)).problems == []


def test_a_duplicate_gets_a_new_id_and_says_it_is_a_copy(minimal: Path) -> None:
    s = read(minimal).strategy
    at = duplicate(s, "audience", 0)
    assert (s.audience[at].id, s.audience[at].name) == ("parents-2", "Busy parents (copy)")
    assert parse(dumps(s)).problems == []


def test_what_deleting_does_is_what_each_referring_field_declares(minimal: Path) -> None:
    s = read(minimal).strategy
    s.posts[0].campaign = "winter-giveaway"
    remove_references(s, "campaigns", "winter-giveaway")  # posts.campaign: on_delete="empty"
    assert s.posts[0].campaign == "" and len(s.posts) == 1
    remove_references(s, "audience", "parents")  # channels.audience: a list, the id is removed
    assert s.channels[0].audience == []
    remove_references(s, "goals", "grow-vk")  # campaigns.goal: emptied
    assert s.campaigns[0].goal == ""
    assert parse(dumps(s)).problems == []


def test_renaming_a_channel_follows_it_into_lists_and_single_references(minimal: Path) -> None:
    s = read(minimal).strategy
    s.channels[0].id = "vk-club"
    assert rename_references(s, "channels", "vk-main", "vk-club") == 3
    assert (s.goals[0].channel, s.campaigns[0].channels, s.posts[0].channel) == (
        "vk-club",
        ["vk-club"],
        "vk-club",
    )
    assert parse(dumps(s)).problems == []
