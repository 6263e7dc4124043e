"""The strategy as typed data (format version 1), with the checks that span fields and tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from planner.fields import field, id_field, list_field

SCHEMA_VERSION = 1

LANGUAGES = ("en", "ru")
COMMUNITY_FORMATS = ("account", "page", "group", "channel")
STAGES = ("adhesion", "appropriation", "transmission")
METRICS = (
    "followers",
    "reach",
    "engagement_rate",
    "likes",
    "comments",
    "shares",
    "clicks",
    "leads",
    "sales",
    "mentions",
)
# Goals on these metrics are measured by hand (`current`); the rest add up from post results.
MEASURED_METRICS = ("followers", "leads", "sales", "mentions")
CAMPAIGN_KINDS = ("contest", "giveaway", "paid", "influencer", "partnership", "event", "launch")
POST_STATUSES = ("planned", "draft", "approved", "scheduled", "published", "skipped")
CHECK_STATUSES = ("done", "todo", "n/a")
REPORT_CADENCES = ("week", "month")
RESULT_METRICS = ("reach", "likes", "comments", "shares", "clicks")

Number = int | float


@dataclass
class StrategyInfo:
    """The [strategy] table: what the plan is called, for whom, where and when."""

    name: str = field("", required=True, doc="The strategy's title, as it heads the documents.")
    client: str = field("", doc="Who the strategy is prepared for.")
    brand: str = field("", doc="The brand the communities speak for.")
    website: str = field("", doc="The client's site: SMO work happens there.")
    language: str = field("en", enum=LANGUAGES, doc="Language of the generated documents.")
    country: str = field("", doc="ISO 3166 country code: its public holidays are marked in the plan.")
    timezone: str = field("", doc="IANA time zone of post times, e.g. Europe/Moscow.")
    start: dt.date | None = field(None, doc="First day of the strategy period.")
    end: dt.date | None = field(None, doc="Last day of the strategy period.")
    summary: str = field("", doc="Why this strategy exists, in a paragraph.")
    budget: Number = field(0, minimum=0, doc="Monthly budget for all channels, in `currency`.")
    currency: str = field("", doc="ISO 4217 currency code of every amount, e.g. RUB.")


@dataclass
class Audience:
    """An audience segment or persona the channels speak to."""

    id: str = id_field()
    name: str = field("", required=True, doc="Segment or persona name.")
    description: str = field("")
    age: str = field("", doc="Age range, e.g. 25-40.")
    locations: list[str] = list_field()
    languages: list[str] = list_field()
    interests: list[str] = list_field()
    pains: list[str] = list_field()
    motivations: list[str] = list_field()
    platforms: list[str] = list_field(doc="Platform ids where this audience spends time.")
    size: int = field(0, minimum=0, doc="Estimated reachable people.")


@dataclass
class Presence:
    """A competitor's account on one platform."""

    platform: str = field("", required=True, doc="Platform id.")
    url: str = field("")
    followers: int = field(0, minimum=0)
    posts_per_week: Number = field(0, minimum=0)
    engagement_rate: Number = field(0, minimum=0, doc="Percent.")
    content: str = field("", doc="What they publish there.")


@dataclass
class Competitor:
    """A competitor and where it is present."""

    id: str = id_field()
    name: str = field("", required=True)
    website: str = field("")
    strengths: list[str] = list_field()
    weaknesses: list[str] = list_field()
    notes: str = field("")
    presence: list[Presence] = list_field()


@dataclass
class Channel:
    """One of our accounts, pages or groups on a platform, with its publishing cadence."""

    id: str = id_field()
    platform: str = field("", required=True, doc="Platform id from `smm-planner platforms`.")
    name: str = field("")
    url: str = field("")
    format: str = field("", enum=COMMUNITY_FORMATS, doc="Community format; empty: the platform's default.")
    role: str = field("", doc="What this channel does in the strategy.")
    audience: list[str] = list_field(doc="Audience segment ids.")
    followers: int = field(0, minimum=0, doc="Followers today: the baseline.")
    posts_per_week: int = field(0, minimum=0)
    days: list[str] = list_field(item="day", doc="Publishing weekdays: mon … sun.")
    times: list[str] = list_field(item="time", doc="Publishing times, HH:MM.")
    pillars: list[str] = list_field(doc="Pillar ids this channel publishes; empty: every pillar.")
    ads_budget: Number = field(0, minimum=0, doc="Paid promotion per month.")


@dataclass
class Pillar:
    """A content pillar: a theme with its share of the posts, formats and topics."""

    id: str = id_field()
    name: str = field("", required=True)
    share: Number = field(0, minimum=0, doc="Percent of posts; all pillars add up to 100.")
    stage: str = field("adhesion", enum=STAGES, doc="Funnel stage the pillar serves.")
    formats: list[str] = list_field(doc="Post formats, rotated in the plan.")
    topics: list[str] = list_field(doc="Topic bank that pre-fills planned posts, in order.")


@dataclass
class Goal:
    """A measurable target on a metric, optionally for one channel and by a deadline."""

    id: str = id_field()
    title: str = field("", required=True)
    metric: str = field("", required=True, enum=METRICS)
    channel: str = field("", doc="Channel id; empty: all channels.")
    baseline: Number = field(0, minimum=0)
    target: Number = field(0, required=True, minimum=0)
    current: Number | None = field(None, minimum=0, doc="Latest measurement; absent: the baseline.")
    deadline: dt.date | None = field(None, doc="Absent: the end of the strategy period.")
    why: str = field("", doc="Why it matters (the R of SMART).")


@dataclass
class Campaign:
    """A time-boxed push (contest, paid, launch …) on some channels."""

    id: str = id_field()
    name: str = field("", required=True)
    kind: str = field("launch", enum=CAMPAIGN_KINDS)
    start: dt.date | None = field(None, required=True)
    end: dt.date | None = field(None, required=True)
    channels: list[str] = list_field(doc="Channel ids.")
    budget: Number = field(0, minimum=0)
    mechanics: str = field("")
    goal: str = field("", doc="Goal id this campaign serves.")


@dataclass
class CheckItem:
    """One SMO or tactics checklist item: its status and a note."""

    status: str = field("todo", enum=CHECK_STATUSES)
    note: str = field("")


@dataclass
class Community:
    """How the communities are run: response time, moderation, negative feedback, report cadence."""

    response_time_hours: Number = field(24, minimum=0)
    moderation: str = field("")
    negative_feedback: str = field("")
    report_every: str = field("month", enum=REPORT_CADENCES)


@dataclass
class Results:
    """What a published post achieved."""

    reach: int = field(0, minimum=0)
    likes: int = field(0, minimum=0)
    comments: int = field(0, minimum=0)
    shares: int = field(0, minimum=0)
    clicks: int = field(0, minimum=0)
    impressions: int = field(
        0, minimum=0, doc="Times the post was shown (one person may count several times)."
    )
    views: int = field(0, minimum=0, doc="Video or post views, as the platform counts them.")
    saves: int = field(0, minimum=0, doc="Saves or bookmarks.")
    follows: int = field(0, minimum=0, doc="Follows that came from this post.")

    @property
    def engagements(self) -> int:
        return self.likes + self.comments + self.shares


@dataclass
class Post:
    """One post of the content plan."""

    id: str = id_field()
    date: dt.date | None = field(None, required=True)
    time: str = field("", item="time")
    channel: str = field("", required=True, doc="Channel id.")
    pillar: str = field("", doc="Pillar id.")
    format: str = field("")
    topic: str = field("")
    text: str = field("")
    link: str = field("", doc="What the post points to, e.g. a product page with UTM tags.")
    campaign: str = field("", doc="Campaign id.")
    status: str = field("planned", enum=POST_STATUSES)
    url: str = field("", doc="The published post (its permalink); `results` fills it in.")
    results: Results | None = field(None)

    @property
    def owned_by_planner(self) -> bool:
        """`plan` may change or remove this post: untouched by a person."""
        return self.status == "planned" and not self.text and self.results is None


@dataclass
class Strategy:
    """The whole strategy file."""

    schema_version: int = field(SCHEMA_VERSION, required=True, doc="Format version: 1.")
    strategy: StrategyInfo = field(default_factory=StrategyInfo, required=True)
    audience: list[Audience] = list_field()
    competitors: list[Competitor] = list_field()
    channels: list[Channel] = list_field()
    pillars: list[Pillar] = list_field()
    goals: list[Goal] = list_field()
    campaigns: list[Campaign] = list_field()
    smo: dict[str, CheckItem] = field(default_factory=dict, doc="SMO checklist by item id.")
    tactics: dict[str, CheckItem] = field(default_factory=dict, doc="SMM tactics checklist by item id.")
    community: Community = field(default_factory=Community)
    posts: list[Post] = list_field()

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def pillar(self, pillar_id: str) -> Pillar | None:
        return next((p for p in self.pillars if p.id == pillar_id), None)

    def campaign(self, campaign_id: str) -> Campaign | None:
        return next((c for c in self.campaigns if c.id == campaign_id), None)

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)


# --- checks beyond types --------------------------------------------------------------------


def check(s: Strategy) -> Iterator[tuple[str, str]]:
    """Yield (field path, message) for every rule that spans fields, tables or the catalogs."""
    from planner import catalog

    platforms = catalog.platforms()
    info = s.strategy
    if s.schema_version != SCHEMA_VERSION:
        yield (
            "schema_version",
            f"this planner reads format version {SCHEMA_VERSION}, the file says {s.schema_version}",
        )
    period_ok = bool(info.start and info.end and info.end > info.start)
    if info.start and info.end and not period_ok:
        yield "strategy.end", f"must be after strategy.start ({info.start.isoformat()})"
    if info.country and not (len(info.country) == 2 and info.country.isalpha() and info.country.isupper()):
        yield "strategy.country", f"'{info.country}' is not a two-letter ISO 3166 code such as RU or US"
    if info.timezone and not _known_timezone(info.timezone):
        yield "strategy.timezone", f"'{info.timezone}' is not an IANA time zone such as Europe/Moscow"

    tables = {
        "audience": s.audience,
        "competitors": s.competitors,
        "channels": s.channels,
        "pillars": s.pillars,
        "goals": s.goals,
        "campaigns": s.campaigns,
        "posts": s.posts,
    }
    for table, items in tables.items():
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id and item.id in seen:
                yield f"{table}[{i}].id", f"duplicate id '{item.id}': ids must be unique within {table}"
            seen.add(item.id)
    ids = {table: {item.id for item in items} for table, items in tables.items()}

    def ref(where: str, value: str, table: str) -> Iterator[tuple[str, str]]:
        if value and value not in ids[table]:
            yield where, _unknown(value, table, ids[table])

    def platform_ref(where: str, value: str) -> Iterator[tuple[str, str]]:
        if value and value not in platforms:
            yield where, _unknown(value, "platforms", platforms)

    for a in s.audience:
        for j, p in enumerate(a.platforms):
            yield from platform_ref(f"audience[{a.id}].platforms[{j}]", p)
    for c in s.competitors:
        for j, pr in enumerate(c.presence):
            yield from platform_ref(f"competitors[{c.id}].presence[{j}].platform", pr.platform)

    for ch in s.channels:
        where = f"channels[{ch.id}]"
        yield from platform_ref(f"{where}.platform", ch.platform)
        platform = platforms.get(ch.platform)
        if platform and ch.format and ch.format not in platform.formats:
            yield (
                f"{where}.format",
                (f"{platform.name} has no '{ch.format}' format; it allows {', '.join(platform.formats)}"),
            )
        for j, a in enumerate(ch.audience):
            yield from ref(f"{where}.audience[{j}]", a, "audience")
        for j, p in enumerate(ch.pillars):
            yield from ref(f"{where}.pillars[{j}]", p, "pillars")
        for name in ("days", "times"):
            values = getattr(ch, name)
            if len(set(values)) != len(values):
                yield f"{where}.{name}", f"lists the same {name[:-1]} twice"
        if ch.days and ch.times and ch.posts_per_week > len(set(ch.days)) * len(set(ch.times)):
            yield (
                f"{where}.posts_per_week",
                (
                    f"{ch.posts_per_week} posts a week do not fit {len(set(ch.days))} days × "
                    f"{len(set(ch.times))} times; add days or times, or lower the cadence"
                ),
            )

    if s.pillars:
        total = sum(p.share for p in s.pillars)
        if abs(total - 100) > 1e-9:
            yield "pillars", f"shares add up to {total:g}, not 100"

    for g in s.goals:
        yield from ref(f"goals[{g.id}].channel", g.channel, "channels")
        if g.deadline and info.start and g.deadline < info.start:
            yield f"goals[{g.id}].deadline", "is before the strategy starts"

    for c in s.campaigns:
        where = f"campaigns[{c.id}]"
        if c.start and c.end and c.end < c.start:
            yield f"{where}.end", f"is before the campaign's start ({c.start.isoformat()})"
        for j, ch_id in enumerate(c.channels):
            yield from ref(f"{where}.channels[{j}]", ch_id, "channels")
        yield from ref(f"{where}.goal", c.goal, "goals")

    for name, items in (("smo", s.smo), ("tactics", s.tactics)):
        known = catalog.checklist_ids(name)
        for key in items:
            if key not in known:
                yield f"{name}.{key}", _unknown(key, f"{name} checklist items", known)

    # A plan has thousands of posts and nearly all are fine: each is tested with plain lookups,
    # and only a post with a problem pays for its path and message.
    channel_ids, pillar_ids, campaign_ids = ids["channels"], ids["pillars"], ids["campaigns"]
    channels = {ch.id: ch for ch in s.channels}
    limits = {
        cid: platforms[ch.platform].text_limit for cid, ch in channels.items() if ch.platform in platforms
    }
    for post in s.posts:
        channel_id, pillar_id, campaign_id, day, text = (
            post.channel, post.pillar, post.campaign, post.date, post.text
        )  # fmt: skip
        if (
            (not channel_id or channel_id in channel_ids)
            and (not pillar_id or pillar_id in pillar_ids)
            and (not campaign_id or campaign_id in campaign_ids)
            and not (day and period_ok and not info.start <= day <= info.end)  # type: ignore[operator]
            and not (text and channel_id in limits and len(text) > limits[channel_id])
        ):
            continue
        where = f"posts[{post.id}]"
        yield from ref(f"{where}.channel", post.channel, "channels")
        yield from ref(f"{where}.pillar", post.pillar, "pillars")
        yield from ref(f"{where}.campaign", post.campaign, "campaigns")
        if post.date and period_ok and not info.start <= post.date <= info.end:  # type: ignore[operator]
            yield (
                f"{where}.date",
                (
                    f"{post.date.isoformat()} is outside the strategy period "
                    f"{info.start.isoformat()} – {info.end.isoformat()}"
                ),
            )
        channel = channels.get(post.channel)
        platform = platforms.get(channel.platform) if channel else None
        if post.text and platform and len(post.text) > platform.text_limit:
            yield (
                f"{where}.text",
                (f"is {len(post.text)} characters; {platform.name} allows {platform.text_limit}"),
            )


def _unknown(value: str, what: str, known: object) -> str:
    from planner.errors import did_you_mean

    return f"unknown {_singular(what)} '{value}'{did_you_mean(value, list(known))}"  # type: ignore[call-overload]


def _singular(table: str) -> str:
    return {
        "audience": "audience segment",
        "competitors": "competitor",
        "channels": "channel",
        "pillars": "pillar",
        "goals": "goal",
        "campaigns": "campaign",
        "posts": "post",
        "platforms": "platform",
        "smo checklist items": "SMO checklist item",
        "tactics checklist items": "SMM tactic",
    }.get(table, table)


def _known_timezone(name: str) -> bool:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def pillar_shares_problem(pillars: list[Pillar]) -> str | None:
    """What is wrong with the pillars' shares ("shares add up to 90, not 100"), or None: they add up to 100."""
    if not pillars:
        return None
    total = sum(p.share for p in pillars)
    return None if abs(total - 100) <= 1e-9 else f"shares add up to {total:g}, not 100"
