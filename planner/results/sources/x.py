"""X (Twitter) analytics: the current content export, and the legacy tweet activity export.

Content export (analytics → Content → Export, CSV), one row per post:
    Post id, Date, Post text, Post Link, Impressions, Likes, Engagements, Bookmarks, Shares,
    New follows, Replies, Reposts, Profile visits, Detail Expands, URL Clicks, Hashtag Clicks,
    Permalink Clicks
with `Date` like "Tue, Jul 14, 2026" (quoted: it holds commas) and no time of day.

Legacy export (analytics.twitter.com → Tweets → Export data, tweet_activity_metrics_*.csv):
    "Tweet id","Tweet permalink","Tweet text","time","impressions","engagements",
    "engagement rate","retweets","replies","likes","user profile clicks","url clicks",
    "hashtag clicks","detail expands","permalink clicks","app opens","app installs","follows",
    "email tweet","dial phone","media views","media engagements","promoted …"
with `time` in UTC and its offset written: "2026-08-15 13:12:39 +0000" (or without seconds);
some older files say "favorites" for "likes".

Measures: X reports impressions, not reach. "Engagements" counts every click on the post
(expanding it, the profile, links, hashtags, media) besides likes, replies and reposts, so it
is not likes + comments + shares and is not read. Reposts (retweets) are our shares; X's own
"Shares" (sent by message or copied link) and quote posts are not read; replies are our
comments, bookmarks our saves, URL clicks our clicks.

Sources: the headers and date forms in the test fixtures of open-source X analytics importers
(found with the code search: several parse the content export's "Tue, Jul 14, 2026" dates, and
tweet_activity_metrics headers are quoted in full by metric-file parsers and by rOpenSci's
monthly archive of its own exports), which match the issue's lists. Not confirmed: whether the
content export's Date is in UTC or the account's zone (a day only, so it matters only for
posts near midnight; it is taken as the strategy's local day).
"""

from __future__ import annotations

from planner.results.source import Source

CONTENT = Source(
    id="x-content",
    name="X analytics content export",
    platforms=("x",),
    columns={
        "url": ("post link",),
        "published": ("date",),
        "text": ("post text",),
        "impressions": ("impressions",),
        "likes": ("likes",),
        "comments": ("replies",),
        "shares": ("reposts",),
        "saves": ("bookmarks",),
        "follows": ("new follows",),
        "clicks": ("url clicks",),
        "views": ("video views",),
    },
    required=(("url", "published", "impressions"),),
    formats=("%a, %b %d, %Y", "%b %d, %Y", "%Y-%m-%d"),
    example='"Tue, Dec 15, 2026"',
)

LEGACY = Source(
    id="x-legacy",
    name="X legacy tweet activity export",
    platforms=("x",),
    columns={
        "url": ("tweet permalink",),
        "published": ("time",),
        "text": ("tweet text",),
        "impressions": ("impressions",),
        "likes": ("likes", "favorites"),
        "comments": ("replies",),
        "shares": ("retweets",),
        "follows": ("follows",),
        "clicks": ("url clicks",),
        "views": ("media views",),
    },
    required=(("url", "published", "impressions"),),
    formats=("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z"),
    example="2026-12-15 13:12:39 +0000",
)

SOURCES = (CONTENT, LEGACY)
