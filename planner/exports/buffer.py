"""Buffer's bulk-upload CSV: one channel per file, the columns Buffer's Help Center documents.

Source: Buffer's Help Center article on bulk uploads (support.buffer.com, article 926), as
quoted by integrations that write these files (we could not read the article itself):
headers `Text,Image URL,Tags,Posting Time`, case-sensitive, in that order; `Posting Time` as
`YYYY-MM-DD HH:mm` on a 24-hour clock in the channel's time zone; one channel per upload (the
channel is picked in Buffer's upload dialog); at most 100 posts per file on paid plans (10 on
the free plan). `Image URL` must be a direct link to an image (a .jpg or .png): it carries the
post's first `media` address, the rest are added in Buffer. `Tags` carries the pillar's name, so
the posts are grouped by pillar in Buffer. Drafts or scheduled posts are chosen in that dialog too.

The platforms Buffer publishes to are those of its Help Center's list of channels and their
character limits (https://support.buffer.com/article/588-character-limits-for-each-social-network):
Facebook pages and groups, Instagram, X, LinkedIn, Pinterest, TikTok, YouTube (Shorts) and Threads
of our catalog (and Mastodon, Bluesky and Start Pages, which it does not have); not VK, Telegram,
Odnoklassniki, Dzen or Rutube.
"""

from __future__ import annotations

from planner.exports import Exported, ExportOptions
from planner.exports._csv import Scheduler, formula_notes, limit_note, media_notes, publications, to_csv
from planner.model import Post, Strategy

SCHEDULER = Scheduler(
    name="Buffer",
    platforms=("facebook", "instagram", "x", "linkedin", "pinterest", "tiktok", "youtube", "threads"),
    source="https://support.buffer.com/article/588-character-limits-for-each-social-network",
)
HEADER = ("Text", "Image URL", "Tags", "Posting Time")
LIMIT = 100


def export(strategy: Strategy, posts: list[Post], options: ExportOptions) -> Exported:
    pubs, notes = publications(strategy, posts, SCHEDULER, options)
    rows: list[tuple[object, ...]] = [HEADER]
    for pub in pubs:
        pillar = strategy.pillar(pub.post.pillar)
        image = pub.media[0] if pub.media else ""
        rows.append((pub.message, image, pillar.name if pillar else "", pub.when.strftime("%Y-%m-%d %H:%M")))
    notes += media_notes(pubs, "Buffer") + formula_notes(pubs, "Buffer")
    notes += limit_note(len(pubs), LIMIT, "Buffer (paid plans; 10 on the free plan)")
    return Exported(to_csv(rows), len(pubs), notes)
