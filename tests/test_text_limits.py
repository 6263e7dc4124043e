"""A post's text is checked against the limit of its format on its platform: a Telegram photo's caption
holds 1,024 characters, a Telegram text post 4,096 (issue 12: a 1,706-character caption passed)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from planner.catalog import platforms
from planner.cli import app
from planner.storage import parse

STRATEGY = """\
schema_version = 1

[strategy]
name = "Limits"
start = 2026-12-01
end = 2026-12-31

[[channels]]
id = "tg"
platform = "telegram"

[[channels]]
id = "tiktok"
platform = "tiktok"

[[channels]]
id = "x"
platform = "x"

[[posts]]
id = "p"
date = 2026-12-02
channel = "{channel}"
format = "{format}"
text = "{text}"
"""


def problems(channel: str, post_format: str, length: int) -> list[str]:
    loaded = parse(STRATEGY.format(channel=channel, format=post_format, text="я" * length), "limits.toml")
    return [str(p) for p in loaded.problems]


@pytest.mark.parametrize("post_format", ["photo", "carousel", "video", "document"])
def test_a_telegram_caption_is_checked_against_1024_characters(post_format: str) -> None:
    assert problems("tg", post_format, 1024) == []
    assert problems("tg", post_format, 1706) == [
        "limits.toml: posts[p].text: is 1,706 characters; Telegram allows 1,024 for "
        "a photo, album, video or file caption (4,096 for a text post)"
    ]


def test_a_telegram_text_post_still_holds_4096_characters() -> None:
    assert problems("tg", "text", 4096) == problems("tg", "", 1706) == []
    assert problems("tg", "text", 4097) == [
        "limits.toml: posts[p].text: is 4,097 characters; Telegram allows 4,096"
    ]


def test_a_telegram_poll_and_story_have_limits_of_their_own() -> None:
    assert "allows 300 for a poll's question" in problems("tg", "poll", 301)[0]
    assert problems("tg", "story", 2048) == []
    assert "allows 2,048 for a story's caption" in problems("tg", "story", 2049)[0]


def test_a_format_limit_may_be_longer_than_the_platform_s() -> None:
    assert problems("tiktok", "photo", 3000) == []  # a photo post's description holds 4,000
    assert "TikTok allows 2,200" in problems("tiktok", "video", 3000)[0]


def test_the_x_limit_says_whose_it_is() -> None:
    assert problems("x", "text", 281) == [
        "limits.toml: posts[p].text: is 281 characters; X (Twitter) allows 280 "
        "(standard accounts; X Premium posts hold up to 25,000)"
    ]


def test_every_format_limit_names_formats_of_its_platform_and_a_public_source() -> None:
    limits = [(p, limit) for p in platforms().values() for limit in p.format_limits]
    assert {p.id for p, _ in limits} >= {"telegram", "tiktok"}
    for platform, limit in limits:
        assert limit.source.startswith("https://"), platform.id
        assert set(limit.formats) <= set(platform.content_formats), (platform.id, limit.formats)
        assert limit.limit > 0 and limit.what and limit.what_ru, platform.id
    for platform in platforms().values():
        if platform.media_required:
            assert platform.media_source.startswith("https://"), platform.id


def test_validate_reports_a_caption_too_long_for_its_format(tmp_path) -> None:
    path = tmp_path / "limits.toml"
    path.write_text(STRATEGY.format(channel="tg", format="photo", text="a" * 1706), "utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "posts[p].text: is 1,706 characters; Telegram allows 1,024 for a photo" in result.output
