"""The SMO and SMM-tactics checklists of the strategy: each built-in item with its status, and the progress.

Decisions where SPEC is silent:
- A checklist is shown once the file sets at least one of its items (or, for SMO, names a website;
  for tactics, has channels).
- An item the file does not set takes its status from the strategy where the data says so: the
  strategy itself covers "Branded communities" when it has channels, "Paid targeted campaigns" when
  it has an ads budget or a paid campaign, "Contests and giveaways" when it runs one, and so on
  (`_covered`); the status is then "planned" ("in this strategy"), with the data it follows from as
  its note. An item the person set keeps the person's status. Other items count as to do.
- Every open item appears once: the items done, planned or not applicable in one table, the ones to
  do in the list of next steps, with their explanation, note, owner and due date.
- The explanations of the next steps name the strategy's own platforms and market
  (catalog/checklists.toml, [documents] and [markets]).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from planner import catalog
from planner.model import Strategy
from planner.views.common import View, full_channel_name, platform_name, share

VIDEO_FORMATS = frozenset({"video", "clip", "reel", "short", "live"})
VIDEO_FIRST = frozenset({"youtube", "rutube", "tiktok"})  # where the audience goes for video itself


class ChecklistRow(View):
    id: str
    title: str
    explanation: str  # in the strategy's terms: its platforms and market
    status: str  # done | todo | n/a | planned (the strategy covers it, the file does not say)
    note: str
    owner: str
    due: dt.date | None
    evidence: list[tuple[str, Any]]  # planned: what in the strategy covers it, as (label key, value)


class Checklist(View):
    name: str  # smo | tactics
    items: list[ChecklistRow]
    done: int
    planned: int
    todo: int
    not_applicable: int
    progress_pct: float  # done or planned, among the applicable items

    @property
    def closed(self) -> list[ChecklistRow]:
        """The items not to do (done, planned, not applicable): the table."""
        return [item for item in self.items if item.status != "todo"]

    @property
    def next_steps(self) -> list[ChecklistRow]:
        return [item for item in self.items if item.status == "todo"]


def checklist(s: Strategy, name: str, lang: str, facts: PostFacts | None = None) -> Checklist:
    states = s.smo if name == "smo" else s.tactics
    words = _market_words(s, lang)
    texts = _documents()
    facts = facts or post_facts(s)
    rows = []
    for item in catalog.checklists()[name]:
        state = states.get(item.id)
        evidence = [] if state else _covered(s, item.id, facts)
        text = texts.get(item.id, {}).get(lang)
        explanation = (
            text.format(**words) if text else item.explanation_ru if lang == "ru" else item.explanation
        )
        rows.append(
            ChecklistRow(
                id=item.id,
                title=item.title_ru if lang == "ru" else item.title,
                explanation=explanation,
                status=state.status if state else "planned" if evidence else "todo",
                note=state.note if state else "",
                owner=state.owner if state else "",
                due=state.due if state else None,
                evidence=evidence,
            )
        )
    counts = Counter(r.status for r in rows)
    applicable = counts["done"] + counts["planned"] + counts["todo"]
    return Checklist(
        name,
        rows,
        counts["done"],
        counts["planned"],
        counts["todo"],
        counts["n/a"],
        share(counts["done"] + counts["planned"], applicable),
    )


def checklists_shown(s: Strategy, lang: str) -> list[Checklist]:
    shown = []
    facts = post_facts(s)
    if s.smo or s.strategy.website:
        shown.append(checklist(s, "smo", lang, facts))
    if s.tactics or s.channels:
        shown.append(checklist(s, "tactics", lang, facts))
    return shown


class PostFacts(View):
    """What the content plan holds that a checklist item may follow from, counted in one pass."""

    planned: int  # posts not skipped
    videos: int  # of them in a video format
    linked: int  # of them with a link


def post_facts(s: Strategy) -> PostFacts:
    planned = videos = linked = 0
    for p in s.posts:
        if p.status != "skipped":
            planned += 1
            videos += p.format in VIDEO_FORMATS
            linked += bool(p.link)
    return PostFacts(planned, videos, linked)


# --- what the strategy covers itself -----------------------------------------------------------------


def _covered(s: Strategy, item: str, facts: PostFacts) -> list[tuple[str, Any]]:
    """What in the strategy carries out `item`, as (label key, value) pairs; empty: nothing does."""
    if item == "communities" and s.channels:
        return [("channels", [full_channel_name(c) for c in s.channels])]
    if item == "regular-publishing":
        weekly = sum(c.posts_per_week for c in s.channels)
        return (
            [("posts_per_week", weekly), ("planned_posts", facts.planned)] if weekly and facts.planned else []
        )
    if item == "video-channel":
        return [("video_posts", facts.videos)] if facts.videos else []
    if item == "paid-ads":
        ads = sum(c.ads_budget for c in s.channels)
        paid = [c.name for c in s.campaigns if c.kind == "paid"]
        return ([("ads", ads)] if ads else []) + ([("campaigns", paid)] if paid else [])
    kinds = {
        "contests": ("contest", "giveaway"),
        "influencers": ("influencer",),
        "partnerships": ("partnership",),
    }
    if item in kinds:
        names = [c.name for c in s.campaigns if c.kind in kinds[item]]
        return [("campaigns", names)] if names else []
    if item == "site-traffic":
        return [("linked_posts", facts.linked)] if facts.linked else []
    if item == "activity-prompts":
        names = [p.name for p in s.pillars if p.stage == "appropriation"]
        return [("pillars", names)] if names else []
    return []


# --- the strategy's own platforms and market -----------------------------------------------------------


def _documents() -> dict[str, dict[str, str]]:
    return catalog.checklists_file().get("documents", {})


def _market(country: str) -> dict[str, Any]:
    markets = catalog.checklists_file()["markets"]
    code = country.upper()
    return next((m for m in markets.values() if code in m["countries"]), markets["global"])


def _market_words(s: Strategy, lang: str) -> dict[str, str]:
    market = _market(s.strategy.country)
    ours = list(dict.fromkeys(c.platform for c in s.channels))
    platforms = catalog.platforms()
    with_widgets = [
        p for p in ours if p in platforms and any(f.widgets for f in platforms[p].community.values())
    ]
    theirs = [p for a in s.audience for p in a.platforms if p in VIDEO_FIRST]
    video = [
        p
        for p in dict.fromkeys([*ours, *theirs])
        if p in platforms and VIDEO_FORMATS & set(platforms[p].content_formats)
    ]
    login = market.get("login_linkedin") if "linkedin" in ours and "login_linkedin" in market else None
    return {
        "platforms": ", ".join(platform_name(p, lang) for p in (with_widgets or ours)) or "—",
        "channels": ", ".join(platform_name(p, lang) for p in ours) or "—",
        "video": ", ".join(platform_name(p, lang) for p in video) or ", ".join(market["video"][lang]),
        "login": ", ".join((login or market["login"])[lang]),
        "analytics": market["analytics"][lang],
    }
