"""Buffer's bulk-upload CSV: one channel per file, the columns Buffer's Help Center documents.

Source: Buffer's Help Center article on bulk uploads (support.buffer.com, article 926), as
quoted by integrations that write these files (we could not read the article itself):
headers `Text,Image URL,Tags,Posting Time`, case-sensitive, in that order; `Posting Time` as
`YYYY-MM-DD HH:mm` on a 24-hour clock in the channel's time zone; one channel per upload (the
channel is picked in Buffer's upload dialog); at most 100 posts per file on paid plans (10 on
the free plan). `Image URL` must be a direct link to a .jpg/.png; the plan has no images, so it
is left empty for the person to add media in Buffer. `Tags` carries the pillar's name, so the
posts are grouped by pillar in Buffer. Drafts or scheduled posts are chosen in that dialog too.
"""

from __future__ import annotations

from planner.exports import Exported
from planner.exports._csv import limit_note, publications, to_csv
from planner.model import Post, Strategy

HEADER = ("Text", "Image URL", "Tags", "Posting Time")
LIMIT = 100


def export(strategy: Strategy, posts: list[Post]) -> Exported:
    pubs, notes = publications(strategy, posts, "Buffer")
    rows: list[tuple[object, ...]] = [HEADER]
    for pub in pubs:
        pillar = strategy.pillar(pub.post.pillar)
        rows.append((pub.message, "", pillar.name if pillar else "", pub.when.strftime("%Y-%m-%d %H:%M")))
    notes += limit_note(len(pubs), LIMIT, "Buffer (paid plans; 10 on the free plan)")
    return Exported(to_csv(rows), len(pubs), notes)
