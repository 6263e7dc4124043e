"""Sprout Social's bulk scheduling CSV: the columns `date`, `time_24hr`, `message_text` and `public_image_url`.

Source: Sprout Social Help Center, "How do I use bulk scheduling?"
(https://support.sproutsocial.com/hc/en-us/articles/115005864203-How-do-I-use-bulk-scheduling):
headers are case-sensitive and required; `date` in dd/mm/yyyy or mm/dd/yyyy, as chosen in the
import preferences; `time_24hr` on a 24-hour clock, messages at least 10 minutes apart and at least
10 minutes after the upload; up to 350 messages per import, which may carry links and images; the
profiles are chosen when importing, so a file holds one channel. Dates are written dd/mm/yyyy:
choose that in Sprout's import preferences.

The image column: the article's text that our search tools show stops at the required columns;
`public_image_url` is the column Sprout's template names for a message's image, as integrations that
write these files use it (a public TypeScript generator of Sprout imports writes
`date,time_24hr,message_text,public_image_url`). It is written only when a post of the file has
media, so a file without media has the documented required columns alone.

The platforms Sprout Social publishes to are the profiles its API documentation lists
(https://api.sproutsocial.com/docs): X, Facebook Pages, Instagram Business, LinkedIn Pages,
Pinterest, TikTok and YouTube; not VK, Telegram, Odnoklassniki, Dzen, Rutube or Threads.
"""

from __future__ import annotations

from planner.exports import Exported, ExportOptions
from planner.exports._csv import (
    Scheduler,
    formula_notes,
    limit_note,
    media_notes,
    publications,
    to_csv,
    too_close,
)
from planner.model import Post, Strategy

SCHEDULER = Scheduler(
    name="Sprout Social",
    platforms=("x", "facebook", "instagram", "linkedin", "pinterest", "tiktok", "youtube"),
    source="https://api.sproutsocial.com/docs",
)
HEADER = ("date", "time_24hr", "message_text")
MEDIA_COLUMN = "public_image_url"
LIMIT = 350
MINUTES_APART = 10


def export(strategy: Strategy, posts: list[Post], options: ExportOptions) -> Exported:
    pubs, notes = publications(strategy, posts, SCHEDULER, options)
    with_media = any(pub.media for pub in pubs)
    rows: list[tuple[object, ...]] = [(*HEADER, MEDIA_COLUMN) if with_media else HEADER]
    for pub in pubs:
        row: tuple[object, ...] = (pub.when.strftime("%d/%m/%Y"), pub.when.strftime("%H:%M"), pub.message)
        rows.append((*row, pub.media[0] if pub.media else "") if with_media else row)
    notes.append("in Sprout Social's import preferences, choose the date format dd/mm/yyyy")
    close = too_close(pubs, MINUTES_APART)
    if close:
        notes.append(
            f"Sprout Social needs posts at least {MINUTES_APART} minutes apart; move: "
            + ", ".join(pub.post.id for pub in close[:5])
        )
    notes += media_notes(pubs, "Sprout Social") + formula_notes(pubs, "Sprout Social")
    notes += limit_note(len(pubs), LIMIT, "Sprout Social")
    return Exported(to_csv(rows), len(pubs), notes)
