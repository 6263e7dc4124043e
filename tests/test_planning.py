"""Planning rules, one by one: small strategies built in code, planned, and read as a marketer would."""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter

import pytest

from planner.errors import PlannerError
from planner.model import Campaign, Channel, Pillar, Post, Results, Strategy, StrategyInfo
from planner.planning import largest_remainder, plan_strategy, spread_days

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
    assert when(plan.posts) == [("Mon 07", "09:00"), ("Mon 07", "18:00"), ("Tue 08", "09:00")]


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
    assert when(plan.posts) == [("Mon 07", "18:00"), ("Tue 08", "09:00")]


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
    plan = plan_strategy(make(channel, pillars=PILLARS, end=D(2026, 12, 13))).strategy
    assert Counter(p.pillar for p in plan.posts) == {"people": 3, "offers": 2}  # 30:20 of five


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


def test_formats_continue_after_the_format_a_person_used():
    tips = [Pillar(id="tips", name="Tips", share=100, formats=["carousel", "video", "photo"])]
    mine = draft(D(2026, 12, 7), pillar="tips", format="video")
    plan = plan_strategy(make(vk(), pillars=tips, posts=[mine])).strategy
    assert [p.format for p in plan.posts] == ["video", "photo", "carousel", "video", "photo", "carousel"]


def test_topics_come_from_the_bank_in_order_then_start_over():
    tips = [Pillar(id="tips", name="Tips", share=100, topics=["V60", "Grind", "Ratio", "Milk"])]
    plan = plan_strategy(make(vk(), pillars=tips)).strategy
    assert [p.topic for p in plan.posts] == ["V60", "Grind", "Ratio", "Milk", "V60", "Grind"]


def test_topics_a_person_used_are_skipped_until_the_bank_is_used_up():
    tips = [Pillar(id="tips", name="Tips", share=100, topics=["V60", "Grind", "Ratio", "Milk"])]
    mine = draft(D(2026, 12, 18), pillar="tips", topic="Grind")  # later in the plan: still skipped
    plan = plan_strategy(make(vk(), pillars=tips, posts=[mine])).strategy
    assert [p.topic for p in plan.posts] == ["V60", "Ratio", "Milk", "V60", "Grind", "Grind"]


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


def test_a_pillar_without_topics_leaves_the_topic_empty():
    plan = plan_strategy(make(vk(pillars=["offers"]), pillars=PILLARS)).strategy
    assert {(p.pillar, p.topic) for p in plan.posts} == {("offers", "")}


# --- campaigns -------------------------------------------------------------------------------


def giveaway(start: dt.date, end: dt.date, channels: tuple[str, ...] = ("vk",)) -> Campaign:
    return Campaign(
        id="giveaway", name="Giveaway", kind="giveaway", start=start, end=end, channels=list(channels)
    )


def test_a_planner_post_on_a_campaigns_first_and_last_day_is_tagged():
    change = plan_strategy(make(vk(), vk(id="tg"), campaigns=[giveaway(D(2026, 12, 9), D(2026, 12, 16))]))
    tagged = [(p.channel, p.date) for p in change.strategy.posts if p.campaign == "giveaway"]
    assert tagged == [("vk", D(2026, 12, 9)), ("vk", D(2026, 12, 16))]
    assert change.notes == []


def test_a_campaign_day_without_a_slot_gets_a_post_in_place_of_the_weeks_last():
    change = plan_strategy(
        make(vk(times=["10:00", "19:00"]), campaigns=[giveaway(D(2026, 12, 8), D(2026, 12, 9))])
    )
    week = [p for p in change.strategy.posts if p.date <= D(2026, 12, 13)]
    assert [(f"{p.date:%a}", p.time, p.campaign) for p in week] == [
        ("Mon", "10:00", ""),
        ("Tue", "10:00", "giveaway"),
        ("Wed", "10:00", "giveaway"),
    ]
    assert change.notes == [
        "vk: campaign giveaway needs a post on Tue 2026-12-08; "
        "added at 10:00 in place of Fri 2026-12-11 10:00"
    ]


def test_a_persons_campaign_post_on_the_day_is_enough():
    mine = draft(D(2026, 12, 8), campaign="giveaway")
    plan = plan_strategy(
        make(vk(), posts=[mine], campaigns=[giveaway(D(2026, 12, 8), D(2026, 12, 8))])
    ).strategy
    assert [p for p in plan.posts if p.campaign] == [mine]


def test_a_campaign_on_a_channel_with_no_room_goes_beyond_the_cadence_and_says_so():
    change = plan_strategy(make(vk(posts_per_week=0), campaigns=[giveaway(D(2026, 12, 10), D(2026, 12, 10))]))
    assert [(p.date, p.time, p.campaign) for p in change.strategy.posts] == [
        (D(2026, 12, 10), "10:00", "giveaway")
    ]
    assert change.notes == [
        "vk: campaign giveaway needs a post on Thu 2026-12-10; added at 10:00, beyond 0 posts that week"
    ]


def test_campaign_days_outside_the_period_are_left_alone():
    plan = plan_strategy(make(vk(), campaigns=[giveaway(D(2026, 11, 1), D(2027, 1, 31))])).strategy
    assert not [p for p in plan.posts if p.campaign]


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
        "the content plan is up to date: 12 posts from 2026-12-07 – 2026-12-20, nothing to change"
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
        "total 2026-12-07 – 2027-01-10: 29 added, 1 removed, 1 kept",
    ]


def test_the_summary_names_the_public_holidays_posts_fall_on():
    change = plan_strategy(make(vk(), country="GB", start=D(2026, 12, 21), end=D(2027, 1, 3)))
    assert change.summary_lines()[-1] == (
        "note: 3 posts fall on public holidays (GB): 2026-12-25 Christmas Day, "
        "2026-12-28 Boxing Day (observed), 2027-01-01 New Year's Day"
    )
    assert [p.date for p in change.holiday_posts()] == [D(2026, 12, 25), D(2026, 12, 28), D(2027, 1, 1)]
