"""Hootsuite's Bulk Composer CSV: date and time, post text, link, in columns A, B and C.

Sources: the "format and rules" text Hootsuite's Bulk Composer shows beside its upload button
(seen in the composer's own interface strings): column A "Date and time (required)" in
Day/Month/Year, Month/Day/Year, Year/Month/Day or Year/Day/Month with Hour:Minute; column B
"Post text (required)"; column C "Link (optional)"; times in the future, ending in 0 or 5
(09:15, 09:20), one post per time slot, no duplicate posts, at most 350 posts across the chosen
social accounts. Users' accounts of the feature say the same ("the date and time stamp, the
message, and the link", https://kim-iverson-headlee.blogspot.com/2016/08/the-business-of-writing-using-hootsuite.html).
Columns are read by position, and files made for it carry no header row
(github.com/cmaenner/hootsuite-bulk-composer, tmp/example.csv), so none is written here. Dates are
written Day/Month/Year (`31/12/2026 20:00`): choose that format when Hootsuite asks how to read
them. The social account is chosen in the upload dialog, so a file holds one channel.
The link column carries the post's `link`. No column takes images or videos: a post's media are
attached in the composer's review step, and the notes say which posts have them.

The platforms Hootsuite publishes to are the social accounts its Help Center says an organization
connects (https://help.hootsuite.com/hc/en-us/articles/1260804307689, updated March 2025):
Facebook, Instagram, LinkedIn, Threads, X, TikTok, YouTube and Pinterest (and WhatsApp, which our
catalog does not have); not VK, Telegram, Odnoklassniki, Dzen or Rutube.
"""

from __future__ import annotations

from planner.exports import Exported, ExportOptions
from planner.exports._csv import (
    Scheduler,
    attach_media_notes,
    formula_notes,
    limit_note,
    publications,
    to_csv,
    too_close,
)
from planner.model import Post, Strategy

SCHEDULER = Scheduler(
    name="Hootsuite",
    platforms=("facebook", "instagram", "linkedin", "threads", "x", "tiktok", "youtube", "pinterest"),
    source="https://help.hootsuite.com/hc/en-us/articles/1260804307689",
)
LIMIT = 350


def export(strategy: Strategy, posts: list[Post], options: ExportOptions) -> Exported:
    pubs, notes = publications(strategy, posts, SCHEDULER, options)
    rows = [(pub.when.strftime("%d/%m/%Y %H:%M"), pub.message, pub.post.link.strip()) for pub in pubs]
    notes.append("in Hootsuite's upload dialog, read the dates as Day/Month/Year Hour:Minute")
    odd = [pub for pub in pubs if pub.when.minute % 5]
    if odd:
        notes.append(
            f"Hootsuite needs times ending in 0 or 5; move {len(odd)} post(s): "
            + ", ".join(f"{pub.post.id} at {pub.when:%H:%M}" for pub in odd[:5])
        )
    same_slot = too_close(pubs, 1)
    if same_slot:
        notes.append(
            "Hootsuite takes one post per time slot; these share a slot with the previous post: "
            + ", ".join(pub.post.id for pub in same_slot[:5])
        )
    notes += attach_media_notes(pubs, "Hootsuite", "the composer's review step")
    notes += formula_notes(pubs, "Hootsuite")
    notes += limit_note(len(pubs), LIMIT, "Hootsuite")
    return Exported(to_csv(rows), len(pubs), notes)
