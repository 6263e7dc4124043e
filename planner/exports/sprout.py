"""Sprout Social's bulk scheduling CSV: the columns `date`, `time_24hr` and `message_text`.

Source: Sprout Social Help Center, "How do I use bulk scheduling?"
(https://support.sproutsocial.com/hc/en-us/articles/115005864203-How-do-I-use-bulk-scheduling):
headers are case-sensitive and required; `date` in dd/mm/yyyy or mm/dd/yyyy, as chosen in the
import preferences; `time_24hr` on a 24-hour clock, messages at least 10 minutes apart; up to
350 messages per import; the profiles are chosen when importing, so a file holds one channel.
Dates are written dd/mm/yyyy: choose that in Sprout's import preferences. Only the documented
required columns are written, so nothing in the file can break the import.
"""

from __future__ import annotations

from planner.exports import Exported
from planner.exports._csv import limit_note, publications, to_csv, too_close
from planner.model import Post, Strategy

HEADER = ("date", "time_24hr", "message_text")
LIMIT = 350
MINUTES_APART = 10


def export(strategy: Strategy, posts: list[Post]) -> Exported:
    pubs, notes = publications(strategy, posts, "Sprout Social")
    rows: list[tuple[object, ...]] = [HEADER]
    rows += [(pub.when.strftime("%d/%m/%Y"), pub.when.strftime("%H:%M"), pub.message) for pub in pubs]
    notes.append("in Sprout Social's import preferences, choose the date format dd/mm/yyyy")
    close = too_close(pubs, MINUTES_APART)
    if close:
        notes.append(
            f"Sprout Social needs posts at least {MINUTES_APART} minutes apart; move: "
            + ", ".join(pub.post.id for pub in close[:5])
        )
    notes += limit_note(len(pubs), LIMIT, "Sprout Social")
    return Exported(to_csv(rows), len(pubs), notes)
