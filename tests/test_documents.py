"""What the documents compute beyond the file: goal pace, content mix, budget, checklists, the calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.model import (
    Audience,
    Campaign,
    Channel,
    CheckItem,
    Community,
    Competitor,
    Goal,
    Pillar,
    Post,
    Presence,
    Results,
    Strategy,
    StrategyInfo,
)
from planner.views.budget import budget
from planner.views.checklists import checklist, checklists_shown
from planner.views.competitors import presence_tables
from planner.views.content_plan import content_plan_context
from planner.views.strategy import (
    audience_total,
    campaign_timeline,
    channel_plans,
    channel_totals,
    content_mix,
    goal_rows,
    reporting,
    segments,
)

D = dt.date


def winter(**tables: object) -> Strategy:
    """December 2026 to February 2027 (90 days), a £1,800 monthly budget, in the UK."""
    info = StrategyInfo(
        name="Winter", start=D(2026, 12, 1), end=D(2027, 2, 28), budget=1800, currency="GBP", country="GB"
    )
    return Strategy(strategy=info, **tables)  # type: ignore[arg-type]


def post(day: dt.date, channel: str = "ig", pillar: str = "", status: str = "planned", **kw: object) -> Post:
    return Post(
        id=f"{day}-{channel}-{kw.get('time', '')}",
        date=day,
        channel=channel,
        pillar=pillar,
        status=status,
        **kw,
    )  # type: ignore[arg-type]


IG = Channel(id="ig", platform="instagram", name="Coffee Lab on Instagram", followers=2400, posts_per_week=4)
FB = Channel(id="fb", platform="facebook", name="Coffee Lab Manchester", followers=1150, posts_per_week=3)


# --- goals ---------------------------------------------------------------------------------------


def test_a_goal_needs_its_growth_spread_evenly_from_the_start_to_its_deadline() -> None:
    s = winter(
        channels=[IG],
        goals=[Goal(id="grow", title="Grow", metric="followers", channel="ig", baseline=2400, target=4000)],
    )
    (row,) = goal_rows(s)
    assert row.deadline == D(2027, 2, 28)  # no deadline: the end of the strategy
    assert row.weeks == pytest.approx(90 / 7)
    assert row.per_week == pytest.approx(1600 / (90 / 7))  # about 124 followers a week
    assert row.channel == "Coffee Lab on Instagram"
    assert row.change_pct == pytest.approx(66.67, abs=0.01)
    assert row.current is None and row.progress_pct is None  # nothing measured since the baseline


def test_a_goal_with_an_earlier_deadline_needs_faster_growth_and_shows_its_progress() -> None:
    goal = Goal(
        id="reach",
        title="Reach",
        metric="reach",
        baseline=15000,
        target=120000,
        current=21400,
        deadline=D(2027, 1, 31),
    )
    (row,) = goal_rows(winter(goals=[goal]))
    assert row.per_week == pytest.approx(105000 / (62 / 7))
    assert row.progress_pct == pytest.approx(6400 * 100 / 105000)
    assert row.channel == ""  # all channels


def test_an_engagement_rate_goal_is_a_rate() -> None:
    goal = Goal(id="er", title="ER", metric="engagement_rate", baseline=2.8, target=4.5)
    (row,) = goal_rows(winter(goals=[goal]))
    assert row.is_rate
    assert row.per_week == pytest.approx(1.7 / (90 / 7))
    assert row.change_pct is None  # a rate grows in percentage points, not by a percentage of itself


def test_a_goal_on_a_count_says_how_much_it_grows_in_percent() -> None:
    goal = Goal(id="grow", title="Grow", metric="followers", baseline=1200, target=1800)
    (row,) = goal_rows(winter(goals=[goal]))
    assert row.change_pct == pytest.approx(50)


def test_a_strategy_without_a_period_gives_no_weekly_pace() -> None:
    s = Strategy(
        strategy=StrategyInfo(name="No dates"), goals=[Goal(id="g", title="G", metric="sales", target=10)]
    )
    (row,) = goal_rows(s)
    assert row.per_week is None and row.deadline is None


# --- audience and competitors --------------------------------------------------------------------


def test_a_segment_shows_our_channels_for_it_and_the_platforms_we_miss() -> None:
    s = winter(
        audience=[
            Audience(id="brewers", name="Home brewers", platforms=["instagram", "youtube"], languages=["en"])
        ],
        channels=[Channel(**{**IG.__dict__, "audience": ["brewers"]})],
    )
    (seg,) = segments(s, "ru")
    assert seg.channels == ["Coffee Lab on Instagram"]
    assert seg.uncovered == ["YouTube"]
    assert seg.languages == ["английский"]


def test_presence_tables_put_our_platforms_first_and_our_channel_beside_competitors() -> None:
    s = winter(
        competitors=[
            Competitor(
                id="steam",
                name="Steam & Co",
                presence=[
                    Presence(platform="youtube", followers=90000, posts_per_week=1, engagement_rate=1),
                    Presence(platform="instagram", followers=8600, posts_per_week=5, engagement_rate=3.4),
                ],
            ),
            Competitor(
                id="bean",
                name="Northern Bean",
                presence=[
                    Presence(platform="instagram", followers=18500, posts_per_week=3, engagement_rate=1.8)
                ],
            ),
        ],
        channels=[IG],
        posts=[post(D(2026, 12, 2), results=Results(reach=1000, likes=40, comments=5, shares=5))],
    )
    instagram, youtube = presence_tables(s, "en")
    assert (instagram.platform, youtube.platform) == ("Instagram", "YouTube")
    assert [r.name for r in instagram.rows] == ["Northern Bean", "Steam & Co", "Coffee Lab on Instagram"]
    ours = instagram.rows[-1]
    # Per follower, as competitor research measures: 50 engagements a post over 2,400 followers.
    assert ours.ours and ours.engagement_rate == pytest.approx(50 * 100 / 2400) and ours.posts_measured == 1
    assert instagram.leader == "Northern Bean" and instagram.most_engaging == "Steam & Co"
    assert instagram.takeaway == "leaders"  # two competitors lead: each is named
    assert instagram.average_rate == pytest.approx(2.6)
    (comparison,) = instagram.comparisons
    assert comparison.verdict == "too_few" and comparison.posts == 1  # one post is no basis for "above"
    assert youtube.takeaway == "single" and youtube.leader == ""  # one competitor leads nobody
    assert instagram.average_posts == 4 and instagram.our_posts == 4
    assert youtube.our_posts is None


def test_our_followers_in_the_competitor_table_are_the_goals_latest_measurement() -> None:
    goal = Goal(
        id="grow", title="Grow", metric="followers", channel="ig", baseline=2400, target=4000, current=2530
    )
    s = winter(
        competitors=[Competitor(id="x", name="X", presence=[Presence(platform="instagram", followers=10)])],
        channels=[IG],
        goals=[goal],
    )
    (instagram,) = presence_tables(s, "en")
    assert instagram.rows[-1].followers == 2530
    (plan,) = channel_plans(s, "en")
    assert plan.followers == 2530


# --- channels ------------------------------------------------------------------------------------


def test_a_channel_plan_explains_its_format_from_the_catalog() -> None:
    vk = Channel(id="vk", platform="vk", days=["sat", "mon"], times=["19:30", "10:00"], posts_per_week=2)
    (plan,) = channel_plans(winter(channels=[vk], posts=[post(D(2026, 12, 5), "vk")]), "ru")
    assert plan.format == "group" and plan.format_is_default  # VK's default format
    assert plan.messages and plan.members_visible and plan.widgets
    assert plan.format_note.startswith("Обсуждения")
    assert plan.days == ["Пн", "Сб"] and plan.times == ["10:00", "19:30"]
    assert plan.platform == "ВКонтакте" and plan.planned_posts == 1


def test_channels_are_added_up_only_when_there_are_several() -> None:
    ig = Channel(**{**IG.__dict__, "ads_budget": 600})
    assert channel_totals(channel_plans(winter(channels=[ig]), "en")) is None
    totals = channel_totals(channel_plans(winter(channels=[ig, FB]), "en"))
    assert totals is not None
    assert (totals.followers, totals.posts_per_week, totals.ads_budget) == (3550, 7, 600)


def test_the_audience_is_added_up_only_across_several_segments() -> None:
    one = Audience(id="parents", name="Parents", size=12000)
    two = Audience(id="students", name="Students", size=3000)
    assert audience_total(winter(audience=[one])) == 0
    assert audience_total(winter(audience=[one, two])) == 15000


# --- content mix ---------------------------------------------------------------------------------


def test_the_content_mix_compares_target_shares_with_the_posts_in_the_plan() -> None:
    pillars = [
        Pillar(id="tips", name="Tips", share=60, stage="adhesion"),
        Pillar(id="fans", name="Fans", share=40, stage="transmission"),
    ]
    days = [D(2026, 12, d) for d in range(1, 6)]
    posts = [post(days[0], pillar="tips"), post(days[1], pillar="tips"), post(days[2], pillar="fans")]
    posts += [post(days[3], pillar="fans", status="skipped"), post(days[4], pillar="")]
    mix = content_mix(winter(pillars=pillars, posts=posts))
    tips, fans = mix.pillars
    assert mix.total_posts == 4  # a skipped post is not in the mix
    assert (tips.posts, tips.actual_share, tips.difference) == (2, 50.0, -10.0)
    assert (fans.posts, fans.actual_share, fans.difference) == (1, 25.0, -15.0)
    assert mix.unassigned_posts == 1
    assert [(st.stage, st.target_share, st.posts) for st in mix.stages] == [
        ("adhesion", 60, 2),
        ("transmission", 40, 1),
    ]
    assert mix.several_stages


def test_pillars_of_one_stage_need_no_mix_by_stage() -> None:
    pillars = [Pillar(id="tips", name="Tips", share=100, stage="adhesion")]
    assert not content_mix(winter(pillars=pillars)).several_stages


# --- campaigns -----------------------------------------------------------------------------------


def test_campaigns_form_a_timeline_sorted_by_start() -> None:
    s = winter(
        channels=[IG, FB],
        goals=[Goal(id="sales", title="Sell 150 subscriptions", metric="sales", target=150)],
        campaigns=[
            Campaign(
                id="jan", name="New year", kind="paid", start=D(2027, 1, 5), end=D(2027, 1, 30), goal="sales"
            ),
            Campaign(
                id="dec", name="Twelve days", start=D(2026, 12, 8), end=D(2026, 12, 19), channels=["ig", "fb"]
            ),
        ],
        posts=[post(D(2026, 12, 8), campaign="dec")],
    )
    dec, jan = campaign_timeline(s)
    assert (dec.name, dec.days, dec.channels, dec.posts) == (
        "Twelve days",
        12,
        ["Coffee Lab on Instagram", "Coffee Lab Manchester"],
        1,
    )
    assert (jan.name, jan.goal, jan.days) == ("New year", "Sell 150 subscriptions", 26)


# --- checklists ----------------------------------------------------------------------------------


def test_checklist_items_absent_from_the_file_count_as_to_do() -> None:
    s = winter(
        smo={"share-buttons": CheckItem("done"), "social-login": CheckItem("n/a", "No accounts on the site")}
    )
    smo = checklist(s, "smo", "en")
    assert len(smo.items) == 12
    assert (smo.done, smo.todo, smo.not_applicable) == (1, 10, 1)
    assert smo.progress_pct == pytest.approx(100 / 11)
    assert smo.items[4].note == "No accounts on the site"
    assert len(smo.next_steps) == 10
    assert checklist(s, "smo", "ru").items[0].title == "Кнопки «Поделиться»"


def test_a_checklist_is_shown_once_the_strategy_touches_it() -> None:
    bare = Strategy(strategy=StrategyInfo(name="Bare"))
    assert checklists_shown(bare, "en") == []
    with_site = Strategy(strategy=StrategyInfo(name="Site", website="https://example.com"))
    assert [c.name for c in checklists_shown(with_site, "en")] == ["smo"]
    assert [c.name for c in checklists_shown(winter(channels=[IG]), "en")] == ["tactics"]


# --- reporting -----------------------------------------------------------------------------------


def test_weekly_reports_come_every_monday_after_each_week() -> None:
    s = winter(community=Community(report_every="week"))
    dates = reporting(s).dates
    assert dates[0] == D(2026, 12, 7) and dates[-1] == D(2027, 3, 1)
    assert len(dates) == 13 and all(d.weekday() == 0 for d in dates)


def test_monthly_reports_come_at_the_end_of_each_month() -> None:
    s = winter(community=Community(report_every="month"))
    assert reporting(s).dates == [D(2026, 12, 31), D(2027, 1, 31), D(2027, 2, 28)]


# --- budget --------------------------------------------------------------------------------------


def test_the_budget_charges_a_campaign_to_each_month_for_its_days_there() -> None:
    ig = Channel(**{**IG.__dict__, "ads_budget": 600})
    fb = Channel(**{**FB.__dict__, "ads_budget": 400})
    straddling = Campaign(id="ny", name="New year", start=D(2026, 12, 22), end=D(2027, 1, 10), budget=2000)
    b = budget(winter(channels=[ig, fb], campaigns=[straddling]))
    assert b is not None
    dec, jan, feb = b.months
    assert dec.campaigns == pytest.approx(1000) and jan.campaigns == pytest.approx(1000)  # 10 days each
    assert dec.ads == 1000 and dec.budget == 1800
    assert dec.balance == pytest.approx(-200)  # 200 over in December
    assert (dec.verdict, dec.difference) == ("over", 200)
    assert feb.balance == pytest.approx(800)
    assert (feb.verdict, feb.difference) == ("under", 800)
    assert b.total_spend == pytest.approx(3 * 1000 + 2000)
    assert b.total_budget == 5400 and b.balance == pytest.approx(400)
    assert (b.verdict, b.difference) == ("under", 400)
    assert [(line.name, line.kind, line.monthly, line.period) for line in b.lines] == [
        ("Coffee Lab on Instagram", "ads", 600, 1800),
        ("Coffee Lab Manchester", "ads", 400, 1200),
        ("New year", "launch", None, 2000),
    ]


def test_a_partial_month_counts_its_share_of_the_monthly_budget() -> None:
    info = StrategyInfo(name="Half", start=D(2027, 1, 17), end=D(2027, 2, 13), budget=3100)
    b = budget(Strategy(strategy=info, channels=[Channel(**{**IG.__dict__, "ads_budget": 310})]))
    assert b is not None
    jan, feb = b.months
    assert (jan.days, jan.budget, jan.ads) == (15, pytest.approx(1500), pytest.approx(150))
    assert (feb.days, feb.budget) == (13, pytest.approx(3100 * 13 / 28))


def test_a_budget_within_half_a_unit_of_money_is_on_budget() -> None:
    # 1,800 a month over three months against ads of 1,799.70: 0.90 left, which rounds to 1.
    ads = Channel(**{**IG.__dict__, "ads_budget": 1799.7})
    b = budget(winter(channels=[ads]))
    assert b is not None
    assert [(m.verdict, m.difference) for m in b.months] == [("even", 0)] * 3  # 0.30 a month
    assert (b.verdict, b.difference) == ("under", 1)
    b = budget(winter(channels=[Channel(**{**IG.__dict__, "ads_budget": 1800.4})]))
    assert b is not None and b.verdict == "over" and b.difference == 1  # 1.20 over the period


def test_without_a_budget_the_plan_only_states_its_spend() -> None:
    info = StrategyInfo(name="Ads only", start=D(2026, 12, 1), end=D(2026, 12, 31))
    b = budget(Strategy(strategy=info, channels=[Channel(**{**IG.__dict__, "ads_budget": 500})]))
    assert b is not None and b.verdict is None and b.total_spend == 500


def test_no_money_anywhere_means_no_budget_section() -> None:
    assert budget(Strategy(strategy=StrategyInfo(name="Free"), channels=[IG])) is None


# --- the content plan ----------------------------------------------------------------------------


def test_the_calendar_groups_posts_by_month_then_iso_week_with_holidays() -> None:
    pillars = [Pillar(id="tips", name="Tips", share=100)]
    posts = [
        post(D(2026, 12, 31), "fb", "tips", time="12:30"),
        post(D(2026, 12, 24), "ig", "tips", time="18:30"),
        post(D(2026, 12, 24), "ig", "tips", time="08:00"),
        post(D(2027, 1, 2), "ig", "tips", status="skipped"),
        post(D(2026, 12, 29), "fb", "tips", time="12:30", topic="New year hours"),
    ]
    ctx = content_plan_context(winter(channels=[IG, FB], pillars=pillars, posts=posts), "en", D(2026, 11, 20))
    december, january = ctx["months"]
    assert [w.number for w in december.weeks] == [52, 53]
    christmas_week, new_year_week = december.weeks
    # Christmas and Boxing Day are public holidays in the UK: rows of their own, in date order.
    assert [(r.date.day, r.time, r.holiday) for r in christmas_week.rows] == [
        (24, "08:00", ""),
        (24, "18:30", ""),
        (25, "", "Christmas Day"),
        (26, "", "Boxing Day"),
    ]
    # ISO week 53 runs from Monday 28 December to Sunday 3 January: each month shows its own days.
    assert (new_year_week.start, new_year_week.end) == (D(2026, 12, 28), D(2026, 12, 31))
    assert [r.holiday or r.topic for r in new_year_week.rows] == [
        "Boxing Day (observed)",
        "New year hours",
        "",
    ]
    assert january.weeks[0].number == 53 and january.weeks[0].start == D(2027, 1, 1)
    assert [(c.name, c.posts, c.share) for c in december.by_channel] == [
        ("Instagram", 2, 50.0),
        ("Facebook", 2, 50.0),
    ]
    assert [(p.name, p.posts) for p in december.by_pillar] == [("Tips", 4)]
    assert january.posts == 1 and january.by_channel == []  # the only post is skipped
    assert [(r.month, r.per_channel, r.total) for r in ctx["overview"]] == [
        (D(2026, 12, 1), [2, 2], 4),
        (D(2027, 1, 1), [0, 0], 0),
    ]
    assert ctx["statuses"] == [("planned", 4), ("skipped", 1)]


def test_two_channels_on_one_platform_are_told_apart_by_name_in_the_calendar() -> None:
    second = Channel(id="ig2", platform="instagram", name="Coffee Lab Roastery")
    s = winter(channels=[IG, second], posts=[post(D(2026, 12, 2)), post(D(2026, 12, 3), "ig2")])
    rows = content_plan_context(s, "en", D(2026, 11, 20))["months"][0].weeks[0].rows
    assert [r.channel for r in rows] == ["Coffee Lab on Instagram", "Coffee Lab Roastery"]


def test_a_view_takes_exactly_its_fields() -> None:
    from planner.views.content_plan import Count

    assert Count("Instagram", 4, 50.0) == Count(name="Instagram", posts=4, share=50.0)
    with pytest.raises(TypeError, match="Count takes name, posts, share"):
        Count("Instagram", 4)
    with pytest.raises(TypeError):
        Count("Instagram", 4, 50.0, shares=1)


# --- what issue 10 added -------------------------------------------------------------------------


def test_a_share_the_channels_lists_make_impossible_says_which_channels_and_how_much_at_most() -> None:
    from planner.views.mix import content_mix as mix_of

    pillars = [Pillar(id="tips", name="Tips", share=50), Pillar(id="stories", name="Stories", share=50)]
    tg = Channel(id="tg", platform="telegram", name="Our Telegram", pillars=["stories"], posts_per_week=1)
    ig = Channel(id="ig", platform="instagram", name="Our Instagram", pillars=["tips"], posts_per_week=3)
    days = [D(2026, 12, d) for d in range(1, 9)]
    posts = [post(d, "ig", "tips") for d in days[:6]] + [post(d, "tg", "stories") for d in days[6:]]
    mix = mix_of(winter(pillars=pillars, channels=[ig, tg], posts=posts))
    tips, stories = mix.pillars
    assert (stories.reason, stories.channels, stories.most_share) == ("restricted", ["Our Telegram"], 25.0)
    assert tips.reason == "only" and tips.channels == ["Our Instagram"] and tips.others == ["Tips"]
    assert [p.name for p in mix.misses] == ["Tips", "Stories"]


def test_a_share_off_without_restrictions_is_put_down_to_posts_set_by_hand_or_an_old_plan() -> None:
    from planner.views.mix import content_mix as mix_of

    pillars = [Pillar(id="tips", name="Tips", share=50), Pillar(id="fans", name="Fans", share=50)]
    days = [D(2026, 12, d) for d in range(1, 5)]
    by_hand = [post(days[0], pillar="tips", status="draft"), *(post(d, pillar="tips") for d in days[1:])]
    tips, fans = mix_of(winter(pillars=pillars, channels=[IG], posts=by_hand)).pillars
    assert (tips.reason, tips.by_hand) == ("by_hand", 1)
    assert fans.reason == "stale"  # nothing set by hand, no restriction: the plan predates the shares
    even = [post(d, pillar=p) for d, p in zip(days, ["tips", "fans", "tips", "fans"], strict=True)]
    assert mix_of(winter(pillars=pillars, channels=[IG], posts=even)).misses == []


def test_a_tactic_the_strategy_carries_out_is_in_it_unless_the_person_said_otherwise() -> None:
    contest = Campaign(
        id="c", name="Winter giveaway", kind="giveaway", start=D(2026, 12, 8), end=D(2026, 12, 19)
    )
    ig = Channel(**{**IG.__dict__, "ads_budget": 600})
    posts = [post(D(2026, 12, 2), format="reel", link="https://x.example/a")]
    s = winter(channels=[ig], campaigns=[contest], posts=posts, tactics={"influencers": CheckItem("n/a")})
    rows = {r.id: r for r in checklist(s, "tactics", "en").items}
    assert rows["communities"].status == "planned"
    assert rows["communities"].evidence == [("channels", ["Coffee Lab on Instagram"])]
    assert rows["paid-ads"].evidence == [("ads", 600)]
    assert rows["contests"].evidence == [("campaigns", ["Winter giveaway"])]
    assert rows["video-channel"].evidence == [("video_posts", 1)]
    assert rows["site-traffic"].evidence == [("linked_posts", 1)]
    assert rows["influencers"].status == "n/a"  # the person's word stands
    assert rows["storefronts"].status == "todo"  # nothing in the strategy says it is done
    tactics = checklist(s, "tactics", "en")
    assert {r.id for r in tactics.closed} & {r.id for r in tactics.next_steps} == set()  # each item once


def test_the_explanations_name_the_strategys_own_platforms_and_market() -> None:
    b2b = winter(
        channels=[Channel(id="li", platform="linkedin", format="page"), Channel(id="x", platform="x")]
    )
    b2b.strategy.country = "US"
    ru = winter(channels=[Channel(id="vk", platform="vk"), Channel(id="tg", platform="telegram")])
    ru.strategy.country = "RU"

    def explained(s: Strategy, name: str, item: str, lang: str = "en") -> str:
        return next(r.explanation for r in checklist(s, name, lang).items if r.id == item)

    login = explained(b2b, "smo", "social-login")
    assert "LinkedIn" in login and "VK ID" not in login and "Yandex" not in login
    video = explained(b2b, "tactics", "video-channel")
    assert "LinkedIn, X (Twitter)" in video and "Rutube" not in video and "VK" not in video
    assert "Google Analytics" in explained(b2b, "smo", "social-analytics")
    assert "VK ID, Яндекс ID" in explained(ru, "smo", "social-login", "ru")
    assert "ВКонтакте, Telegram" in explained(ru, "smo", "community-widgets", "ru")
    assert "Яндекс Метрике" in explained(ru, "smo", "social-analytics", "ru")


def test_an_open_item_keeps_its_owner_and_due_date() -> None:
    s = winter(smo={"open-graph": CheckItem("todo", "og:image missing", owner="Anna", due=D(2026, 12, 15))})
    (item,) = [i for i in checklist(s, "smo", "en").next_steps if i.id == "open-graph"]
    assert (item.owner, item.due, item.note) == ("Anna", D(2026, 12, 15), "og:image missing")


def test_a_budget_says_which_months_are_prorated_and_how_much_is_left_unallocated() -> None:
    info = StrategyInfo(name="Q1", start=D(2027, 1, 4), end=D(2027, 3, 31), budget=12000, currency="USD")
    s = Strategy(strategy=info, channels=[Channel(id="li", platform="linkedin", ads_budget=2500)])
    spend = budget(s)
    assert spend is not None
    assert [m.month for m in spend.partial_months] == [D(2027, 1, 1)]  # January from the 4th
    left = (spend.total_budget - spend.total_spend) * 100 / spend.total_budget
    assert spend.unallocated_pct == pytest.approx(left, abs=0.01)  # on whole money, as the verdict
    assert spend.unallocated_pct > 70


def test_the_calendar_says_topic_to_choose_its_time_zone_and_shows_copy_link_and_owner() -> None:
    s = winter(
        channels=[IG],
        posts=[
            post(
                D(2026, 12, 2),
                time="10:00",
                text="Line one\nLine two",
                link="https://x.example/a",
                owner="Anna",
            ),
            post(D(2026, 12, 3), time="10:00"),
        ],
    )
    s.strategy.timezone = "Europe/London"
    context = content_plan_context(s, "en", D(2026, 11, 20))
    assert (context["timezone"], context["timezone_city"]) == ("Europe/London", "London")
    week = context["months"][0].weeks[0]  # the others hold Christmas and Boxing Day
    first, second = week.rows
    assert "[*topic to choose*](<https://x.example/a>) (copy 1)" in first.line
    assert "| *topic to choose* | planned" in second.line  # never a dash: someone has to choose it
    assert week.copy_text == "1. **Dec 2, 10:00, Instagram:** Line one / Line two"
    assert [(c.number, c.text) for c in week.copies] == [(1, "Line one\nLine two")]


def test_holidays_are_named_in_the_documents_language_with_dates_no_reader_misreads() -> None:
    from planner.views.content_plan import holiday_name

    assert (
        holiday_name("Day off (substituted from 01/04/2026)", "en") == "Day off (moved from January 4, 2026)"
    )
    assert holiday_name("Выходной (перенесено с 04.01.2026)", "ru") == "Выходной (перенесён с 4 января 2026)"
    assert holiday_name("Martin Luther King Jr. Day", "ru") == "День Мартина Лютера Кинга"
    assert holiday_name("Boxing Day (observed)", "ru") == "День подарков (перенесённый выходной)"
    assert holiday_name("Christmas Day; Boxing Day", "ru") == "Рождество; День подарков"


def test_key_decisions_come_from_the_figures_and_stop_at_five() -> None:
    from planner.views.deck import decisions
    from planner.views.strategy import strategy_context

    s = winter(
        channels=[
            Channel(**{**IG.__dict__, "ads_budget": 600}),
            Channel(**{**FB.__dict__, "ads_budget": 200}),
        ],
        posts=[post(D(2026, 12, d), "ig") for d in (1, 2, 3)] + [post(D(2026, 12, 4), "fb")],
    )
    context = strategy_context(s, "en", D(2026, 11, 20))
    lead = context["decisions"][0]
    assert lead.kind == "channel"
    assert lead.values["channel"] == "Coffee Lab on Instagram" and lead.values["share"] == 75
    assert lead.values["ads_share"] == 75
    assert [d.kind for d in context["decisions"]][-1] == "unallocated"  # £1,800 a month, £800 of ads
    assert len(decisions(s, [], context["mix"], [], [], None, [])) == 0  # nothing to decide from


def test_the_roadmap_puts_every_dated_step_in_order() -> None:
    from planner.views.strategy import strategy_context

    s = winter(
        campaigns=[
            Campaign(id="c", name="Giveaway", kind="giveaway", start=D(2026, 12, 8), end=D(2026, 12, 19))
        ],
        smo={"open-graph": CheckItem("todo", owner="Anna", due=D(2026, 12, 15))},
        goals=[Goal(id="g", title="Grow", metric="followers", target=10, deadline=D(2027, 1, 31))],
    )
    s.strategy.website = "https://x.example"
    roadmap = strategy_context(s, "en", D(2026, 11, 20))["roadmap"]
    assert [(m.date, m.kind) for m in roadmap] == [
        (D(2026, 12, 8), "campaign_start"),
        (D(2026, 12, 15), "due"),
        (D(2026, 12, 19), "campaign_end"),
        (D(2026, 12, 31), "report"),
        (D(2027, 1, 31), "report"),
        (D(2027, 1, 31), "deadline"),
        (D(2027, 2, 28), "report"),
    ]


def test_risks_name_a_thin_topic_bank_an_uncovered_platform_and_a_goal_behind_its_pace() -> None:
    from planner.views.strategy import strategy_context

    goal = Goal(
        id="g", title="Grow", metric="followers", channel="ig", baseline=1000, target=2000, current=1010
    )
    s = winter(
        audience=[Audience(id="a", name="Brewers", platforms=["instagram", "youtube"], size=500)],
        channels=[IG],
        pillars=[Pillar(id="tips", name="Tips", share=100, topics=["One"])],
        goals=[goal],
        posts=[
            post(D(2026, 12, 1), pillar="tips", topic="One", results=Results(reach=10)),
            post(D(2027, 1, 20), pillar="tips", results=Results(reach=10)),
        ],
    )
    kinds = {r.kind: r.values for r in strategy_context(s, "en", D(2026, 11, 20))["risks"]}
    assert kinds["thin_bank"] == {"pillar": "Tips", "count": 1, "posts": 2, "topics": 1}
    assert kinds["uncovered"] == {"platform": "YouTube", "segments": ["Brewers"], "size": 500}
    assert kinds["behind"]["title"] == "Grow"  # 1 % of the way after half of the time


def test_a_goals_pace_needs_enough_posts_and_is_judged_against_the_time_gone() -> None:
    from planner.metrics import MIN_POSTS, goal_measure, goal_pace

    goal = Goal(id="er", title="ER", metric="reach", channel="ig", baseline=1000, target=2000)
    few = winter(channels=[IG], goals=[goal], posts=[post(D(2026, 12, 1), results=Results(reach=5000))])
    # One viral post is no trend, nor a target reached.
    assert goal_pace(few, goal, goal_measure(few, goal), D(2026, 12, 1)) == "too_few"
    many = [post(D(2026, 12, d), results=Results(reach=1100)) for d in range(1, MIN_POSTS + 1)]
    s = winter(channels=[IG], goals=[goal], posts=many)
    assert goal_pace(s, goal, goal_measure(s, goal), D(2026, 12, 5)) == "on_pace"  # 10 % after 6 %
    assert goal_pace(s, goal, goal_measure(s, goal), D(2027, 1, 15)) == "behind"  # 10 % after 51 %
