"""One declaration per field: what planner.fields derives from it, and that its two paths agree."""

from __future__ import annotations

import datetime as dt
from typing import Any

import rtoml
from hypothesis import given, settings
from hypothesis import strategies as st

from planner import fields, model
from planner.fields import RULES, build, field_info, fields_of, label, labels, section_of
from planner.model import Post, Strategy, pillar_shares_problem
from planner.storage import parse
from tests.conftest import FIXTURES


def every_class(cls: type = Strategy) -> list[type]:
    """The dataclasses of the format, the file itself first."""
    found = [cls]
    for info in fields_of(cls):
        if info.kind in ("table", "tables", "mapping") and info.inner not in found:
            found += [c for c in every_class(info.inner) if c not in found]
    return found


def test_every_field_is_explained_in_english_and_russian_and_labelled_in_both() -> None:
    assert len(every_class()) == 13
    for cls in every_class():
        for info in fields_of(cls):
            where = f"{cls.__name__}.{info.name}"
            assert info.doc and info.doc_ru, where
            assert info.doc != info.doc_ru, where
            for lang in ("en", "ru"):
                assert info.name in labels(lang)[section_of(cls)], (lang, where)


def test_the_two_label_files_have_the_same_keys_and_russian_is_russian() -> None:
    en, ru = labels("en"), labels("ru")
    assert {s: set(v) for s, v in en.items()} == {s: set(v) for s, v in ru.items()}
    translated = [(s, k) for s in en for k in en[s] if en[s][k] != ru[s][k]]
    same = [(s, k) for s in en for k in en[s] if en[s][k] == ru[s][k]]
    assert all(k == "id" for _, k in same), same  # only "Id" reads the same
    assert len(translated) > 100


def test_forms_keep_the_english_labels_they_showed() -> None:
    assert label(model.Channel, "posts_per_week") == "Posts a week"
    assert label(model.Channel, "ads_budget") == "Ads budget / month"
    assert label(model.Community, "response_time_hours") == "Reply within, hours"
    assert label(model.StrategyInfo, "timezone") == "Timezone"
    assert label(model.Goal, "why", "ru") == "Зачем это бизнесу"


def test_every_value_a_file_can_hold_is_bounded() -> None:
    for cls in every_class():
        for info in fields_of(cls):
            where = f"{cls.__name__}.{info.name}"
            kind = info.inner if info.kind == "list" else info.kind
            if kind in ("int", "number", "date"):
                assert info.maximum is not None, where
            if kind == "str":
                assert info.max_length is not None or info.enum is not None or info.item, where
            if info.kind in ("list", "tables"):
                assert info.max_items is not None, where
    assert field_info(Strategy, "posts").max_items == 50_000
    assert field_info(Post, "text").max_length == 70_000


def test_each_rule_is_one_test_and_one_message() -> None:
    # The slow path's messages and the fast path's code both come from RULES.
    assert RULES["time"].message.startswith("'{shown}' is not a time")
    checker = fields._check(field_info(model.Channel, "days"), field_info(model.Channel, "days").item_rules)
    assert checker("mon") is None and checker("thursday") == "day"


# --- the fast path and the slow path agree ---------------------------------------------------------

values = st.one_of(
    st.text(max_size=5),
    st.sampled_from(["10:00", "9:00", "vk-main", "X News", "published", "draft", "", "a" * 300]),
    st.integers(-5, 10),
    st.sampled_from([10**12, 10**12 + 1, 10**13]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from([dt.date(2026, 12, 2), dt.date(1999, 12, 31), dt.date(2101, 1, 1)]),
    st.lists(st.sampled_from(["https://x.example/a.jpg", "", 3]), max_size=3),
    st.just(dt.datetime(2026, 12, 2, 10, 0)),
)
result_rows = st.dictionaries(st.sampled_from([*model.RESULT_METRICS, "reahc"]), values, max_size=4)
post_rows = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["p-1", "P 1", ""]),
        "date": st.sampled_from([dt.date(2026, 12, 2), "2026-12-02"]),
    },
    optional={
        **{
            name: values for name in ("time", "channel", "pillar", "topic", "text", "status", "link", "media")
        },
        "results": st.one_of(result_rows, values),
        "chanel": values,
    },
)


@settings(max_examples=400, deadline=None)
@given(post_rows)
def test_the_quick_builder_takes_exactly_the_rows_build_finds_nothing_wrong_with(raw: dict[str, Any]) -> None:
    assert_paths_agree(Post, raw)


def rows_of(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    names = [f.name for f in fields_of(cls) if f.kind not in ("tables", "mapping")]
    return st.dictionaries(st.sampled_from(names), values, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_both_paths_agree_on_every_table_with_numbers(data: st.DataObject) -> None:
    for cls in (model.Pillar, model.Goal, model.Channel, model.Presence, model.Audience):
        assert_paths_agree(cls, data.draw(rows_of(cls)))


def assert_paths_agree(cls: type, raw: dict[str, Any]) -> None:
    fields._shapes(cls).clear()  # type: ignore[union-attr]  # past 64 shapes rows take `build` anyway
    problems: list[tuple[str, str]] = []
    slow = build(cls, raw, "row", lambda where, message: problems.append((where, message)))
    quick = fields._quick_builder(cls)
    assert quick is not None
    fast = quick(dict(raw))
    if problems:
        assert fast is None, problems
    else:
        assert fast == slow


def test_rows_of_more_shapes_than_the_builder_keeps_still_load() -> None:
    optional = {"time": "10:00", "format": "photo", "topic": "t", "text": "x", "link": "l", "owner": "o",
                "url": "u", "status": "draft"}  # fmt: skip
    lines = [
        "schema_version = 1",
        "[strategy]",
        'name = "Shapes"',
        "[[channels]]",
        'id = "vk"',
        'platform = "vk"',
    ]
    for n in range(2 ** len(optional)):  # 256 posts, each with its own set of keys
        lines += ["[[posts]]", f'id = "p-{n}"', "date = 2026-12-02", 'channel = "vk"']
        lines += [f'{name} = "{value}"' for i, (name, value) in enumerate(optional.items()) if n >> i & 1]
    loaded = parse("\n".join(lines) + "\n")
    assert loaded.problems == []
    assert loaded.strategy is not None and len(loaded.strategy.posts) == 256
    assert loaded.strategy.posts[255].status == "draft" and loaded.strategy.posts[255].url == "u"
    assert len(fields._shapes(Post) or {}) <= fields._MAX_SHAPES


# --- cross-table rules declared once ---------------------------------------------------------------


def test_who_refers_to_what_comes_from_the_declarations() -> None:
    def refs(table: str) -> list[tuple[str, str, str]]:
        return [(other, info.name, info.on_delete) for other, info in model.referrers(table)]

    assert refs("channels") == [
        ("goals", "channel", "empty"),
        ("campaigns", "channels", "remove"),
        ("posts", "channel", "delete"),
    ]
    assert refs("pillars") == [("channels", "pillars", "remove"), ("posts", "pillar", "empty")]
    assert refs("audience") == [("channels", "audience", "remove")]
    assert refs("goals") == [("campaigns", "goal", "empty")]
    assert refs("campaigns") == [("posts", "campaign", "empty")]


def test_the_pillar_shares_rule_is_one_function() -> None:
    assert pillar_shares_problem([]) is None
    assert pillar_shares_problem([model.Pillar(share=60), model.Pillar(share=40)]) is None
    assert (
        pillar_shares_problem([model.Pillar(share=60), model.Pillar(share=30)])
        == "shares add up to 90, not 100"
    )


def test_a_share_over_100_is_named_with_the_sum() -> None:
    text = (FIXTURES / "valid-minimal.toml").read_text().replace("share = 60", "share = 160")
    problems = [(p.where, p.message) for p in parse(text).problems]
    assert problems == [
        ("pillars[education].share", "must be at most 100, got 160"),
        ("pillars", "shares add up to 40, not 100"),
    ]


def test_too_many_posts_are_refused_before_any_is_built() -> None:
    raw = rtoml.load(FIXTURES / "valid-minimal.toml")
    raw["posts"] = [{}] * 50_001
    problems: list[tuple[str, str]] = []
    s = build(Strategy, raw, "", lambda where, message: problems.append((where, message)))
    assert problems == [("posts", "lists 50,001 items; at most 50,000 are allowed")]
    assert s.posts == []


def test_a_huge_value_is_never_echoed_whole() -> None:
    text = (
        (FIXTURES / "valid-minimal.toml")
        .read_text()
        .replace('language = "en"', f'language = "{"x" * 100_000}"')
    )
    (problem,) = parse(text).problems
    assert problem.where == "strategy.language"
    assert len(problem.message) < 120 and problem.message.startswith("'xxxxxxxx")


def test_the_channel_format_is_checked_against_its_platform_from_the_declaration() -> None:
    info = field_info(model.Channel, "format")
    assert info.choices_from == "platform" and info.blank == "the platform's default"
    text = (FIXTURES / "valid-minimal.toml").read_text().replace('format = "group"', 'format = "channel"')
    assert [(p.where, p.message) for p in parse(text).problems] == [
        ("channels[vk-main].format", "VK has no 'channel' format; it allows group, page, account")
    ]


def test_field_types_are_what_get_type_hints_says() -> None:
    """fields_of evaluates each annotation text once (planner.fields._field_types)."""
    import dataclasses
    import typing

    classes = [v for v in vars(model).values() if isinstance(v, type) and dataclasses.is_dataclass(v)]
    assert len(classes) >= 13
    for cls in classes:
        assert fields._field_types(cls) == typing.get_type_hints(cls), cls
