"""The strategy as typed data (format version 1), with the checks that span fields and tables.

Each field is declared once, here: its type, checks, bounds, references and explanations (see
planner.fields). Bounds are chosen so that anything a real strategy holds fits with room to
spare, and nothing a typo or a hostile file holds can make a command run for minutes:

- counts (followers, reach, post results) at most 10^12; money at most 10^13 in `currency`;
  audience sizes at most 10^10 (more than the people on Earth);
- shares at most 100 %, engagement rates at most 1,000 % (a post can reach past the followers);
- a channel's posts a week at most 100 (a competitor's 1,000); reply time at most 720 hours;
- ids at most 100 characters (posts 200: their ids hold a channel id); names and titles 200;
  one-line texts (role, topic, owner) 1,000; free text 20,000; a post's text 70,000 (the
  longest platform limit, Facebook's 63,206, fits); addresses 2,048 (what browsers take);
- lists of short values at most 100 items (topics 1,000, media 50); tables at most 100 items
  (campaigns 1,000, posts 50,000);
- dates within 2000–2100, and the strategy period at most five years.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from planner.fields import FieldInfo, field, fields_of, id_field, list_field

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

# Bounds (the module's docstring says why these).
COUNT = 10**12
MONEY = 10**13
PEOPLE = 10**10
NAME = 200
LINE = 1_000
TEXT = 20_000
POST_TEXT = 70_000
URL = 2_048
SHORT_LIST = 100
TABLE = 100
MAX_PERIOD_DAYS = 5 * 365 + 2  # five years, leap days included

Number = int | float


def _url(doc: str, doc_ru: str) -> Any:
    return field("", max_length=URL, doc=doc, doc_ru=doc_ru)


@dataclass
class StrategyInfo:
    """The [strategy] table: what the plan is called, for whom, where and when."""

    name: str = field(
        "",
        required=True,
        max_length=NAME,
        doc="The strategy's title, as it heads the documents.",
        doc_ru="Название стратегии: с него начинаются документы.",
    )
    client: str = field(
        "", max_length=NAME, doc="Who the strategy is prepared for.", doc_ru="Для кого готовится стратегия."
    )
    brand: str = field(
        "",
        max_length=NAME,
        doc="The brand the communities speak for.",
        doc_ru="Бренд, от имени которого говорят сообщества.",
    )
    website: str = _url(
        "The client's site: SMO work happens there.", "Сайт клиента: на нём идёт работа по SMO."
    )
    language: str = field(
        "en",
        enum=LANGUAGES,
        doc="Language of the generated documents: en or ru.",
        doc_ru="Язык готовых документов: английский или русский.",
    )
    country: str = field(
        "",
        item="country",
        doc="ISO 3166 two-letter country code (RU, US): its public holidays are marked in the plan.",
        doc_ru="Код страны по ISO 3166 из двух латинских букв (RU, US): её праздники отмечаются в контент-плане.",
    )
    timezone: str = field(
        "",
        item="timezone",
        doc="IANA time zone of post times, e.g. Europe/Moscow.",
        doc_ru="Часовой пояс для времени публикаций по базе IANA, например Europe/Moscow.",
    )
    start: dt.date | None = field(
        None, doc="First day of the strategy period.", doc_ru="Первый день периода стратегии."
    )
    end: dt.date | None = field(
        None,
        doc="Last day of the strategy period, at most five years after the start.",
        doc_ru="Последний день периода стратегии, не позже чем через пять лет после начала.",
    )
    summary: str = field(
        "",
        widget="long",
        doc="Why this strategy exists, in a paragraph.",
        doc_ru="Зачем нужна стратегия — в одном абзаце.",
    )
    budget: Number = field(
        0,
        minimum=0,
        maximum=MONEY,
        doc="Monthly budget for all channels, in `currency`.",
        doc_ru="Бюджет в месяц на все каналы, в валюте стратегии.",
    )
    currency: str = field(
        "",
        max_length=NAME,
        doc="ISO 4217 currency code of every amount, e.g. RUB.",
        doc_ru="Код валюты по ISO 4217 для всех сумм, например RUB.",
    )
    voice: str = field(
        "",
        widget="long",
        max_length=5_000,
        doc="The brand's tone of voice: how every post sounds, what it never says.",
        doc_ru="Тон коммуникации бренда: как звучит каждый пост и чего бренд никогда не говорит.",
    )
    hashtags: list[str] = list_field(
        widget="inline",
        max_items=SHORT_LIST,
        max_length=140,
        doc="The brand's hashtags, used across the channels.",
        doc_ru="Фирменные хештеги бренда для всех каналов.",
    )


@dataclass
class Audience:
    """An audience segment or persona the channels speak to."""

    id: str = id_field()
    name: str = field(
        "",
        required=True,
        max_length=NAME,
        doc="Segment or persona name.",
        doc_ru="Название сегмента или персоны.",
    )
    description: str = field(
        "",
        widget="long",
        doc="Who these people are, in a few sentences.",
        doc_ru="Кто эти люди — в нескольких предложениях.",
    )
    age: str = field("", max_length=NAME, doc="Age range, e.g. 25-40.", doc_ru="Возраст, например 25-40.")
    locations: list[str] = list_field(
        widget="inline",
        max_items=SHORT_LIST,
        max_length=NAME,
        doc="Cities or regions where they live.",
        doc_ru="Города или регионы, где они живут.",
    )
    languages: list[str] = list_field(
        widget="inline",
        max_items=SHORT_LIST,
        max_length=NAME,
        doc="Languages they read.",
        doc_ru="Языки, на которых они читают.",
    )
    interests: list[str] = list_field(
        max_items=SHORT_LIST, doc="What they are interested in.", doc_ru="Чем они интересуются."
    )
    pains: list[str] = list_field(
        max_items=SHORT_LIST,
        doc="Problems the brand can solve for them.",
        doc_ru="Боли: проблемы, которые бренд может для них решить.",
    )
    motivations: list[str] = list_field(
        max_items=SHORT_LIST,
        doc="What makes them act or buy.",
        doc_ru="Мотивы: что побуждает их действовать и покупать.",
    )
    platforms: list[str] = list_field(
        ref="platforms",
        max_items=SHORT_LIST,
        max_length=NAME,
        doc="Platform ids where this audience spends time.",
        doc_ru="Площадки, где проводит время эта аудитория.",
    )
    size: int = field(
        0,
        minimum=0,
        maximum=PEOPLE,
        doc="Estimated reachable people.",
        doc_ru="Оценка охвата: сколько людей можно достичь.",
    )


@dataclass
class Presence:
    """A competitor's account on one platform."""

    platform: str = field(
        "",
        required=True,
        ref="platforms",
        max_length=NAME,
        doc="Platform id from `smm-planner platforms`.",
        doc_ru="Площадка из каталога (`smm-planner platforms`).",
    )
    url: str = _url("Address of the competitor's account.", "Адрес аккаунта конкурента.")
    followers: int = field(
        0, minimum=0, maximum=COUNT, doc="Followers of the account.", doc_ru="Подписчиков у аккаунта."
    )
    posts_per_week: Number = field(
        0,
        minimum=0,
        maximum=1_000,
        doc="How many posts a week they publish.",
        doc_ru="Сколько постов в неделю они публикуют.",
    )
    engagement_rate: Number = field(
        0,
        minimum=0,
        maximum=1_000,
        doc="Engagement rate, in percent.",
        doc_ru="Вовлечённость (ER), в процентах.",
    )
    content: str = field("", max_length=LINE, doc="What they publish there.", doc_ru="Что они там публикуют.")


@dataclass
class Competitor:
    """A competitor and where it is present."""

    id: str = id_field()
    name: str = field(
        "", required=True, max_length=NAME, doc="The competitor's name.", doc_ru="Название конкурента."
    )
    website: str = _url("The competitor's site.", "Сайт конкурента.")
    strengths: list[str] = list_field(
        max_items=SHORT_LIST, doc="What they do well.", doc_ru="Что у них получается хорошо."
    )
    weaknesses: list[str] = list_field(
        max_items=SHORT_LIST, doc="Where they fall short.", doc_ru="В чём они слабы."
    )
    notes: str = field("", widget="long", doc="Anything else worth knowing.", doc_ru="Прочие наблюдения.")
    presence: list[Presence] = list_field(
        max_items=50,
        doc="The competitor's accounts, one entry per platform.",
        doc_ru="Аккаунты конкурента, по одному на площадку.",
    )


@dataclass
class Channel:
    """One of our accounts, pages or groups on a platform, with its publishing cadence."""

    id: str = id_field()
    platform: str = field(
        "",
        required=True,
        ref="platforms",
        max_length=NAME,
        doc="Platform id from `smm-planner platforms`.",
        doc_ru="Площадка из каталога (`smm-planner platforms`).",
    )
    name: str = field(
        "",
        max_length=NAME,
        doc="How the channel is called in the documents.",
        doc_ru="Как канал называется в документах.",
    )
    url: str = _url("Address of the account, page or group.", "Адрес аккаунта, страницы или группы.")
    format: str = field(
        "",
        enum=COMMUNITY_FORMATS,
        choices_from="platform",
        blank="the platform's default",
        doc="Community format; empty: the platform's default.",
        doc_ru="Формат сообщества; пусто — формат площадки по умолчанию.",
    )
    role: str = field(
        "",
        max_length=LINE,
        doc="What this channel does in the strategy.",
        doc_ru="Какую задачу канал решает в стратегии.",
    )
    audience: list[str] = list_field(
        ref="audience",
        max_items=TABLE,
        max_length=100,
        doc="Audience segment ids.",
        doc_ru="Сегменты аудитории, для которых этот канал.",
    )
    followers: int = field(
        0,
        minimum=0,
        maximum=COUNT,
        doc="Followers today: the baseline.",
        doc_ru="Подписчиков сейчас: отправная точка.",
    )
    posts_per_week: int = field(
        0,
        minimum=0,
        maximum=100,
        doc="Posts a week that `plan` schedules.",
        doc_ru="Сколько постов в неделю ставит планировщик.",
    )
    days: list[str] = list_field(
        item="day",
        max_items=7,
        doc="Publishing weekdays: mon … sun.",
        doc_ru="Дни недели, в которые выходят посты.",
    )
    times: list[str] = list_field(
        item="time",
        widget="inline",
        max_items=SHORT_LIST,
        doc="Publishing times, HH:MM.",
        doc_ru="Время публикаций, ЧЧ:ММ.",
    )
    pillars: list[str] = list_field(
        ref="pillars",
        max_items=TABLE,
        max_length=100,
        doc="Pillar ids this channel publishes; empty: every pillar.",
        doc_ru="Рубрики этого канала; пусто — все рубрики.",
    )
    ads_budget: Number = field(
        0,
        minimum=0,
        maximum=MONEY,
        doc="Paid promotion per month.",
        doc_ru="Бюджет на рекламу в месяц.",
    )


@dataclass
class Pillar:
    """A content pillar: a theme with its share of the posts, formats and topics."""

    id: str = id_field()
    name: str = field(
        "",
        required=True,
        max_length=NAME,
        doc="The pillar's name, as the content plan shows it.",
        doc_ru="Название рубрики, как его показывает контент-план.",
    )
    share: Number = field(
        0,
        minimum=0,
        maximum=100,
        doc="Percent of posts; all pillars add up to 100.",
        doc_ru="Доля постов в процентах; в сумме у всех рубрик 100.",
    )
    stage: str = field(
        "adhesion",
        enum=STAGES,
        doc="Funnel stage the pillar serves: adhesion, appropriation or transmission.",
        doc_ru="Этап воронки, на который работает рубрика: присоединение, присвоение или передача.",
    )
    formats: list[str] = list_field(
        widget="inline",
        suggest="content_formats",
        max_items=SHORT_LIST,
        max_length=100,
        doc="Post formats, rotated in the plan.",
        doc_ru="Форматы постов: в плане идут по очереди.",
    )
    topics: list[str] = list_field(
        max_items=1_000,
        doc="Topic bank that pre-fills planned posts, in order.",
        doc_ru="Банк тем: по порядку подставляются в запланированные посты.",
    )


@dataclass
class Goal:
    """A measurable target on a metric, optionally for one channel and by a deadline."""

    id: str = id_field()
    title: str = field(
        "",
        required=True,
        max_length=NAME,
        doc="What the goal is, in a few words.",
        doc_ru="Цель в нескольких словах.",
    )
    metric: str = field(
        "",
        required=True,
        enum=METRICS,
        doc="The metric the goal is measured by.",
        doc_ru="Показатель, по которому измеряется цель.",
    )
    channel: str = field(
        "",
        ref="channels",
        blank="all channels",
        max_length=100,
        doc="Channel id; empty: all channels.",
        doc_ru="Канал цели; пусто — все каналы.",
    )
    baseline: Number = field(
        0, minimum=0, maximum=COUNT, doc="Value at the start.", doc_ru="Значение на старте."
    )
    target: Number = field(
        0,
        required=True,
        minimum=0,
        maximum=COUNT,
        doc="Value to reach by the deadline.",
        doc_ru="Значение, которого нужно достичь к сроку.",
    )
    current: Number | None = field(
        None,
        minimum=0,
        maximum=COUNT,
        doc="Latest measurement; absent: the baseline.",
        doc_ru="Последний замер; если его нет — исходное значение.",
    )
    deadline: dt.date | None = field(
        None,
        doc="When the target is due; absent: the end of the strategy period.",
        doc_ru="Срок; если не указан — конец периода стратегии.",
    )
    why: str = field(
        "",
        widget="long",
        doc="Why it matters (the R of SMART).",
        doc_ru="Почему это важно (R в SMART — значимость для бизнеса).",
    )


@dataclass
class Campaign:
    """A time-boxed push (contest, paid, launch …) on some channels."""

    id: str = id_field()
    name: str = field(
        "", required=True, max_length=NAME, doc="The campaign's name.", doc_ru="Название кампании."
    )
    kind: str = field(
        "launch",
        enum=CAMPAIGN_KINDS,
        doc="What sort of push it is: it sets the posts `plan` writes for it.",
        doc_ru="Тип кампании: от него зависят посты, которые планировщик для неё ставит.",
    )
    start: dt.date | None = field(
        None, required=True, doc="First day of the campaign.", doc_ru="Первый день кампании."
    )
    end: dt.date | None = field(
        None, required=True, doc="Last day of the campaign.", doc_ru="Последний день кампании."
    )
    channels: list[str] = list_field(
        ref="channels",
        max_items=TABLE,
        max_length=100,
        doc="Channel ids.",
        doc_ru="Каналы, в которых идёт кампания.",
    )
    budget: Number = field(
        0,
        minimum=0,
        maximum=MONEY,
        doc="Budget of the whole campaign.",
        doc_ru="Бюджет всей кампании.",
    )
    mechanics: str = field(
        "",
        widget="long",
        doc="How it works: what people do and what they get.",
        doc_ru="Механика: что делают участники и что получают.",
    )
    goal: str = field(
        "",
        ref="goals",
        blank="no goal",
        max_length=100,
        doc="Goal id this campaign serves.",
        doc_ru="Цель, на которую работает кампания.",
    )


@dataclass
class CheckItem:
    """One SMO or tactics checklist item: its status, a note, who owns it and by when."""

    status: str = field(
        "todo",
        enum=CHECK_STATUSES,
        doc="done, todo, or n/a when the item does not apply.",
        doc_ru="Сделано, предстоит или не относится к проекту.",
    )
    note: str = field(
        "",
        max_length=2_000,
        doc="What is left to do, or why it does not apply.",
        doc_ru="Что осталось сделать или почему пункт не относится к проекту.",
    )
    owner: str = field("", max_length=NAME, doc="Who is responsible for it.", doc_ru="Кто за это отвечает.")
    due: dt.date | None = field(None, doc="When it should be done.", doc_ru="К какому сроку сделать.")


@dataclass
class Community:
    """How the communities are run: response time, moderation, negative feedback, report cadence."""

    response_time_hours: Number = field(
        24,
        minimum=0,
        maximum=720,
        doc="Hours within which every message gets a reply.",
        doc_ru="За сколько часов отвечаем на каждое сообщение.",
    )
    moderation: str = field(
        "",
        widget="long",
        doc="Moderation rules: what is removed, and how fast.",
        doc_ru="Правила модерации: что удаляем и как быстро.",
    )
    negative_feedback: str = field(
        "",
        widget="long",
        doc="How negative reactions are handled.",
        doc_ru="Как работаем с негативом.",
    )
    report_every: str = field(
        "month",
        enum=REPORT_CADENCES,
        doc="How often the client gets a report: week or month.",
        doc_ru="Как часто клиент получает отчёт: раз в неделю или раз в месяц.",
    )


def _count(doc: str, doc_ru: str) -> Any:
    return field(0, minimum=0, maximum=COUNT, doc=doc, doc_ru=doc_ru)


@dataclass
class Results:
    """What a published post achieved."""

    reach: int = _count("People who saw the post.", "Охват: сколько человек увидели пост.")
    likes: int = _count("Likes or reactions.", "Отметки «Нравится» или реакции.")
    comments: int = _count("Comments.", "Комментарии.")
    shares: int = _count("Shares or reposts.", "Репосты.")
    clicks: int = _count("Clicks on the post's link.", "Переходы по ссылке из поста.")
    impressions: int = _count(
        "Times the post was shown, repeat views included.", "Показы поста, включая повторные."
    )
    views: int = _count(
        "Video views, or views as the platform counts them.",
        "Просмотры видео или просмотры, как их считает площадка.",
    )
    saves: int = _count("Times the post was saved or bookmarked.", "Сколько раз пост сохранили в закладки.")
    follows: int = _count(
        "People who followed the account from this post.", "Сколько человек подписались после этого поста."
    )

    @property
    def engagements(self) -> int:
        return self.likes + self.comments + self.shares


# Every metric of Results, in the order of the file, the CSV export and the results import.
RESULT_METRICS = tuple(f.name for f in fields_of(Results))


@dataclass
class Post:
    """One post of the content plan."""

    id: str = id_field(max_length=200)
    date: dt.date | None = field(
        None,
        required=True,
        doc="Publishing day, within the strategy period.",
        doc_ru="День публикации, в пределах периода стратегии.",
    )
    time: str = field("", item="time", doc="Publishing time, HH:MM.", doc_ru="Время публикации, ЧЧ:ММ.")
    channel: str = field(
        "",
        required=True,
        ref="channels",
        on_delete="delete",
        max_length=100,
        doc="Channel id.",
        doc_ru="Канал, в котором выйдет пост.",
    )
    pillar: str = field(
        "",
        ref="pillars",
        blank="no pillar",
        max_length=100,
        doc="Pillar id.",
        doc_ru="Рубрика поста.",
    )
    format: str = field(
        "",
        suggest="content_formats",
        max_length=100,
        doc="Post format: photo, video, carousel …",
        doc_ru="Формат поста: фото, видео, карусель…",
    )
    topic: str = field("", max_length=LINE, doc="What the post is about.", doc_ru="О чём пост.")
    text: str = field(
        "",
        widget="long",
        max_length=POST_TEXT,
        doc="The post's text; it must fit its platform's limit.",
        doc_ru="Текст поста; он должен уложиться в лимит площадки.",
    )
    campaign: str = field(
        "",
        ref="campaigns",
        blank="no campaign",
        max_length=100,
        doc="Campaign id.",
        doc_ru="Кампания, к которой относится пост.",
    )
    status: str = field(
        "planned",
        enum=POST_STATUSES,
        doc="Where the post is: planned, draft, approved, scheduled, published or skipped.",
        doc_ru="Стадия поста: запланирован, черновик, согласован, в отложенных, опубликован или пропущен.",
    )
    link: str = _url(
        "Where the post points to, e.g. a product page with UTM tags.",
        "Куда ведёт пост: например, страница товара с UTM-метками.",
    )
    media: list[str] = list_field(
        max_items=50,
        max_length=URL,
        doc="Images or video of the post, by URL.",
        doc_ru="Картинки или видео поста — ссылками.",
    )
    owner: str = field("", max_length=NAME, doc="Who prepares the post.", doc_ru="Кто готовит пост.")
    url: str = _url("Address of the published post.", "Ссылка на опубликованный пост.")
    results: Results | None = field(
        None,
        doc="What the post achieved, filled in after publishing.",
        doc_ru="Результаты поста, заполняются после публикации.",
    )

    @property
    def owned_by_planner(self) -> bool:
        """`plan` may change or remove this post: untouched by a person."""
        return self.status == "planned" and not self.text and self.results is None


@dataclass
class Strategy:
    """The whole strategy file."""

    schema_version: int = field(
        SCHEMA_VERSION, required=True, doc="Format version: 1.", doc_ru="Версия формата файла: 1."
    )
    strategy: StrategyInfo = field(
        default_factory=StrategyInfo,
        required=True,
        doc="What the plan is called, for whom, where and when.",
        doc_ru="Название стратегии, клиент, страна и сроки.",
    )
    audience: list[Audience] = list_field(
        max_items=TABLE, doc="Audience segments and personas.", doc_ru="Сегменты аудитории и персоны."
    )
    competitors: list[Competitor] = list_field(
        max_items=TABLE,
        doc="Competitors and their accounts.",
        doc_ru="Конкуренты и их аккаунты.",
    )
    channels: list[Channel] = list_field(
        max_items=TABLE,
        doc="Our accounts, pages and groups, with their publishing cadence.",
        doc_ru="Наши аккаунты, страницы и группы с графиком публикаций.",
    )
    pillars: list[Pillar] = list_field(
        max_items=TABLE,
        doc="Content pillars (rubrics); their shares add up to 100.",
        doc_ru="Контентные рубрики; их доли в сумме дают 100.",
    )
    goals: list[Goal] = list_field(max_items=TABLE, doc="SMART goals.", doc_ru="Цели по SMART.")
    campaigns: list[Campaign] = list_field(
        max_items=1_000,
        doc="Contests, giveaways, launches and other time-boxed pushes.",
        doc_ru="Конкурсы, розыгрыши, запуски и другие кампании с датами.",
    )
    smo: dict[str, CheckItem] = field(
        default_factory=dict,
        ref="smo",
        doc="SMO checklist by item id (`smm-planner checklist` lists them).",
        doc_ru="Чек-лист SMO по id пунктов (их список — `smm-planner checklist`).",
    )
    tactics: dict[str, CheckItem] = field(
        default_factory=dict,
        ref="tactics",
        doc="SMM tactics checklist by item id.",
        doc_ru="Чек-лист тактик SMM по id пунктов.",
    )
    community: Community = field(
        default_factory=Community,
        doc="How the communities are run.",
        doc_ru="Как ведём сообщества.",
    )
    posts: list[Post] = list_field(
        max_items=50_000,
        doc="The content plan: one table per post.",
        doc_ru="Контент-план: по таблице на пост.",
    )

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def pillar(self, pillar_id: str) -> Pillar | None:
        return next((p for p in self.pillars if p.id == pillar_id), None)

    def campaign(self, campaign_id: str) -> Campaign | None:
        return next((c for c in self.campaigns if c.id == campaign_id), None)

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)


# --- what refers to what, from the declarations -------------------------------------------------


@cache
def tables() -> dict[str, type]:
    """The top-level lists of the file and the dataclass of their items, in the file's order."""
    return {f.name: f.inner for f in fields_of(Strategy) if f.kind == "tables"}


@cache
def referrers(table: str) -> tuple[tuple[str, FieldInfo], ...]:
    """Who refers to an item of a top-level table: (the referring table, its field)."""
    return tuple(
        (other, info) for other, cls in tables().items() for info in fields_of(cls) if info.ref == table
    )


def catalog_ids(ref: str) -> tuple[str, ...] | None:
    """The ids of a built-in catalog a reference names; None for a table of the file."""
    from planner import catalog

    if ref == "platforms":
        return tuple(catalog.platforms())
    if ref in ("smo", "tactics"):
        return catalog.checklist_ids(ref)
    return None


def pillar_shares_problem(pillars: list[Pillar]) -> str | None:
    """What is wrong with the pillars' shares together ("shares add up to 90, not 100"), or None."""
    if not pillars:
        return None
    total = sum(p.share for p in pillars)
    if abs(total - 100) > 1e-9:
        return f"shares add up to {total:g}, not 100"
    return None


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
    if period_ok and (info.end - info.start).days > MAX_PERIOD_DAYS:  # type: ignore[operator]
        days = (info.end - info.start).days  # type: ignore[operator]
        yield "strategy.end", f"is {days:,} days after strategy.start; a strategy covers at most five years"

    lists = {name: getattr(s, name) for name in tables()}
    for table, items in lists.items():
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id and item.id in seen:
                yield f"{table}[{i}].id", f"duplicate id '{item.id}': ids must be unique within {table}"
            seen.add(item.id)
    known: dict[str, Any] = {table: {item.id for item in items} for table, items in lists.items()}
    known["platforms"] = platforms

    channels = {ch.id: ch for ch in s.channels}
    # The shortest limit of each channel's platform, any format: only a text past it pays for its format's.
    shortest = {
        cid: min(
            [platforms[ch.platform].text_limit, *(f.limit for f in platforms[ch.platform].format_limits)]
        )
        for cid, ch in channels.items()
        if ch.platform in platforms
    }
    for field_info in fields_of(Strategy):
        table = field_info.name
        if field_info.kind == "mapping" and field_info.ref:
            ids = catalog_ids(field_info.ref) or ()
            for key in getattr(s, table):
                if key not in ids:
                    yield f"{table}.{key}", _unknown(key, field_info.ref, ids)
        if table not in lists:
            continue
        cls = tables()[table]
        # A plan has thousands of posts and nearly all are fine: each is tested with plain
        # lookups, and only an item with a problem pays for its path and message.
        refs = [(f.name, f.kind == "list", known[f.ref], f.ref) for f in _reference_fields(cls)]
        # Items with a reference that names nothing, found by a test written out from the
        # declarations; only those pay for the loop that says which and where.
        for item in _unresolved(cls)(lists[table], *(ids for _, _, ids, _ in refs)):
            for name, many, ids, ref in refs:
                value = getattr(item, name)
                if many:
                    for j, v in enumerate(value):
                        if v and v not in ids:
                            yield f"{table}[{item.id}].{name}[{j}]", _unknown(v, ref, ids)
                elif value and value not in ids:
                    yield f"{table}[{item.id}].{name}", _unknown(value, ref, ids)
        nested = _nested_fields(cls)
        choices = [f for f in fields_of(cls) if f.choices_from]
        if table == "posts":
            start, end = info.start, info.end
            for item in lists[table]:
                day, text = item.date, item.text
                if day and period_ok and not start <= day <= end:
                    yield (
                        f"posts[{item.id}].date",
                        (
                            f"{day.isoformat()} is outside the strategy period "
                            f"{info.start.isoformat()} – {info.end.isoformat()}"  # type: ignore[union-attr]
                        ),
                    )
                if text and item.channel in shortest and len(text) > shortest[item.channel]:
                    problem = _text_limit_problem(
                        platforms[channels[item.channel].platform], item.format, text
                    )
                    if problem:
                        yield f"posts[{item.id}].text", problem
            continue
        for item in lists[table]:
            for choice in choices:  # a value the catalog entry another field names must allow
                entry = platforms.get(getattr(item, choice.choices_from))
                yield from _platform_choice(item, choice, entry, f"{table}[{item.id}]")
            for sub in nested:
                yield from _nested_problems(item, sub, f"{table}[{item.id}]", known)
            if table == "channels":
                yield from _channel_problems(item)
            elif table == "goals" and item.deadline and info.start and item.deadline < info.start:
                yield f"goals[{item.id}].deadline", "is before the strategy starts"
            elif table == "campaigns" and item.start and item.end and item.end < item.start:
                yield (
                    f"campaigns[{item.id}].end",
                    f"is before the campaign's start ({item.start.isoformat()})",
                )
        if table == "pillars":
            problem = pillar_shares_problem(s.pillars)
            if problem:
                yield "pillars", problem


@cache
def _reference_fields(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of a class that name an item of a table or a catalog, in the file's order."""
    return tuple(info for info in fields_of(cls) if info.ref and info.kind in ("str", "list"))


@cache
def _unresolved(cls: type) -> Any:
    """`_unresolved(Post)(posts, channel_ids, pillar_ids, campaign_ids)`: the items with a
    reference that names nothing known, by a test written out from the declarations (`ref=`)
    so that the thousands of posts are tested with plain lookups."""
    refs = _reference_fields(cls)
    tests = [
        f"all(not v or v in k{n} for v in item.{f.name})"
        if f.kind == "list"
        else f"(not item.{f.name} or item.{f.name} in k{n})"
        for n, f in enumerate(refs)
    ]
    params = "".join(f", k{n}" for n in range(len(refs)))
    source = f"def unresolved(items{params}):\n    return [item for item in items if not ({' and '.join(tests) or 'True'})]"
    env: dict[str, Any] = {}
    exec(source, env)  # code written above from the field declarations
    return env["unresolved"]


@cache
def _nested_fields(cls: type) -> tuple[FieldInfo, ...]:
    """Nested tables whose items refer to something (a competitor's presence entries)."""
    return tuple(
        info
        for info in fields_of(cls)
        if info.kind == "tables" and (_reference_fields(info.inner) or _nested_fields(info.inner))
    )


def _nested_problems(
    item: Any, info: FieldInfo, where: str, known: dict[str, Any]
) -> Iterator[tuple[str, str]]:
    for j, sub in enumerate(getattr(item, info.name)):
        at = f"{where}.{info.name}[{j}]"
        for ref_info in _reference_fields(info.inner):
            ids, value = known[ref_info.ref], getattr(sub, ref_info.name)
            for k, v in enumerate(value) if ref_info.kind == "list" else ((None, value),):
                if v and v not in ids:
                    yield (
                        f"{at}.{ref_info.name}" + ("" if k is None else f"[{k}]"),
                        _unknown(v, ref_info.ref, ids),
                    )
        for deeper in _nested_fields(info.inner):
            yield from _nested_problems(sub, deeper, at, known)


def _text_limit_problem(platform: Any, post_format: str, text: str) -> str | None:
    """What is wrong with a post's text that is too long for its format on its platform, if it is."""
    limit = platform.format_limit(post_format)
    allowed = platform.text_limit if limit is None else limit.limit
    if len(text) <= allowed:
        return None
    if limit is None:
        note = f" ({platform.text_limit_note.split(' (')[0]})" if platform.text_limit_note else ""
        return f"is {len(text):,} characters; {platform.name} allows {allowed:,}{note}"
    return (
        f"is {len(text):,} characters; {platform.name} allows {allowed:,} for {limit.what} "
        f"({platform.text_limit:,} for a text post)"
    )


def _channel_problems(ch: Channel) -> Iterator[tuple[str, str]]:
    where = f"channels[{ch.id}]"
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


def _platform_choice(item: Any, info: FieldInfo, platform: Any, where: str) -> Iterator[tuple[str, str]]:
    value = getattr(item, info.name)
    if value and platform and value not in platform.formats:
        yield (
            f"{where}.{info.name}",
            f"{platform.name} has no '{value}' format; it allows {', '.join(platform.formats)}",
        )


def _unknown(value: str, ref: str, known: object) -> str:
    from planner.errors import did_you_mean

    return f"unknown {_singular(ref)} '{value}'{did_you_mean(value, list(known))}"  # type: ignore[call-overload]


def _singular(ref: str) -> str:
    return {
        "audience": "audience segment",
        "competitors": "competitor",
        "channels": "channel",
        "pillars": "pillar",
        "goals": "goal",
        "campaigns": "campaign",
        "posts": "post",
        "platforms": "platform",
        "smo": "SMO checklist item",
        "tactics": "SMM tactic",
    }.get(ref, ref)
