"""Our own CSV layout: a sheet the team keeps, the plan from `export -f csv` with results typed in, or
statistics copied from VK, Telegram, Odnoklassniki and Dzen dashboards or analytics services.

Those platforms have no per-post export of their own (VK's community statistics export is by
day; Telegram's is in the app), so marketers copy the numbers, or download them from services
such as TGStat or Popsters, into a sheet with Russian or English headers. What we read:

- Delimiter `,`, `;` or tab (Russian Excel writes `;`); UTF-8, UTF-16/32 or Windows-1251.
- Headers, case-insensitive (the first name listed wins when a file has several for one field):

  | field       | header names |
  | ----------- | ------------ |
  | id          | id, post id, post_id, ид, id поста, идентификатор |
  | date        | date, publish date, published, дата, дата публикации (a time may follow the date) |
  | time        | time, publish time, время, время публикации |
  | channel     | channel, network, social network, profile, account, канал, сеть, соцсеть, площадка, сообщество |
  | url         | url, post url, permalink, post link, ссылка, ссылка на пост, ссылка на публикацию |
  | text        | text, post text, текст, текст поста, текст публикации |
  | reach       | reach, охват, охваты, охват публикации |
  | impressions | impressions, показы |
  | views       | views, просмотры |
  | likes       | likes, like, reactions, лайки, нравится, отметки «нравится», реакции, класс, классы |
  | comments    | comments, комментарии, комменты |
  | shares      | shares, reposts, repost, репосты, поделились, пересылки |
  | saves       | saves, bookmarks, сохранения, в закладках |
  | follows     | follows, new follows, подписки, подписались |
  | clicks      | clicks, link clicks, переходы, переходы по ссылке, клики, клики по ссылке |

  A file with no reach column has its Impressions (Показы), else its Views (Просмотры), read
  as reach: Telegram and Dzen count views, and such files were read that way before the
  separate measures existed.
- Dates `2026-12-01`, `2026/12/01`, `01.12.2026`, `01.12.26`, or `1/12/2026` when the file's
  slash dates show which part is the day (a part above 12).
- A row finds its post by `id`, by `url`, else by channel (an id, a name, a platform with one
  channel, or the handle in the channel's url: `@sovushka_example`) and date, with the time.

Source: this project's own format (README, "Publishing and measuring"); the Russian names are
those of VK's, Telegram's (TGStat) and Odnoklassniki's statistics screens.
"""

from __future__ import annotations

from planner.results.source import Source

OURS = Source(
    id="ours",
    name="our CSV layout",
    platforms=(),
    columns={
        "id": ("id", "post id", "post_id", "ид", "id поста", "идентификатор"),
        "date": ("date", "publish date", "published", "дата", "дата публикации"),
        "time": ("time", "publish time", "время", "время публикации"),
        "channel": (
            "channel",
            "network",
            "social network",
            "profile",
            "account",
            "канал",
            "сеть",
            "соцсеть",
            "площадка",
            "сообщество",
        ),
        "url": (
            "url",
            "post url",
            "permalink",
            "post link",
            "ссылка",
            "ссылка на пост",
            "ссылка на публикацию",
        ),
        "text": ("text", "post text", "текст", "текст поста", "текст публикации"),
        "reach": ("reach", "охват", "охваты", "охват публикации"),
        "impressions": ("impressions", "показы"),
        "views": ("views", "просмотры"),
        "likes": (
            "likes",
            "like",
            "reactions",
            "лайки",
            "нравится",
            "отметки «нравится»",
            "реакции",
            "класс",
            "классы",
        ),
        "comments": ("comments", "комментарии", "комменты"),
        "shares": ("shares", "reposts", "repost", "репосты", "поделились", "пересылки"),
        "saves": ("saves", "bookmarks", "сохранения", "в закладках"),
        "follows": ("follows", "new follows", "подписки", "подписались"),
        "clicks": ("clicks", "link clicks", "переходы", "переходы по ссылке", "клики", "клики по ссылке"),
    },
    required=(("id",), ("url",), ("date", "channel")),
    stand_ins={"reach": ("impressions", "views")},
    no_time_hint="add a time column, or an id column",
)

SOURCES = (OURS,)
