"""Planning rules, one by one: small strategies built in code, planned, and read as a marketer would."""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter

import pytest

from planner.errors import PlannerError
from planner.model import Campaign, Channel, Pillar, Post, Results, Strategy, StrategyInfo
from planner.planning import TopicShortage, largest_remainder, plan_strategy, spread_days

D = dt.date
FIRST_MONDAY = D(2026, 12, 7)
SECOND_SUNDAY = D(2026, 12, 20)  # two full ISO weeks


def make(
    *channels: Channel,
    pillars: list[Pillar] | None = None,
    posts: list[Post] | None = None,
    campaigns: list[Campaign] | None = None,
    start: dt.date | None = FIRST_MONDAY,
    end: dt.date = SECOND_SUNDAY,
    country: str = "",
) -> Strategy:
    return Strategy(
        strategy=StrategyInfo(name="Test", start=start, end=end, country=country),
        channels=list(channels),
        pillars=pillars or [],
        posts=posts or [],
        campaigns=campaigns or [],
    )


def vk(**kw: object) -> Channel:
    values: dict = {"id": "vk", "platform": "vk", "posts_per_week": 3, "days": ["mon", "wed", "fri"]}
    values["times"] = ["10:00"]
    values.update(kw)
    return Channel(**values)


def when(posts: list[Post]) -> list[tuple[str, str]]:
    return [(f"{p.date:%a %d}", p.time) for p in posts]


def of(strategy: Strategy, channel: str) -> list[Post]:
    return [p for p in strategy.posts if p.channel == channel]


# --- slots -----------------------------------------------------------------------------------


def test_slots_are_the_channels_days_and_times_up_to_the_cadence():
    plan = plan_strategy(make(vk())).strategy
    assert when(plan.posts) == [
        ("Mon 07", "10:00"),
        ("Wed 09", "10:00"),
        ("Fri 11", "10:00"),
        ("Mon 14", "10:00"),
        ("Wed 16", "10:00"),
        ("Fri 18", "10:00"),
    ]
    assert all(p.status == "planned" and not p.text for p in plan.posts)


def test_a_cadence_below_the_days_takes_the_earliest_days_of_each_week():
    plan = plan_strategy(make(vk(posts_per_week=2, days=["mon", "tue", "wed", "thu", "fri"]))).strategy
    assert when(plan.posts) == [
        ("Mon 07", "10:00"),
        ("Tue 08", "10:00"),
        ("Mon 14", "10:00"),
        ("Tue 15", "10:00"),
    ]


def test_one_post_a_day_before_a_second_time_on_any_day():
    channel = vk(posts_per_week=3, days=["mon", "tue"], times=["18:00", "09:00"])
    plan = plan_strategy(make(channel, end=D(2026, 12, 13))).strategy
    # Tuesday starts at the next time in turn, so both times are in use from the first week.
    assert when(plan.posts) == [("Mon 07", "09:00"), ("Mon 07", "18:00"), ("Tue 08", "18:00")]


def test_every_listed_time_is_used_the_days_and_weeks_take_them_in_turn():
    channel = vk(times=["12:00", "08:30"])  # three posts a week on Mon, Wed, Fri
    plan = plan_strategy(make(channel)).strategy
    assert when(plan.posts) == [
        ("Mon 07", "08:30"),
        ("Wed 09", "12:00"),
        ("Fri 11", "08:30"),
        ("Mon 14", "12:00"),
        ("Wed 16", "08:30"),
        ("Fri 18", "12:00"),
    ]


def test_a_weekly_post_alternates_its_times_week_by_week():
    plan = plan_strategy(make(vk(posts_per_week=1, times=["08:00", "19:00"]), end=D(2027, 1, 3))).strategy
    assert when(plan.posts) == [
        ("Mon 07", "08:00"),
        ("Mon 14", "19:00"),
        ("Mon 21", "08:00"),
        ("Mon 28", "19:00"),
    ]


def test_the_times_turn_counts_from_the_periods_first_week_so_a_range_continues_it():
    channel = vk(times=["08:30", "12:00"])
    whole = plan_strategy(make(channel)).strategy
    second_week = plan_strategy(make(channel, posts=whole.posts), start=D(2026, 12, 14))
    assert not second_week.changed


@pytest.mark.parametrize(
    ("cadence", "days"),
    [(1, ["Mon"]), (2, ["Mon", "Thu"]), (3, ["Mon", "Wed", "Fri"]), (5, ["Mon", "Tue", "Wed", "Fri", "Sat"])],
)
def test_a_channel_without_days_spreads_its_cadence_over_the_week(cadence, days):
    plan = plan_strategy(make(vk(posts_per_week=cadence, days=[]), end=D(2026, 12, 13))).strategy
    assert [f"{p.date:%a}" for p in plan.posts] == days
    assert spread_days(7) == [0, 1, 2, 3, 4, 5, 6]


def test_a_channel_without_times_publishes_at_ten():
    plan = plan_strategy(make(vk(times=[]))).strategy
    assert {p.time for p in plan.posts} == {"10:00"}


def test_a_partial_week_gets_the_slots_inside_the_period_up_to_the_cadence():
    every_day = vk(days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    plan = plan_strategy(make(every_day, start=D(2026, 12, 10), end=D(2026, 12, 15))).strategy
    # Thu 10 – Sun 13 is the rest of an ISO week: three posts; Mon 14 – Tue 15 starts the next.
    assert when(plan.posts) == [
        ("Thu 10", "10:00"),
        ("Fri 11", "10:00"),
        ("Sat 12", "10:00"),
        ("Mon 14", "10:00"),
        ("Tue 15", "10:00"),
    ]


def test_a_channel_with_no_cadence_gets_no_posts():
    plan = plan_strategy(make(vk(posts_per_week=0), vk(id="tg", platform="telegram"))).strategy
    assert {p.channel for p in plan.posts} == {"tg"}


# --- people's posts --------------------------------------------------------------------------


def draft(day: dt.date, time: str = "10:00", channel: str = "vk", **kw: object) -> Post:
    values: dict = {"id": f"mine-{day.isoformat()}-{time.replace(':', '')}", "date": day, "time": time}
    values.update(channel=channel, status="draft")
    values.update(kw)
    return Post(**values)


def test_a_persons_post_on_a_slot_takes_it_and_counts_toward_the_week():
    mine = draft(D(2026, 12, 9), topic="Our new roaster")
    plan = plan_strategy(make(vk(), posts=[mine])).strategy
    week = [p for p in plan.posts if p.date <= D(2026, 12, 13)]
    assert when(week) == [("Mon 07", "10:00"), ("Wed 09", "10:00"), ("Fri 11", "10:00")]
    assert week[1] is mine


def test_a_persons_post_off_the_slots_still_uses_up_cadence():
    mine = draft(D(2026, 12, 8), "15:00")  # a Tuesday: not a publishing day
    plan = plan_strategy(make(vk(), posts=[mine])).strategy
    week = [p for p in plan.posts if p.date <= D(2026, 12, 13)]
    assert when(week) == [("Mon 07", "10:00"), ("Tue 08", "15:00"), ("Wed 09", "10:00")]


def test_a_day_with_a_persons_post_waits_until_every_day_has_one():
    channel = vk(posts_per_week=2, days=["mon", "tue"], times=["09:00", "18:00"])
    mine = draft(D(2026, 12, 7), "18:00")
    plan = plan_strategy(make(channel, posts=[mine], end=D(2026, 12, 13))).strategy
    assert when(plan.posts) == [("Mon 07", "18:00"), ("Tue 08", "18:00")]  # Tuesday's turn: 18:00


@pytest.mark.parametrize(
    "touched",
    [
        {"status": "published"},
        {"status": "skipped"},
        {"text": "Written by a person"},
        {"results": Results(reach=120, likes=4)},
    ],
)
def test_posts_a_person_touched_are_never_changed_or_removed(touched):
    mine = Post(id="kept", date=D(2026, 12, 9), time="10:00", channel="vk", pillar="", **touched)
    before = copy.deepcopy(mine)
    plan = plan_strategy(make(vk(), posts=[mine], pillars=[Pillar(id="tips", name="Tips", share=100)]))
    kept = [p for p in plan.strategy.posts if p.id == "kept"]
    assert kept == [before]
    assert mine not in plan.removed


def test_a_persons_post_on_a_channel_that_no_longer_exists_is_kept():
    orphan = draft(D(2026, 12, 9), channel="old-channel")
    plan = plan_strategy(make(vk(), posts=[orphan])).strategy
    assert orphan in plan.posts


def test_the_planners_posts_are_replaced_when_the_channel_changes():
    first = plan_strategy(make(vk())).strategy
    moved = make(vk(days=["tue", "thu", "sat"]), posts=first.posts)
    change = plan_strategy(moved)
    assert {f"{p.date:%a}" for p in change.strategy.posts} == {"Tue", "Thu", "Sat"}
    assert len(change.removed) == 6 and len(change.added) == 6


# --- pillars ---------------------------------------------------------------------------------

PILLARS = [
    Pillar(id="tips", name="Tips", share=50, formats=["carousel", "video"], topics=["T1", "T2", "T3"]),
    Pillar(id="people", name="People", share=30, formats=["photo"], topics=["P1", "P2"]),
    Pillar(id="offers", name="Offers", share=20, formats=[], topics=[]),
]


def test_pillars_follow_the_shares_by_largest_remainder_at_the_end_of_every_week():
    channel = vk(posts_per_week=7, days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    plan = plan_strategy(make(channel, pillars=PILLARS, end=D(2027, 1, 31))).strategy
    seen: Counter[str] = Counter()
    for i, post in enumerate(plan.posts, start=1):
        seen[post.pillar] += 1
        if post.date.weekday() == 6:  # end of the ISO week
            assert [seen["tips"], seen["people"], seen["offers"]] == largest_remainder(i, [50, 30, 20])


def test_pillars_are_spread_out_rather_than_clumped():
    halves = [Pillar(id="a", name="A", share=50), Pillar(id="b", name="B", share=50)]
    plan = plan_strategy(make(vk(), pillars=halves)).strategy
    assert [p.pillar for p in plan.posts] == ["a", "b", "a", "b", "a", "b"]
    mix = [Pillar(id="a", name="A", share=60), Pillar(id="b", name="B", share=40)]
    five = vk(posts_per_week=5, days=["mon", "tue", "wed", "thu", "fri"])
    plan = plan_strategy(make(five, pillars=mix, end=D(2026, 12, 13))).strategy
    assert [p.pillar for p in plan.posts] == ["a", "b", "a", "b", "a"]


def test_a_channels_pillar_list_restricts_its_mix_and_renormalises_the_shares():
    channel = vk(posts_per_week=5, days=["mon", "tue", "wed", "thu", "fri"], pillars=["people", "offers"])
    change = plan_strategy(make(channel, pillars=PILLARS, end=D(2026, 12, 13)))
    assert Counter(p.pillar for p in change.strategy.posts) == {"people": 3, "offers": 2}  # 30:20 of five
    assert [n.text("en") for n in change.mix_notes] == [
        "mix: tips gets none of its 50%: no channel may carry it",
        "mix: people gets 60% of the posts (3 of 5), not 30%: vk may carry only people, offers",
        "mix: offers gets 40% of the posts (2 of 5), not 20%: vk may carry only people, offers",
    ]


FIVE_DAYS = {"posts_per_week": 5, "days": ["mon", "tue", "wed", "thu", "fri"]}
HALVES = [Pillar(id="tips", name="Tips", share=50), Pillar(id="offers", name="Offers", share=50)]


def test_the_shares_are_planned_across_the_strategy_so_the_open_channels_make_up_for_a_restricted_one():
    only_tips = vk(id="tg", platform="telegram", pillars=["tips"], **FIVE_DAYS)
    change = plan_strategy(make(only_tips, vk(**FIVE_DAYS), pillars=HALVES))
    # Renormalised per channel, tips would have 75 % of the posts; planned together, 50 %.
    assert Counter(p.pillar for p in change.strategy.posts) == {"tips": 10, "offers": 10}
    assert change.mix == {"tg": {"tips": 1.0}, "vk": {"tips": 0.0, "offers": 1.0}}
    assert change.mix_notes == []


def test_channels_that_may_carry_a_pillar_carry_more_of_it_each_in_proportion():
    pillars = [
        Pillar(id="tips", name="Tips", share=40),
        Pillar(id="stories", name="Stories", share=40),
        Pillar(id="offers", name="Offers", share=20),
    ]
    no_stories = vk(id="tg", platform="telegram", pillars=["tips", "offers"], **FIVE_DAYS)
    change = plan_strategy(make(no_stories, vk(**FIVE_DAYS), pillars=pillars, end=D(2027, 1, 31)))
    counts = Counter(p.pillar for p in change.strategy.posts)
    assert counts == {"tips": 32, "stories": 32, "offers": 16}  # 40 : 40 : 20 of 80
    assert change.mix["vk"]["stories"] == pytest.approx(0.8)
    assert change.mix["tg"]["tips"] == pytest.approx(2 / 3) and change.mix["tg"]["offers"] == pytest.approx(
        1 / 3
    )


def test_plan_says_which_channel_list_keeps_a_pillar_off_its_share():
    pillars = [Pillar(id="tips", name="Tips", share=20), Pillar(id="stories", name="Stories", share=80)]
    only_tips = vk(id="tg", platform="telegram", pillars=["tips"], **FIVE_DAYS)
    change = plan_strategy(make(only_tips, vk(posts_per_week=1, days=["mon"]), pillars=pillars))
    assert [n.text("en") for n in change.mix_notes] == [
        "mix: tips gets 83.3% of the posts (10 of 12), not 20%: tg may carry only tips",
        "mix: stories gets 16.7% of the posts (2 of 12), not 80%: only vk may carry it",
    ]
    assert change.mix_notes[1].text("ru") == (
        "доли рубрик: stories получает 16,7 % постов (2 из 12), а не 80 %: её можно публиковать только в vk"
    )
    assert change.mix_notes[1].text("en") in change.summary_lines()


def test_people_posts_with_a_pillar_count_toward_the_mix():
    halves = [Pillar(id="a", name="A", share=50), Pillar(id="b", name="B", share=50)]
    mine = draft(D(2026, 12, 7), pillar="a")
    plan = plan_strategy(make(vk(posts_per_week=2, days=["mon", "wed"]), pillars=halves, posts=[mine]))
    assert [p.pillar for p in plan.strategy.posts] == ["a", "b", "a", "b"]


def test_no_pillars_leave_pillar_format_and_topic_empty_for_a_person():
    plan = plan_strategy(make(vk())).strategy
    assert {(p.pillar, p.format, p.topic) for p in plan.posts} == {("", "", "")}


def test_pillars_with_no_shares_share_evenly():
    even = [Pillar(id="a", name="A"), Pillar(id="b", name="B")]
    plan = plan_strategy(make(vk(), pillars=even)).strategy
    assert Counter(p.pillar for p in plan.posts) == {"a": 3, "b": 3}


def test_largest_remainder_gives_the_leftover_posts_to_the_largest_fractions_first():
    assert largest_remainder(10, [50, 30, 20]) == [5, 3, 2]
    assert largest_remainder(3, [50, 30, 20]) == [1, 1, 1]  # 1.5, 0.9, 0.6: the fractions decide
    assert largest_remainder(1, [50, 50]) == [1, 0]  # a tie goes to the first pillar
    assert largest_remainder(4, [0, 0]) == [0, 0]


# --- formats and topics ----------------------------------------------------------------------


def test_formats_rotate_within_the_pillar_on_each_channel():
    tips = [Pillar(id="tips", name="Tips", share=100, formats=["carousel", "video", "photo"])]
    plan = plan_strategy(make(vk(), vk(id="tg", platform="telegram"), pillars=tips)).strategy
    for channel in ("vk", "tg"):
        assert [p.format for p in of(plan, channel)] == ["carousel", "video", "photo"] * 2


def test_formats_the_platform_does_not_publish_are_skipped():
    tips = [Pillar(id="tips", name="Tips", share=100, formats=["reel", "carousel", "article"])]
    plan = plan_strategy(
        make(vk(id="tg", platform="telegram"), vk(id="ig", platform="instagram"), pillars=tips)
    )
    assert {p.format for p in of(plan.strategy, "tg")} == {"carousel"}  # Telegram has no reels or articles
    assert [p.format for p in of(plan.strategy, "ig")][:2] == ["reel", "carousel"]


def test_a_pillar_whose_formats_all_miss_the_platform_keeps_its_own_list():
    tips = [Pillar(id="tips", name="Tips", share=100, formats=["reel"])]
    plan = plan_strategy(make(vk(id="tg", platform="telegram"), pillars=tips)).strategy
    assert {p.format for p in plan.posts} == {"reel"}


def test_a_format_the_channels_role_names_takes_two_posts_of_three():
    tips = [Pillar(id="tips", name="Tips", share=100, formats=["carousel", "article", "text", "video"])]
    long_reads = vk(id="dzen", platform="dzen", role="long articles that bring new readers")
    plan = plan_strategy(make(long_reads, pillars=tips, end=D(2026, 12, 27))).strategy
    assert [p.format for p in plan.posts] == [
        *("article", "article", "carousel"),
        *("article", "article", "text"),
        *("article", "article", "video"),
    ]


def test_a_role_in_russian_names_formats_too():
    tips = [Pillar(id="tips", name="Tips", share=100, formats=["photo", "clip", "video"])]
    channel = vk(role="короткие видео и клипы о мастерской")
    plan = plan_strategy(make(channel, pillars=tips, end=D(2026, 12, 27))).strategy
    assert [p.format for p in plan.posts] == ["clip", "video", "photo"] * 3


def test_a_role_that_names_no_format_leaves_the_rotation_as_it_is():
    tips = [Pillar(id="tips", name="Tips", share=100, formats=["carousel", "video", "photo"])]
    plan = plan_strategy(make(vk(role="community hub: reviews, questions, orders"), pillars=tips)).strategy
    assert [p.format for p in plan.posts] == ["carousel", "video", "photo"] * 2


def test_formats_continue_after_the_format_a_person_used():
    tips = [Pillar(id="tips", name="Tips", share=100, formats=["carousel", "video", "photo"])]
    mine = draft(D(2026, 12, 7), pillar="tips", format="video")
    plan = plan_strategy(make(vk(), pillars=tips, posts=[mine])).strategy
    assert [p.format for p in plan.posts] == ["video", "photo", "carousel", "video", "photo", "carousel"]


def test_topics_come_from_the_bank_in_order_and_wait_four_weeks_to_come_back_on_a_channel():
    tips = [Pillar(id="tips", name="Tips", share=100, topics=["V60", "Grind", "Ratio", "Milk"])]
    change = plan_strategy(make(vk(), pillars=tips, end=D(2027, 1, 10)))
    topics = [(f"{p.date:%d.%m}", p.topic) for p in change.strategy.posts]
    assert topics == [
        ("07.12", "V60"),
        ("09.12", "Grind"),
        ("11.12", "Ratio"),
        ("14.12", "Milk"),
        *[(day, "") for day in ("16.12", "18.12", "21.12", "23.12", "25.12", "28.12", "30.12", "01.01")],
        ("04.01", "V60"),  # four weeks after its first use, on the same weekday
        ("06.01", "Grind"),
        ("08.01", "Ratio"),
    ]
    # Twelve posts in any four weeks need twelve topics: the bank has four.
    assert change.summary_lines()[-1] == "tips: 8 more topics would fill every post (8 posts have none)"


def test_a_topic_waits_a_week_before_it_appears_on_another_channel():
    tips = [Pillar(id="tips", name="Tips", share=100, topics=["V60", "Grind"])]
    tg = vk(id="tg", platform="telegram", days=["tue", "thu", "sat"])
    plan = plan_strategy(make(vk(), tg, pillars=tips)).strategy
    assert [(p.channel, f"{p.date:%a %d}", p.topic) for p in plan.posts if p.topic] == [
        ("vk", "Mon 07", "V60"),
        ("tg", "Tue 08", "Grind"),
        ("tg", "Tue 15", "V60"),  # eight days after vk's V60
        ("vk", "Wed 16", "Grind"),
    ]


def test_topics_a_person_used_wait_their_four_weeks_around_the_persons_post():
    tips = [Pillar(id="tips", name="Tips", share=100, topics=["V60", "Grind", "Ratio", "Milk"])]
    mine = draft(D(2026, 12, 18), pillar="tips", topic="Grind")  # later in the plan: still counts
    plan = plan_strategy(make(vk(), pillars=tips, posts=[mine])).strategy
    assert [p.topic for p in plan.posts] == ["V60", "Ratio", "Milk", "", "", "Grind"]


def test_topics_are_shared_by_every_channel_of_the_pillar_in_date_order():
    tips = [Pillar(id="tips", name="Tips", share=100, topics=["A", "B", "C", "D", "E", "F", "G"])]
    tg = vk(id="tg", platform="telegram", times=["18:00"])
    plan = plan_strategy(make(vk(), tg, pillars=tips, end=D(2026, 12, 13))).strategy
    assert [(p.channel, p.topic) for p in plan.posts] == [
        ("vk", "A"),
        ("tg", "B"),
        ("vk", "C"),
        ("tg", "D"),
        ("vk", "E"),
        ("tg", "F"),
    ]


def test_a_pillar_without_topics_leaves_honest_empty_topics_and_says_how_many_it_needs():
    change = plan_strategy(make(vk(), pillars=[Pillar(id="offers", name="Offers", share=100)]))
    assert {(p.pillar, p.topic) for p in change.strategy.posts} == {("offers", "")}
    assert change.topics == [TopicShortage("offers", empty=6, needed=6)]
    assert "offers: 6 more topics would fill every post (6 posts have none)" in change.summary_lines()


# --- campaigns -------------------------------------------------------------------------------


def giveaway(start: dt.date, end: dt.date, channels: tuple[str, ...] = ("vk",)) -> Campaign:
    return Campaign(
        id="giveaway", name="Giveaway", kind="giveaway", start=start, end=end, channels=list(channels)
    )


def campaign_posts(plan: Strategy, channel: str = "vk") -> list[tuple[str, str]]:
    return [(f"{p.date:%a %d}", p.topic) for p in of(plan, channel) if p.campaign]


def test_a_campaign_gets_the_sequence_of_its_kind_on_its_first_and_last_day_and_between():
    change = plan_strategy(make(vk(), vk(id="tg"), campaigns=[giveaway(D(2026, 12, 9), D(2026, 12, 16))]))
    assert campaign_posts(change.strategy) == [
        ("Wed 09", "Giveaway: announcement"),
        ("Mon 14", "Giveaway: last call"),  # the latest post of the three days before the winner
        ("Wed 16", "Giveaway: winner"),
    ]
    assert campaign_posts(change.strategy, "tg") == []  # not one of the campaign's channels
    assert change.notes == []
    assert "campaign posts: giveaway 3" in change.summary_lines()


def test_a_contest_reminds_about_every_four_days_and_keeps_clear_of_the_last_call():
    contest = Campaign(
        id="spring",
        name="Конкурс «Весна без боли»",
        kind="contest",
        start=D(2026, 12, 7),
        end=D(2026, 12, 20),
    )
    contest.channels = ["vk"]
    every_day = vk(posts_per_week=5, days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    strategy = make(every_day, campaigns=[contest])
    strategy.strategy.language = "ru"
    assert campaign_posts(plan_strategy(strategy).strategy) == [
        ("Mon 07", "Конкурс «Весна без боли»: анонс"),
        ("Fri 11", "Конкурс «Весна без боли»: напоминание"),
        ("Tue 15", "Конкурс «Весна без боли»: напоминание"),
        ("Thu 17", "Конкурс «Весна без боли»: последний шанс"),
        ("Sun 20", "Конкурс «Весна без боли»: итоги"),  # added on Sunday in place of Friday's post
    ]


def test_an_event_builds_to_its_day_and_ends_with_the_replay():
    webinar = Campaign(
        id="webinar",
        name="Webinar: the 5-day close",
        kind="event",
        start=D(2026, 12, 7),
        end=D(2026, 12, 18),
        channels=["vk"],
    )
    plan = plan_strategy(make(vk(), campaigns=[webinar])).strategy
    assert campaign_posts(plan) == [
        ("Mon 07", "Webinar: the 5-day close — announcement"),  # the name has a colon: a dash
        ("Fri 11", "Webinar: the 5-day close — reminder"),
        ("Wed 16", "Webinar: the 5-day close — today"),
        ("Fri 18", "Webinar: the 5-day close — the replay"),
    ]


def test_a_launch_teases_launches_in_the_middle_and_follows_up():
    launch = Campaign(
        id="kit",
        name="Brewing kit",
        kind="launch",
        start=D(2026, 12, 7),
        end=D(2026, 12, 20),
        channels=["vk"],
    )
    every_day = vk(posts_per_week=7, days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    plan = plan_strategy(make(every_day, campaigns=[launch])).strategy
    assert campaign_posts(plan) == [
        ("Mon 07", "Brewing kit: teaser"),
        ("Fri 11", "Brewing kit: teaser"),
        ("Sun 13", "Brewing kit: launch"),  # the post nearest the middle of the two weeks
        ("Thu 17", "Brewing kit: follow-up"),
        ("Sun 20", "Brewing kit: follow-up"),
    ]


def test_a_paid_campaign_has_its_offer_a_weekly_reminder_and_its_last_days():
    paid = Campaign(
        id="ads", name="New year offer", kind="paid", start=D(2026, 12, 7), end=D(2027, 1, 1), channels=["vk"]
    )
    plan = plan_strategy(make(vk(), campaigns=[paid], end=D(2027, 1, 3))).strategy
    assert campaign_posts(plan) == [
        ("Mon 07", "New year offer: the offer"),
        ("Mon 14", "New year offer: reminder"),
        ("Mon 21", "New year offer: reminder"),
        ("Mon 28", "New year offer: reminder"),
        ("Fri 01", "New year offer: last days"),
    ]


def test_campaign_posts_count_toward_the_cadence_and_take_the_weeks_pillar_of_their_stage():
    pillars = [
        Pillar(id="tips", name="Tips", share=50, stage="adhesion", topics=["T1", "T2", "T3"]),
        Pillar(id="offers", name="Offers", share=50, stage="transmission", topics=["O1", "O2", "O3"]),
    ]
    plan = plan_strategy(
        make(vk(), pillars=pillars, campaigns=[giveaway(D(2026, 12, 9), D(2026, 12, 16))])
    ).strategy
    assert len(plan.posts) == 6
    assert [(f"{p.date:%a %d}", p.pillar, p.topic) for p in plan.posts] == [
        ("Mon 07", "tips", "T1"),
        ("Wed 09", "offers", "Giveaway: announcement"),  # a giveaway is passed on: transmission
        ("Fri 11", "tips", "T2"),
        ("Mon 14", "offers", "Giveaway: last call"),
        ("Wed 16", "offers", "Giveaway: winner"),
        ("Fri 18", "tips", "T3"),  # the week's two offers posts are the campaign's: the mix holds
    ]


def test_a_campaign_post_is_never_a_poll():
    families = [Pillar(id="families", name="Families", share=100, formats=["poll", "photo"])]
    plan = plan_strategy(
        make(vk(), pillars=families, campaigns=[giveaway(D(2026, 12, 7), D(2026, 12, 18))])
    ).strategy
    assert [(p.format, p.campaign) for p in plan.posts] == [
        ("photo", "giveaway"),  # the rotation's poll is skipped for the announcement
        ("poll", ""),
        ("photo", "giveaway"),
        ("poll", ""),
        ("photo", "giveaway"),
        ("photo", "giveaway"),
    ]


def test_a_campaign_day_without_a_slot_gets_a_post_in_place_of_the_weeks_last():
    change = plan_strategy(
        make(vk(times=["10:00", "19:00"]), campaigns=[giveaway(D(2026, 12, 8), D(2026, 12, 9))])
    )
    week = [p for p in change.strategy.posts if p.date <= D(2026, 12, 13)]
    assert [(f"{p.date:%a}", p.time, p.topic) for p in week] == [
        ("Mon", "10:00", ""),
        ("Tue", "19:00", "Giveaway: announcement"),
        ("Wed", "19:00", "Giveaway: winner"),
    ]
    assert [n.text("en") for n in change.notes] == [
        "vk: campaign giveaway needs a post on Tue 2026-12-08; "
        "added at 19:00 in place of Fri 2026-12-11 10:00"
    ]


def test_a_persons_campaign_post_on_the_day_is_enough():
    mine = draft(D(2026, 12, 8), campaign="giveaway")
    plan = plan_strategy(
        make(vk(), posts=[mine], campaigns=[giveaway(D(2026, 12, 8), D(2026, 12, 8))])
    ).strategy
    assert [p for p in plan.posts if p.campaign] == [mine]


def test_a_persons_campaign_post_takes_its_place_in_the_sequence():
    mine = draft(D(2026, 12, 9), campaign="giveaway", topic="Twelve days: how to enter")
    plan = plan_strategy(make(vk(), posts=[mine], campaigns=[giveaway(D(2026, 12, 9), D(2026, 12, 16))]))
    assert campaign_posts(plan.strategy) == [
        ("Wed 09", "Twelve days: how to enter"),
        ("Mon 14", "Giveaway: last call"),
        ("Wed 16", "Giveaway: winner"),
    ]


def test_a_campaign_on_a_channel_with_no_room_goes_beyond_the_cadence_and_says_so():
    change = plan_strategy(make(vk(posts_per_week=0), campaigns=[giveaway(D(2026, 12, 10), D(2026, 12, 10))]))
    assert [(p.date, p.time, p.campaign, p.topic) for p in change.strategy.posts] == [
        (D(2026, 12, 10), "10:00", "giveaway", "Giveaway: announcement")
    ]
    assert [n.text("en") for n in change.notes] == [
        "vk: campaign giveaway needs a post on Thu 2026-12-10; added at 10:00, beyond 0 posts that week"
    ]
    assert change.notes[0].text("ru") == (
        "vk: кампании giveaway нужен пост Чт 2026-12-10; добавлен в 10:00 сверх 0 постов на этой неделе"
    )


def test_a_campaign_running_through_the_period_has_reminders_but_no_first_or_last_day_posts():
    plan = plan_strategy(make(vk(), campaigns=[giveaway(D(2026, 11, 1), D(2027, 1, 31))])).strategy
    assert campaign_posts(plan) == [
        ("Mon 07", "Giveaway: reminder"),
        ("Fri 11", "Giveaway: reminder"),
        ("Wed 16", "Giveaway: reminder"),
    ]


# --- ids, order, determinism -----------------------------------------------------------------


def test_ids_are_date_channel_and_sequence():
    plan = plan_strategy(make(vk(posts_per_week=2, days=["mon"], times=["10:00", "19:00"]))).strategy
    assert [p.id for p in plan.posts] == [
        "2026-12-07-vk-1",
        "2026-12-07-vk-2",
        "2026-12-14-vk-1",
        "2026-12-14-vk-2",
    ]


def test_new_ids_never_take_an_id_a_person_holds():
    mine = draft(D(2026, 12, 7), "19:00", id="2026-12-07-vk-1")
    plan = plan_strategy(
        make(vk(days=["mon"], posts_per_week=2, times=["10:00", "19:00"]), posts=[mine])
    ).strategy
    assert [(p.id, p.time) for p in plan.posts if p.date == D(2026, 12, 7)] == [
        ("2026-12-07-vk-2", "10:00"),
        ("2026-12-07-vk-1", "19:00"),
    ]


def test_a_replanned_post_keeps_its_id_when_a_person_drafts_its_neighbour():
    channel = vk(days=["mon"], posts_per_week=2, times=["10:00", "19:00"])
    first = plan_strategy(make(channel)).strategy
    first.posts[0].status = "draft"  # a person took the Monday 10:00 post: the 19:00 one stays -2
    again = plan_strategy(make(channel, posts=first.posts)).strategy
    assert [p.id for p in again.posts] == [p.id for p in first.posts]


def test_posts_are_ordered_by_date_time_channel_then_id():
    tg = vk(id="tg", platform="telegram")
    mine = [draft(D(2026, 12, 7), "08:00", channel="tg", id=i) for i in ("b", "a")]
    plan = plan_strategy(make(tg, vk(), posts=mine)).strategy
    assert [(p.date.day, p.time, p.id) for p in plan.posts[:5]] == [
        (7, "08:00", "a"),
        (7, "08:00", "b"),
        (7, "10:00", "2026-12-07-vk-1"),
        (9, "10:00", "2026-12-09-tg-1"),  # tg comes first in the strategy's channels
        (9, "10:00", "2026-12-09-vk-1"),
    ]


def test_planning_twice_changes_nothing_and_the_same_input_gives_the_same_plan():
    s = make(vk(), vk(id="tg", days=[]), pillars=PILLARS, posts=[draft(D(2026, 12, 9), pillar="tips")])
    first = plan_strategy(s)
    assert first.changed
    assert plan_strategy(s).strategy == first.strategy
    second = plan_strategy(first.strategy)
    assert not second.changed
    assert second.strategy.posts == first.strategy.posts
    assert second.summary_lines() == [
        "the content plan is up to date: 12 posts from 2026-12-07 – 2026-12-20, nothing to change",
        # what still needs a person is said every time
        "tips: 2 more topics would fill every post (1 post has none)",
        "offers: 2 more topics would fill every post (2 posts have none)",
    ]


def test_the_input_is_not_changed():
    s = make(
        vk(),
        pillars=PILLARS,
        posts=[draft(D(2026, 12, 9))],
        campaigns=[giveaway(D(2026, 12, 8), D(2026, 12, 8))],
    )
    before = copy.deepcopy(s)
    plan_strategy(s)
    assert s == before


# --- part of the period ----------------------------------------------------------------------


def test_from_and_to_change_nothing_outside_the_range():
    first = plan_strategy(make(vk(), pillars=PILLARS, end=D(2027, 1, 10))).strategy
    moved = make(vk(days=["tue", "thu", "sat"]), pillars=PILLARS, posts=first.posts, end=D(2027, 1, 10))
    change = plan_strategy(moved, start=D(2026, 12, 14), end=D(2026, 12, 27))
    outside = [p for p in change.strategy.posts if not D(2026, 12, 14) <= p.date <= D(2026, 12, 27)]
    assert outside == [p for p in first.posts if not D(2026, 12, 14) <= p.date <= D(2026, 12, 27)]
    inside = [p for p in change.strategy.posts if p not in outside]
    assert {f"{p.date:%a}" for p in inside} == {"Tue", "Thu", "Sat"}
    assert {p.date.month for p in change.removed} == {12}


def test_a_range_continues_the_pillar_mix_and_topics_from_the_posts_before_it():
    tips = [
        Pillar(id="a", name="A", share=50, topics=["A1", "A2", "A3", "A4"]),
        Pillar(id="b", name="B", share=50, topics=["B1", "B2"]),
    ]
    whole = plan_strategy(make(vk(), pillars=tips)).strategy
    second_week = plan_strategy(
        make(vk(), pillars=tips, posts=whole.posts[:3]), start=D(2026, 12, 14)
    ).strategy
    assert second_week.posts == whole.posts


def test_a_range_cut_mid_week_counts_the_posts_before_it_toward_the_cadence():
    first = plan_strategy(make(vk())).strategy
    again = plan_strategy(make(vk(), posts=first.posts), start=D(2026, 12, 10), end=D(2026, 12, 10))
    assert not again.changed


# --- what planning refuses -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("strategy", "kw", "message"),
    [
        (make(vk(), start=None), {}, "the strategy has no period"),
        (make(), {}, "the strategy has no channels"),
        (
            make(vk()),
            {"start": D(2026, 11, 30)},
            "cannot plan from 2026-11-30: it is outside the strategy period",
        ),
        (make(vk()), {"end": D(2027, 1, 1)}, "cannot plan to 2027-01-01: it is outside the strategy period"),
        (
            make(vk()),
            {"start": D(2026, 12, 15), "end": D(2026, 12, 10)},
            "cannot plan from 2026-12-15 to 2026-12-10: the end is before the start",
        ),
        (make(vk(posts_per_week=4)), {}, "channel vk: 4 posts a week do not fit 3 days × 1 times"),
        (make(vk(posts_per_week=8, days=[], times=[])), {}, "list its publishing times"),
    ],
)
def test_planning_refuses_with_a_clear_message(strategy, kw, message):
    with pytest.raises(PlannerError, match=message):
        plan_strategy(strategy, **kw)


# --- what plan says --------------------------------------------------------------------------


def test_the_summary_counts_added_removed_and_kept_per_channel_and_month():
    mine = draft(D(2026, 12, 9))
    stale = Post(id="old", date=D(2026, 12, 29), time="10:00", channel="vk")
    s = make(vk(), vk(id="tg"), posts=[mine, stale], end=D(2027, 1, 10))
    assert plan_strategy(s).summary_lines() == [
        "vk 2026-12: 10 added, 1 removed, 1 kept",
        "vk 2027-01: 4 added, 0 removed, 0 kept",
        "tg 2026-12: 11 added, 0 removed, 0 kept",
        "tg 2027-01: 4 added, 0 removed, 0 kept",
        "total 2026-12-07 – 2027-01-10: 29 added, 1 removed, 1 kept; "
        "no time zone for the times (set strategy.timezone)",
    ]


def test_the_summary_names_the_public_holidays_posts_fall_on():
    change = plan_strategy(make(vk(), country="GB", start=D(2026, 12, 21), end=D(2027, 1, 3)))
    assert change.summary_lines()[-1] == (
        "note: 3 posts fall on public holidays (GB): 2026-12-25 Christmas Day, "
        "2026-12-28 Boxing Day (observed), 2027-01-01 New Year's Day"
    )
    assert [p.date for p in change.holiday_posts()] == [D(2026, 12, 25), D(2026, 12, 28), D(2027, 1, 1)]


def test_the_summary_states_the_time_zone_of_the_plan():
    s = make(vk())
    s.strategy.timezone = "Europe/London"
    assert plan_strategy(s).summary_lines()[-1] == (
        "total 2026-12-07 – 2026-12-20: 6 added, 0 removed, 0 kept; times in Europe/London"
    )


def russian(strategy: Strategy) -> Strategy:
    strategy.strategy.language = "ru"
    strategy.strategy.timezone = "Europe/Moscow"
    return strategy


def test_the_summary_speaks_the_strategys_language_with_its_plural_forms():
    sovety = [Pillar(id="sovety", name="Советы", share=100, topics=["Как выбрать пирамидку"])]
    mine = draft(D(2026, 12, 30), pillar="sovety")
    s = russian(
        make(vk(), pillars=sovety, posts=[mine], country="RU", start=D(2026, 12, 28), end=D(2027, 1, 10))
    )
    assert plan_strategy(s).summary_lines() == [
        "vk 2026-12: добавлено 1, удалено 0, без изменений 1",
        "vk 2027-01: добавлено 4, удалено 0, без изменений 0",
        "всего 2026-12-28 – 2027-01-10: добавлено 5, удалено 0, без изменений 1; время — Europe/Moscow",
        "sovety: ещё 4 темы заполнят все посты (без темы 4 поста)",
        "примечание: 4 поста приходятся на праздники (RU): 2027-01-01 Новогодние каникулы, "
        "2027-01-04 Новогодние каникулы, 2027-01-06 Новогодние каникулы, 2027-01-08 Новогодние каникулы",
    ]


@pytest.mark.parametrize(
    ("posts", "line"),
    [
        (1, "контент-план актуален: 1 пост за 2026-12-07 – 2026-12-13, менять нечего"),
        (2, "контент-план актуален: 2 поста за 2026-12-07 – 2026-12-13, менять нечего"),
        (5, "контент-план актуален: 5 постов за 2026-12-07 – 2026-12-13, менять нечего"),
    ],
)
def test_russian_counts_take_their_plural_forms(posts, line):
    channel = vk(posts_per_week=posts, days=["mon", "tue", "wed", "thu", "fri"])
    first = plan_strategy(russian(make(channel, end=D(2026, 12, 13)))).strategy
    assert plan_strategy(first).summary_lines() == [line]


def test_english_counts_say_one_post_and_two_posts():
    one = plan_strategy(make(vk(posts_per_week=1), end=D(2026, 12, 13))).strategy
    assert plan_strategy(one).summary_lines()[0].startswith("the content plan is up to date: 1 post from")
    assert (
        "(1 post has none)"
        in plan_strategy(
            make(vk(posts_per_week=1), pillars=[Pillar(id="a", name="A")], end=D(2026, 12, 13))
        ).summary_lines()[-1]
    )


def test_the_summary_can_be_read_in_another_language_than_the_strategys():
    change = plan_strategy(make(vk(), country="GB", start=D(2026, 12, 21), end=D(2027, 1, 3)))
    assert change.summary_lines("ru")[-1].startswith(
        "примечание: 3 поста приходятся на праздники (GB): 2026-12-25"
    )


def test_two_posts_on_one_slot_keep_their_ids_when_planned_again():
    """Issue 12: two one-day campaigns on a channel with no room both get a post at its one time;
    the second plan gave each the other's id."""
    day = D(2026, 12, 7)
    campaigns = [Campaign(id=c, name=c, start=day, end=day, channels=["vk"]) for c in ("first", "second")]
    s = make(
        vk(posts_per_week=0),
        campaigns=campaigns,
        posts=[Post(id="mine-0", date=day, time="10:00", channel="vk")],
    )
    first = plan_strategy(s).strategy
    assert [(p.id, p.campaign) for p in first.posts] == [("2026-12-07-vk-1", "second"), ("mine-0", "first")]
    again = plan_strategy(first)
    assert not again.changed
    assert again.strategy.posts == first.posts
