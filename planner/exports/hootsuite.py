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
The link column stays empty: the plan keeps links inside the text.
"""

from __future__ import annotations

from planner.exports import Exported
from planner.exports._csv import limit_note, publications, to_csv, too_close
from planner.model import Post, Strategy

LIMIT = 350


def export(strategy: Strategy, posts: list[Post]) -> Exported:
    pubs, notes = publications(strategy, posts, "Hootsuite")
    rows = [(pub.when.strftime("%d/%m/%Y %H:%M"), pub.message, "") for pub in pubs]
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
    notes += limit_note(len(pubs), LIMIT, "Hootsuite")
    return Exported(to_csv(rows), len(pubs), notes)
