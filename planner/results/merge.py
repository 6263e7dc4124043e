"""The merge: one statistics file's matched rows written into the posts, the rest listed, and the summary.

A matched post gets the row's numbers (a measure the file lacks keeps its value), its `url`
when it had none, and becomes `published`. With `add_unplanned`, a row that matches no post
but whose channel is known becomes a new published post on that channel, with the row's day
and time, text (cut to the platform's limit), post type, permalink and numbers; rows outside
the strategy period are not added, since the file would no longer validate.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import PlannerError
from planner.model import Post, Results, Strategy
from planner.results.matching import Outcome, file_channel, match_rows
from planner.results.reader import read_raw
from planner.results.source import Source, StatRow, recognise, stat_rows
from planner.results.sources import SOURCES


@dataclass
class Merged:
    """What merging one file gave: the new strategy and every row's fate, for the summary."""

    strategy: Strategy
    source: str  # the file
    kind: Source | None = None
    applied: list[tuple[int, str]] = field(default_factory=list)  # (line, post id)
    changed_posts: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    added: list[tuple[int, str]] = field(default_factory=list)  # (line, new post id)
    empty: list[int] = field(default_factory=list)
    unmatched: list[tuple[int, str]] = field(default_factory=list)  # (line, why)
    ambiguous: list[tuple[int, str]] = field(default_factory=list)
    repeated: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changed_posts or self.added)

    @property
    def rows(self) -> int:
        lists: tuple[list, ...] = (self.applied, self.added, self.empty, self.unmatched, self.ambiguous)
        return sum(len(items) for items in lists) + len(self.repeated)

    def summary_lines(self) -> list[str]:
        kind = f"{self.kind.name}; " if self.kind else ""
        lines = [
            f"{self.source}: {kind}{_n(self.rows, 'row')}, {len(self.applied)} matched a post, "
            f"{len(self.unmatched) + len(self.added)} unmatched, {len(self.ambiguous)} ambiguous; "
            f"{_n(len(self.changed_posts), 'post')} changed, {len(self.published)} newly published"
        ]
        lines += [f"note: {note}" for note in self.notes]
        if self.empty:
            lines.append(f"{_n(len(self.empty), 'row')} without any result skipped")
        if self.added:
            lines.append(f"{_n(len(self.added), 'row')} added as unplanned published posts:")
            lines += [f"  line {line}: {post_id}" for line, post_id in self.added]
        for (one, many), items in (
            (("matches no post", "match no post"), self.unmatched),
            (("matches several posts", "match several posts"), self.ambiguous),
            (("repeats a post of an earlier row", "repeat a post of an earlier row"), self.repeated),
        ):
            if items:
                lines.append(f"{_n(len(items), 'row')} {one if len(items) == 1 else many}, not applied:")
                lines += [f"  line {line}: {why}" for line, why in items]
        return lines


def merge_results(
    strategy: Strategy, path: Path, *, channel: str | None = None, add_unplanned: bool = False
) -> Merged:
    """A copy of `strategy` with the file's results merged in; PlannerError for a file we cannot read."""
    raw = read_raw(path)
    layout = recognise(raw, SOURCES, channel_given=channel is not None)
    try:
        on = file_channel(strategy, layout.source, channel)
    except PlannerError as e:
        raise PlannerError(f"{path}: {layout.source.name}: {e.message}") from None
    rows = stat_rows(raw, layout)
    # Only posts change: a shallow copy of each (results are copied before they change) keeps the
    # input untouched without deep-copying every table of a year's plan.
    new = copy.copy(strategy)
    new.posts = [copy.copy(p) for p in strategy.posts]
    merged = Merged(new, str(path), layout.source)
    outcomes, merged.notes = match_rows(new, layout.source, rows, on)
    for outcome in outcomes:
        line = outcome.row.line
        if outcome.status == "empty":
            merged.empty.append(line)
        elif outcome.status == "matched" and outcome.post is not None:
            merged.applied.append((line, outcome.post.id))
            _apply(outcome.post, outcome.row, merged)
        elif outcome.status == "unmatched" and add_unplanned and outcome.channel:
            _add_unplanned(outcome, merged)
        else:
            getattr(merged, outcome.status).append((line, outcome.why))
    return merged


def _apply(post: Post, row: StatRow, merged: Merged) -> None:
    """Give the post the row's numbers and permalink, and publish it."""
    before = (copy.deepcopy(post.results), post.url)
    results = copy.deepcopy(post.results) if post.results else Results()
    for metric, value in row.metrics.items():
        setattr(results, metric, value)
    post.results = results
    if row.url and not post.url:
        post.url = row.url
    if post.status != "published":
        post.status = "published"
        merged.published.append(post.id)
    if (results, post.url) != before or post.id in merged.published:
        merged.changed_posts.append(post.id)


def _add_unplanned(outcome: Outcome, merged: Merged) -> None:
    from planner.catalog import platforms
    from planner.slugs import propose_id

    row, strategy = outcome.row, merged.strategy
    info = strategy.strategy
    if row.day is None or (info.start and info.end and not info.start <= row.day <= info.end):
        merged.unmatched.append((row.line, f"{outcome.why}; outside the strategy period, so not added"))
        return
    channel = strategy.channel(outcome.channel)
    platform = platforms().get(channel.platform) if channel else None
    text = row.text
    if platform and len(text) > platform.text_limit:
        text = text[: platform.text_limit - 1] + "…"
    post = Post(
        id=propose_id(f"{row.day.isoformat()}-{outcome.channel}-unplanned", (p.id for p in strategy.posts)),
        date=row.day,
        time=f"{row.at:%H:%M}" if row.at else "",
        channel=outcome.channel,
        format=_format(row.type, platform.content_formats if platform else ()),
        text=text,
        status="published",
        url=row.url,
        results=Results(**row.metrics),
    )
    keys = [(p.date or row.day, p.time) for p in strategy.posts]
    strategy.posts.insert(bisect.bisect_right(keys, (post.date, post.time)), post)
    merged.added.append((row.line, post.id))


def _format(post_type: str, formats: tuple[str, ...]) -> str:
    """Our format for a platform's post type ("IG reel", "Carousel", "Video") when the platform has it."""
    words = post_type.lower()
    for word, ours in (("reel", "reel"), ("carousel", "carousel"), ("video", "video"), ("image", "photo"),
                       ("photo", "photo"), ("text", "text"), ("status", "text"), ("document", "document"),
                       ("article", "article"), ("poll", "poll")):  # fmt: skip
        if word in words and ours in formats:
            return ours
    return ""


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
