"""What a strategist's deck adds to the sections: the key decisions, the voice, a dated roadmap, risks and assumptions.

Each is computed from the other views of the strategy document and appears only where the file has
the data (never filler):
- `decisions`: three to five decisions the strategy makes, most telling first: the lead channel,
  the funnel stage most posts serve, the campaigns and what they cost, the website work to do
  first, the budget's verdict, the goal that asks the most.
- `voice`: the brand's voice and hashtags as the file gives them, and the call to action each
  pillar's funnel stage asks for.
- `roadmap`: campaigns, checklist due dates, goal deadlines and reports, by date.
- `risks` and `assumptions`: what the data shows could go wrong (a thin topic bank, a goal behind
  its pace, an audience on a platform without a channel, a share the channels cannot give, sales
  goals without tracking, a budget over its total), and what the figures rest on.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from planner.model import Strategy
from planner.views.budget import Budget
from planner.views.checklists import Checklist
from planner.views.common import View, platform_name, share
from planner.views.mix import ContentMix

UNALLOCATED_PCT = 15  # more of the budget than this (in whole percent) left unallocated is flagged
STAGE_LEAD = 10  # a funnel stage leads the mix when it has this many points more than the next one


class Decision(View):
    kind: str  # channel | one_channel | stage | campaigns | website | budget_over | reserve | unallocated | goal
    values: dict[str, Any]  # raw: the template formats them


def decisions(
    s: Strategy,
    channels: list[Any],
    mix: ContentMix,
    campaigns: list[Any],
    checklists: list[Checklist],
    budget: Budget | None,
    goals: list[Any],
) -> list[Decision]:
    """Up to five decisions the strategy makes, each from its own figures."""
    out = []
    planned = sum(c.planned_posts for c in channels)
    platforms: dict[str, list[Any]] = defaultdict(list)
    for c in channels:
        platforms[c.platform].append(c)
    if len(channels) > 1 and planned:
        # The lead is a platform (a brand page and its founder's account on LinkedIn are one push):
        # the most planned posts, then the most ads.
        name, lead = max(
            platforms.items(),
            key=lambda kv: (sum(c.planned_posts for c in kv[1]), sum(c.ads_budget for c in kv[1])),
        )
        posts = sum(c.planned_posts for c in lead)
        lead_ads = sum(c.ads_budget for c in lead)
        ads = sum(c.ads_budget for c in channels)
        out.append(
            Decision(
                "channel",
                {
                    "channel": lead[0].name if len(lead) == 1 else name,
                    "share": share(posts, planned),
                    "posts": posts,
                    "total": planned,
                    "ads": lead_ads,
                    "ads_share": share(lead_ads, ads) if ads and lead_ads else None,
                },
            )
        )
    elif len(channels) == 1:
        c = channels[0]
        out.append(Decision("one_channel", {"channel": c.name, "posts_per_week": c.posts_per_week}))
    if mix.total_posts and mix.several_stages:
        first, second = sorted(mix.stages, key=lambda st: -st.actual_share)[:2]
    if mix.total_posts and mix.several_stages and first.actual_share - second.actual_share >= STAGE_LEAD:
        stage = first
        out.append(
            Decision("stage", {"stage": stage.stage, "share": stage.actual_share, "pillars": stage.pillars})
        )
    if campaigns:
        spend = budget.total_spend if budget else 0
        cost = sum(c.budget for c in campaigns)
        out.append(
            Decision(
                "campaigns",
                {
                    "count": len(campaigns),
                    "names": [c.name for c in campaigns],
                    "cost": cost,
                    "share": share(cost, spend) if spend and cost else None,
                    "first": campaigns[0].start,
                    "last": max(c.end for c in campaigns),
                },
            )
        )
    smo = next((c for c in checklists if c.name == "smo"), None)
    if smo and smo.next_steps:
        dated = sorted((i for i in smo.next_steps if i.due), key=lambda i: i.due or dt.date.min)
        out.append(
            Decision(
                "website",
                {
                    "count": len(smo.next_steps),
                    "first": dated[0].due if dated else None,
                    "items": [i.title for i in [*dated, *(i for i in smo.next_steps if not i.due)][:3]],
                },
            )
        )
    if budget and budget.verdict == "over":
        out.append(Decision("budget_over", {"amount": budget.difference, "budget": budget.total_budget}))
    elif budget and budget.verdict == "under":
        left = share(budget.difference, budget.total_budget)
        out.append(
            Decision(
                "unallocated" if round(left) > UNALLOCATED_PCT else "reserve",
                {
                    "amount": budget.difference,
                    "share": share(budget.difference, budget.total_budget),
                    "budget": budget.total_budget,
                },
            )
        )
    growing = [g for g in goals if g.change_pct is not None and g.change_pct > 0 and g.deadline]
    if growing:
        g = max(growing, key=lambda g: g.change_pct)
        out.append(
            Decision(
                "goal",
                {"title": g.title, "change": g.change_pct, "deadline": g.deadline, "per_week": g.per_week},
            )
        )
    return out[:5]


# --- voice ---------------------------------------------------------------------------------------------


class PillarCall(View):
    pillar: str
    stage: str


class Voice(View):
    voice: str
    hashtags: list[str]
    calls: list[PillarCall]  # each pillar with the stage whose call to action it uses
    links: bool  # the strategy has a site: offers link to their product page, with UTM tags


def voice(s: Strategy) -> Voice | None:
    info = s.strategy
    if not (info.voice or info.hashtags):
        return None
    calls = [PillarCall(p.name, p.stage) for p in s.pillars]
    return Voice(info.voice, list(info.hashtags), calls, bool(info.website))


# --- roadmap -------------------------------------------------------------------------------------------


class Milestone(View):
    date: dt.date
    kind: str  # campaign_start | campaign_end | due | deadline | report | reports
    name: str
    values: dict[str, Any]


def roadmap(
    s: Strategy, campaigns: list[Any], checklists: list[Checklist], goals: list[Any], reporting: Any
) -> list[Milestone]:
    out = []
    for c in campaigns:
        out.append(
            Milestone(c.start, "campaign_start", c.name, {"kind": c.kind, "end": c.end, "days": c.days})
        )
        if c.days > 1:
            out.append(Milestone(c.end, "campaign_end", c.name, {"kind": c.kind}))
    for checklist in checklists:
        for item in checklist.next_steps:
            if item.due:
                out.append(Milestone(item.due, "due", item.title, {"owner": item.owner}))
    for g in goals:
        if g.deadline:
            out.append(Milestone(g.deadline, "deadline", g.title, {}))
    if reporting.dates:
        if reporting.every == "week" and len(reporting.dates) > 2:
            first, last = reporting.dates[0], reporting.dates[-1]
            out.append(Milestone(first, "reports", "", {"last": last, "count": len(reporting.dates)}))
        else:
            out += [Milestone(day, "report", "", {}) for day in reporting.dates]
    order = {"campaign_start": 0, "due": 1, "report": 2, "reports": 2, "campaign_end": 3, "deadline": 4}
    return sorted(out, key=lambda m: (m.date, order[m.kind], m.name))


# --- risks and assumptions -----------------------------------------------------------------------------


class Risk(View):
    kind: str  # thin_bank | behind | no_posts | uncovered | restricted | untracked | over
    values: dict[str, Any]


def risks(
    s: Strategy,
    goals: list[Any],
    mix: ContentMix,
    segments: list[Any],
    checklists: list[Checklist],
    budget: Budget | None,
    lang: str,
) -> list[Risk]:
    out = []
    pillar_posts = Counter(p.pillar for p in s.posts if p.status != "skipped")
    untitled = Counter(p.pillar for p in s.posts if p.status != "skipped" and not p.topic.strip())
    for p in s.pillars:
        if untitled[p.id]:
            out.append(
                Risk(
                    "thin_bank",
                    {
                        "pillar": p.name,
                        "count": untitled[p.id],
                        "posts": pillar_posts[p.id],
                        "topics": len(p.topics),
                    },
                )
            )
    for g in goals:
        if g.pace == "behind":
            out.append(
                Risk("behind", {"title": g.title, "progress": g.progress_pct, "elapsed": g.elapsed_pct})
            )
    for g in s.goals:
        deadline = g.deadline or s.strategy.end
        if g.channel and deadline and s.posts:
            before = [p for p in s.posts if p.channel == g.channel and p.date and p.date <= deadline]
            if not before:
                out.append(Risk("no_posts", {"title": g.title}))
    uncovered: dict[str, list[Any]] = defaultdict(list)
    for a, seg in zip(s.audience, segments, strict=True):
        for platform in a.platforms:
            if seg.uncovered and platform_name(platform, lang) in seg.uncovered:
                uncovered[platform].append(a)
    for platform, members in uncovered.items():
        out.append(
            Risk(
                "uncovered",
                {
                    "platform": platform_name(platform, lang),
                    "segments": [a.name for a in members],
                    "size": sum(a.size for a in members),
                },
            )
        )
    for miss in mix.misses:
        if miss.reason == "restricted":
            out.append(
                Risk(
                    "restricted",
                    {
                        "pillar": miss.name,
                        "share": miss.target_share,
                        "channels": miss.channels,
                        "most": miss.most_share,
                    },
                )
            )
    tracked = {i.id: i.status for c in checklists if c.name == "smo" for i in c.items}
    counted = [g.title for g in s.goals if g.metric in ("leads", "sales")]
    if counted and tracked.get("social-analytics") == "todo":
        out.append(Risk("untracked", {"goals": counted}))
    if budget and budget.verdict == "over":
        out.append(Risk("over", {"amount": budget.difference}))
    # A budget left unallocated is said where the decisions and the budget are: once is a finding,
    # a third time would be filler.
    return out


class Assumption(View):
    kind: str  # rates | rate_basis | audience | pace
    values: dict[str, Any]


def assumptions(s: Strategy, presence: list[Any], goals: list[Any], audience_total: int) -> list[Assumption]:
    out = []
    if presence:
        out.append(Assumption("rates", {}))
    if any(g.is_rate and g.basis for g in goals):
        out.append(Assumption("rate_basis", {"basis": next(g.basis for g in goals if g.is_rate and g.basis)}))
    if goals and s.strategy.start:
        out.append(Assumption("pace", {}))
    if audience_total:
        out.append(Assumption("audience", {"size": audience_total}))
    return out  # the prorated months are said once, where the budget's months are
