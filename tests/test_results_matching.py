"""Matching a row of a platform's export to a planned post: the window, its edges, two candidates, midnight,
several channels on one platform, and two rows for one post. A row that matches nothing is listed, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.model import Strategy
from planner.results import merge_results
from planner.results.matching import url_key
from planner.storage import parse

HEADER = "Post ID,Account username,Publish time,Permalink,Post type,Reach,Likes,Comments,Shares\n"


def strategy(posts: str, channels: str = "") -> Strategy:
    text = f"""\
schema_version = 1

[strategy]
name = "Matching"
timezone = "Europe/London"
start = 2026-12-01
end = 2026-12-31

[[channels]]
id = "ig-main"
platform = "instagram"
url = "https://www.instagram.com/coffeelab.example"
{channels}
{posts}"""
    loaded = parse(text, "m.toml")
    assert loaded.ok, loaded.problems
    assert loaded.strategy is not None
    return loaded.strategy


def planned(*slots: tuple[str, str, str]) -> str:
    return "".join(
        f'[[posts]]\nid = "{post_id}"\ndate = {day}\ntime = "{at}"\nchannel = "ig-main"\n\n'
        for post_id, day, at in slots
    )


def export(tmp_path: Path, *times: str, account: str = "coffeelab.example") -> Path:
    rows = "".join(
        f'{n},{account},{at},https://www.instagram.com/p/P{n}/,IG image,"1,000",50,5,2\n'
        for n, at in enumerate(times, 1)
    )
    path = tmp_path / "ig.csv"
    path.write_text(HEADER + rows, "utf-8")
    return path


def fates(s: Strategy, path: Path, **options) -> dict[str, list]:
    merged = merge_results(s, path, **options)
    return {
        "matched": [post_id for _, post_id in merged.applied],
        "unmatched": [why for _, why in merged.unmatched],
        "ambiguous": [why for _, why in merged.ambiguous],
        "repeated": [why for _, why in merged.repeated],
    }


@pytest.mark.parametrize(
    ("published", "matched"),
    [
        ("12/03/2026 10:00", ["a"]),  # on the minute
        ("12/03/2026 13:00", ["a"]),  # three hours late: the edge is inside
        ("12/03/2026 07:00", ["a"]),  # three hours early
        ("12/03/2026 13:01", []),  # a minute past the window
        ("12/03/2026 06:59", []),
    ],
)
def test_the_window_is_three_hours_either_side(tmp_path, published, matched):
    s = strategy(planned(("a", "2026-12-03", "10:00")))
    assert fates(s, export(tmp_path, published))["matched"] == matched


def test_a_row_outside_the_window_names_the_nearest_post(tmp_path):
    s = strategy(planned(("a", "2026-12-03", "10:00")))
    assert fates(s, export(tmp_path, "12/03/2026 16:30"))["unmatched"] == [
        "no post in ig-main within 3 hours of 2026-12-03 16:30 (the nearest is a at 2026-12-03 10:00)"
    ]


def test_the_window_crosses_midnight(tmp_path):
    s = strategy(planned(("late", "2026-12-03", "23:30"), ("early", "2026-12-05", "00:15")))
    result = fates(s, export(tmp_path, "12/04/2026 00:40", "12/04/2026 22:50"))
    assert result["matched"] == ["late", "early"]


def test_two_posts_near_one_time_are_ambiguous_not_guessed(tmp_path):
    s = strategy(planned(("a", "2026-12-03", "10:00"), ("b", "2026-12-03", "12:00")))
    result = fates(s, export(tmp_path, "12/03/2026 11:05"))
    assert result["matched"] == []
    assert result["ambiguous"] == [
        "posts in ig-main too close to 2026-12-03 11:05 to tell which (b at 12:00, a at 10:00): "
        "give the file the post's url"
    ]


def test_the_nearest_wins_when_the_other_is_at_least_half_an_hour_farther(tmp_path):
    s = strategy(planned(("a", "2026-12-03", "10:00"), ("b", "2026-12-03", "12:00")))
    assert fates(s, export(tmp_path, "12/03/2026 10:44"))["matched"] == ["a"]  # 44 min against 76
    assert fates(s, export(tmp_path, "12/03/2026 10:46"))["ambiguous"]  # 46 against 74: too close


def test_two_rows_for_one_post_the_nearer_wins_and_the_other_is_another_post(tmp_path):
    s = strategy(planned(("a", "2026-12-03", "10:00")))
    result = fates(s, export(tmp_path, "12/03/2026 11:30", "12/03/2026 10:05"))
    assert result["matched"] == ["a"]
    assert result["unmatched"] == ["the post nearest to its time, a, went to line 3 (nearer)"]
    merged = merge_results(s, export(tmp_path, "12/03/2026 11:30", "12/03/2026 10:05"))
    assert merged.strategy.posts[0].url == "https://www.instagram.com/p/P2/"  # the nearer row's permalink


def test_two_rows_without_permalinks_for_one_post_the_later_repeats_it(tmp_path):
    s = strategy(planned(("a", "2026-12-03", "10:00")))
    path = tmp_path / "s.csv"
    path.write_text(
        "Дата;Время;Канал;Охват\n03.12.2026;10:20;ig-main;100\n03.12.2026;10:20;ig-main;120\n", "utf-8"
    )
    assert fates(s, path)["repeated"] == ["post a already got results from line 2"]


def test_a_post_with_another_permalink_is_not_a_candidate(tmp_path):
    s = strategy(planned(("a", "2026-12-03", "10:00")))
    s.posts[0].url = "https://www.instagram.com/p/SOMETHING-ELSE/"
    assert fates(s, export(tmp_path, "12/03/2026 10:05"))["unmatched"] == [
        "no post in ig-main within 3 hours of 2026-12-03 10:05"
    ]


def test_several_channels_on_the_platform_are_told_apart_by_the_account(tmp_path):
    second = '[[channels]]\nid = "ig-city"\nplatform = "instagram"\nurl = "https://instagram.com/coffeelab.city/"\n'
    posts = planned(("a", "2026-12-03", "10:00")) + (
        '[[posts]]\nid = "c"\ndate = 2026-12-03\ntime = "10:00"\nchannel = "ig-city"\n'
    )
    s = strategy(posts, second)
    assert fates(s, export(tmp_path, "12/03/2026 10:05", account="coffeelab.city"))["matched"] == ["c"]
    assert fates(s, export(tmp_path, "12/03/2026 10:05", account="@coffeelab.example"))["matched"] == ["a"]
    assert fates(s, export(tmp_path, "12/03/2026 10:05", account="someone.else"))["unmatched"] == [
        "several channels are on Instagram (ig-main, ig-city) and 'someone.else' names none of them: pass --channel"
    ]
    assert fates(s, export(tmp_path, "12/03/2026 10:05", account="someone.else"), channel="ig-city")[
        "matched"
    ] == ["c"]


def test_an_unknown_channel_option_suggests_the_close_one(tmp_path):
    from planner.errors import PlannerError

    s = strategy(planned(("a", "2026-12-03", "10:00")))
    with pytest.raises(
        PlannerError, match=r"--channel: unknown channel 'ig-mian' \(did you mean 'ig-main'\?\)"
    ):
        merge_results(s, export(tmp_path, "12/03/2026 10:05"), channel="ig-mian")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.instagram.com/reel/DAbc/", "instagram.com/p/DAbc"),
        ("https://twitter.com/old_name/status/123", "https://x.com/new_name/status/123?s=20"),
        ("https://vk.com/wall-1_2?utm_source=tg", "http://m.vk.com/wall-1_2/"),
        (
            "https://www.facebook.com/permalink.php?story_fbid=1&id=2",
            "facebook.com/permalink.php?story_fbid=1&id=2",
        ),
    ],
)
def test_urls_of_one_post_are_one_key(a, b):
    assert url_key(a) == url_key(b)


def test_facebook_permalinks_that_differ_in_their_query_are_two_posts():
    one = url_key("https://www.facebook.com/permalink.php?story_fbid=1&id=2")
    assert one != url_key("https://www.facebook.com/permalink.php?story_fbid=3&id=2")
