"""Editing lists without a terminal: what refers to an item, deleting and renaming keep the file valid."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from planner.editing import (
    add_post,
    delete_post,
    duplicate,
    duplicate_post,
    edited_post,
    filter_posts,
    hand_written_post,
    months_of_plan,
    move_post,
    new_post_id,
    references_to,
    remove_references,
    rename_references,
    update_post,
)
from planner.model import Post, Results
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


# --- posts of the content plan -------------------------------------------------------------


def test_a_new_post_takes_the_planners_id_pattern_and_its_calendar_place(minimal: Path) -> None:
    s = read(minimal).strategy
    taken = {p.id for p in s.posts}
    assert new_post_id(taken, dt.date(2026, 12, 2), "vk-main") == "2026-12-02-vk-main-2"
    assert new_post_id(taken, dt.date(2026, 12, 3), "vk-main") == "2026-12-03-vk-main-1"
    early = hand_written_post(dt.date(2026, 12, 1), "x-news", time="09:00")
    assert early.status == "draft" and not early.owned_by_planner  # `plan` keeps it
    assert add_post(s, early) == 0 and early.id == "2026-12-01-x-news-1"
    same_slot = hand_written_post(dt.date(2026, 12, 2), "vk-main", time="10:00")
    assert add_post(s, same_slot) == 2 and same_slot.id == "2026-12-02-vk-main-2"
    assert parse(dumps(s)).problems == []


def test_the_planner_names_its_posts_by_the_same_rule(minimal: Path) -> None:
    from planner.planning import plan_strategy

    s = read(minimal).strategy
    planned = plan_strategy(s).strategy
    taken = {p.id for p in planned.posts}
    for post in planned.posts:
        if post.owned_by_planner:
            prefix, n = post.id.rsplit("-", 1)
            assert prefix == f"{post.date.isoformat()}-{post.channel}"
            # The lowest n free when it was named: every lower one is another post's.
            assert all(f"{prefix}-{k}" in taken for k in range(1, int(n)))


def test_editing_a_planned_post_makes_it_a_draft() -> None:
    planned = Post(id="p", date=dt.date(2026, 12, 2), channel="vk", topic="Old")
    assert edited_post(planned, dataclasses.replace(planned, topic="New")).status == "draft"
    assert edited_post(planned, dataclasses.replace(planned, status="skipped")).status == "skipped"
    assert edited_post(planned, dataclasses.replace(planned)).status == "planned"  # nothing changed
    approved = dataclasses.replace(planned, status="approved")
    assert edited_post(approved, dataclasses.replace(approved, text="Hi")).status == "approved"
    # Any field a person changes counts, results included.
    assert edited_post(planned, dataclasses.replace(planned, results=Results(reach=5))).status == "draft"


def test_updating_a_post_changes_it_in_place() -> None:
    post = Post(id="p", date=dt.date(2026, 12, 2), channel="vk")
    same = post
    assert update_post(post, dataclasses.replace(post, topic="Gift guide"))
    assert same.topic == "Gift guide" and same.status == "draft"
    assert not update_post(post, dataclasses.replace(post))


def test_moving_a_post_keeps_its_id_and_makes_it_a_persons(minimal: Path) -> None:
    s = read(minimal).strategy
    post = Post(id="2026-12-04-vk-main-1", date=dt.date(2026, 12, 4), time="10:00", channel="vk-main")
    s.posts.append(post)
    assert move_post(post, date=dt.date(2026, 12, 5), time="19:30", channel="x-news")
    assert (post.id, post.date, post.time, post.channel, post.status) == (
        "2026-12-04-vk-main-1",
        dt.date(2026, 12, 5),
        "19:30",
        "x-news",
        "draft",
    )
    assert not move_post(post, date=dt.date(2026, 12, 5))  # already there
    # Moved out of the period: validate says so, as it does for a post written by hand.
    move_post(post, date=dt.date(2027, 3, 1))
    assert [p.where for p in parse(dumps(s)).problems] == ["posts[2026-12-04-vk-main-1].date"]


def test_duplicating_a_post_gives_a_draft_on_the_same_slot_without_results(minimal: Path) -> None:
    s = read(minimal).strategy
    s.posts[0].results = Results(reach=100)
    s.posts[0].status = "published"
    at = duplicate(s, "posts", 0)  # the one duplicate, whatever the table
    twin = s.posts[at]
    assert at == 1 and twin.id == "2026-12-02-vk-main-2"
    assert (twin.date, twin.time, twin.channel, twin.pillar) == (
        s.posts[0].date,
        "10:00",
        "vk-main",
        "education",
    )
    assert twin.status == "draft" and twin.results is None and s.posts[0].results == Results(reach=100)
    assert duplicate_post(s, 0) == 1 and s.posts[1].id == "2026-12-02-vk-main-3"
    assert parse(dumps(s)).problems == []


def test_deleting_a_post_removes_that_post_only(minimal: Path) -> None:
    s = read(minimal).strategy
    twin = s.posts[duplicate(s, "posts", 0)]
    equal = dataclasses.replace(twin)
    assert delete_post(s, equal) is None  # an equal post is not this post
    assert delete_post(s, twin) == 1 and [p.id for p in s.posts] == ["2026-12-02-vk-main-1"]


def test_the_plans_filters_select_a_slice_in_calendar_order() -> None:
    posts = [
        Post(id="c", date=dt.date(2027, 1, 5), channel="vk"),
        Post(id="b", date=dt.date(2026, 12, 2), time="19:00", channel="vk", pillar="x", status="draft"),
        Post(id="a", date=dt.date(2026, 12, 2), time="10:00", channel="tg"),
    ]
    assert [p.id for p in filter_posts(posts)] == ["a", "b", "c"]
    assert [p.id for p in filter_posts(posts, month="2026-12", channel="vk")] == ["b"]
    assert [p.id for p in filter_posts(posts, pillar="x", status="draft")] == ["b"]
    assert filter_posts(posts, month="2027-02") == []


def test_the_plan_offers_every_month_of_the_period_and_any_with_posts(minimal: Path) -> None:
    s = read(minimal).strategy
    assert months_of_plan(s) == ["2026-12", "2027-01", "2027-02"]
    s.posts.append(Post(id="late", date=dt.date(2027, 4, 1), channel="vk-main"))
    assert months_of_plan(s) == ["2026-12", "2027-01", "2027-02", "2027-04"]


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
