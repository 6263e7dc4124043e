"""Meta Business Suite post exports (Insights → Content → Export data, CSV), for Instagram and for Facebook.

The layout, as Meta writes it in English: one row per post, any column order, numbers in
quotes with thousands separators ("12,400"), `Publish time` as `MM/DD/YYYY HH:MM`, and a
`Date` column that holds the word "Lifetime" (the period of the figures, not a date: not read).

    Instagram: Post ID, Account ID, Account username, Account name, Description, Duration (sec),
               Publish time, Permalink, Post type, Data comment, Date, Views, Reach, Likes, Shares,
               Follows, Comments, Saves
    Facebook:  Post ID, Page ID, Page name, Title, Description, Duration (sec), Publish time,
               Caption type, Permalink, Is crosspost, Is share, Post type, Languages, Custom labels,
               Funded content status, Data comment, Date, Views, Reach, Reactions, Comments and
               Shares, Reactions, Comments, Shares, Total clicks, Link clicks, Other clicks, …

Sources: the column lists of Instagram and Facebook exports quoted in the tests and parsers of
open-source tools that import them (found with the code search: a social-insights service's
`_parse_instagram_posts_csv` test, a Metricool-style importer's column table, a Facebook
Insights loader's header aliases), which agree with each other and with the issue's list; the
meaning of Reach (unique accounts) and Views from Meta's Graph API insights reference
(developers.facebook.com/docs/graph-api/reference/insights). Older exports had `Impressions`
where newer ones have `Views`; both are read.

Not confirmed: the Russian headers. Meta localises the export to the account's interface
language and no Russian export could be found in public; the names below are the words of
Meta's Russian interface ("Охват", "Отметки «Нравится»", "Сохранения", "Постоянная ссылка", …).
A Russian file whose headers differ is refused with the list of kinds we read, never misread:
add the names here.

The time in `Publish time` is taken as local time of the strategy (`strategy.timezone`), as
Business Suite shows it to the person who exported it; see planner/results/matching.py.
"""

from __future__ import annotations

from planner.results.source import Source

_COMMON = {
    "published": ("publish time", "время публикации"),
    "url": ("permalink", "постоянная ссылка", "ссылка"),
    "type": ("post type", "тип публикации"),
    "reach": ("reach", "охват"),
    "comments": ("comments", "комментарии"),
    "shares": ("shares", "поделились", "репосты"),
    "views": ("views", "просмотры"),
    "impressions": ("impressions", "показы"),
    "follows": ("follows", "подписки"),
}
_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S")

INSTAGRAM = Source(
    id="meta-instagram",
    name="Meta Business Suite export (Instagram posts)",
    platforms=("instagram",),
    columns={
        **_COMMON,
        "account": ("account username", "имя пользователя аккаунта", "имя пользователя"),
        "text": ("description", "описание"),
        "likes": ("likes", "отметки «нравится»", "нравится"),
        "saves": ("saves", "сохранения"),
    },
    required=(("account", "published", "url"),),
    formats=_FORMATS,
    example="12/05/2026 08:03",
)

FACEBOOK = Source(
    id="meta-facebook",
    name="Meta Business Suite export (Facebook posts)",
    platforms=("facebook",),
    columns={
        **_COMMON,
        "account": ("page name", "название страницы", "имя страницы"),
        # Facebook's Title is the post's text when it has one; Description is the same text on some posts.
        "text": ("title", "description", "название", "описание"),
        "likes": ("reactions", "реакции"),
        "clicks": ("link clicks", "клики по ссылке", "переходы по ссылке"),
    },
    required=(("account", "published", "url"),),
    formats=_FORMATS,
    example="12/05/2026 12:30",
)

SOURCES = (INSTAGRAM, FACEBOOK)
