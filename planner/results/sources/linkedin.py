"""LinkedIn Page analytics, the content export (Analytics → Posts → Export, an .xlsx workbook).

The posts are on the sheet "All posts": row 1 holds a note on the data, row 2 the header, one
row per post below. Columns: Post title, Post link, Post type, Campaign name, Posted by,
Created date, Campaign start date, Campaign end date, Audience, Impressions, Views, Clicks,
Click through rate (CTR), Likes, Comments, Reposts, Follows, Engagement rate, Content type.
Older workbooks say Update title, Update link and Shares for Post title, Post link and Reposts.
`Created date` is `MM/DD/YYYY` (a day, no time), or a date cell that Excel formats.

Measures: LinkedIn reports impressions, not reach (no unique count per post in the export),
so `reach` stays empty and the engagement rate falls back to impressions (planner/metrics.py).
"Likes" counts every reaction. LinkedIn's own Engagement rate adds clicks and follows to the
interactions; we do not read it, so every source's rate is computed the same way.

Sources: the issue's description of the export (from LinkedIn's help on exporting Page
analytics); metric definitions from DashThis's LinkedIn Pages reference (engagement rate =
(clicks + likes + comments + shares) / impressions) and Brandwatch's LinkedIn content metrics
page (clicks exclude reactions, comments and reposts). Not confirmed on a real workbook: the
exact text of the note on row 1 (any text is skipped: the header is found on rows 1-5) and
whether `Created date` comes as text or as a date cell (both are read).
"""

from __future__ import annotations

from planner.results.source import Source

LINKEDIN = Source(
    id="linkedin",
    name="LinkedIn Page analytics (.xlsx)",
    platforms=("linkedin",),
    columns={
        "text": ("post title", "update title"),
        "url": ("post link", "update link"),
        "type": ("post type", "content type"),
        "published": ("created date",),
        "impressions": ("impressions",),
        "views": ("views", "views (excluding off-site video views)"),
        "clicks": ("clicks",),
        "likes": ("likes", "reactions"),
        "comments": ("comments",),
        "shares": ("reposts", "shares"),
        "follows": ("follows",),
    },
    required=(("url", "published", "impressions"),),
    # A date cell arrives as ISO text from the workbook reader; a text cell as LinkedIn writes it.
    formats=("%m/%d/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M"),
    example="12/05/2026",
    sheet="All posts",
)

SOURCES = (LINKEDIN,)
