"""The list steps of the planner: audience, competitors, channels, pillars, goals and campaigns."""

from __future__ import annotations

from planner import catalog
from planner.model import STAGES, Audience, Campaign, Channel, Competitor, Goal, Pillar, pillar_shares_problem
from screens.lists import ListStep, _join, _number


class AudienceStep(ListStep):
    step_id = "audience"
    step_help = (
        "Research comes first: who you talk to, what hurts them, what moves them and where they spend "
        "time. One row per segment or persona; channels and pillars are chosen for them."
    )
    item_class = Audience
    noun = "audience segment"
    columns = (
        ("Name", lambda a: a.name),
        ("Age", lambda a: a.age),
        ("Platforms", lambda a: _join(a.platforms)),
        ("Size", lambda a: _number(a.size)),
        ("Id", lambda a: a.id),
    )

    def summary(self) -> str:
        if not self.items:
            return ""
        n, people = len(self.items), _number(sum(a.size for a in self.items))
        return f"{n} segment{'s' if n != 1 else ''}, about {people} reachable people."


class CompetitorsStep(ListStep):
    step_id = "competitors"
    step_help = (
        "Study who already reaches your audience: where they are present, how often they post and how "
        "people respond. Their strengths are lessons, their weaknesses your openings."
    )
    item_class = Competitor
    noun = "competitor"
    columns = (
        ("Name", lambda c: c.name),
        ("Present on", lambda c: _join(p.platform for p in c.presence)),
        ("Followers", lambda c: _number(sum(p.followers for p in c.presence))),
        ("Id", lambda c: c.id),
    )


def _cadence(ch: Channel) -> str:
    return f"{ch.posts_per_week}/wk"


def _format(ch: Channel) -> str:
    if ch.format:
        return ch.format
    platform = catalog.platforms().get(ch.platform)
    return f"({platform.default_format})" if platform else ""


class ChannelsStep(ListStep):
    step_id = "channels"
    step_help = (
        "Your communities on each platform. Pick the format for its job: a channel broadcasts, a group "
        "talks back, a page or account speaks for the brand. Cadence, days and times make the plan."
    )
    item_class = Channel
    noun = "channel"
    columns = (
        ("Name", lambda c: c.name or c.id),
        ("Platform", lambda c: c.platform),
        ("Format", _format),
        ("Cadence", _cadence),
        ("Days", lambda c: _join(c.days)),
        ("Followers", lambda c: _number(c.followers)),
        ("Id", lambda c: c.id),
    )

    def summary(self) -> str:
        if not self.items:
            return ""
        per_week = sum(c.posts_per_week for c in self.items)
        ads = sum(c.ads_budget for c in self.items)
        currency = self.strategy.strategy.currency
        n = len(self.items)
        channels = f"{n} channel{'s' if n != 1 else ''}"
        return f"{per_week} posts a week on {channels}; ads {_number(ads)} {currency} a month."


class PillarsStep(ListStep):
    step_id = "pillars"
    step_help = (
        "Recurring themes (rubrics) and their share of posts, adding up to 100 %. Each serves a funnel "
        "stage: adhesion (people join the message), appropriation (they interact), transmission (they share)."
    )
    item_class = Pillar
    noun = "content pillar"
    columns = (
        ("Name", lambda p: p.name),
        ("Share", lambda p: f"{_number(p.share)} %"),
        ("Stage", lambda p: p.stage),
        ("Formats", lambda p: _join(p.formats)),
        ("Topics", lambda p: str(len(p.topics))),
        ("Id", lambda p: p.id),
    )

    def summary(self) -> str:
        if not self.items:
            return ""
        stages = {s: sum(p.share for p in self.items if p.stage == s) for s in STAGES}
        mix = ", ".join(f"{s} {_number(v)} %" for s, v in stages.items() if v)
        problem = pillar_shares_problem(self.items)
        if problem:
            return f"{problem[:1].upper()}{problem[1:]}: adjust them. Mix: {mix}."
        return f"Shares add up to 100 %. Mix: {mix}."


class GoalsStep(ListStep):
    step_id = "goals"
    step_help = (
        "SMART goals: specific, measurable (a metric from a baseline to a target), achievable, relevant "
        "(say why) and time-bound (a deadline). Post results move the current value towards the target."
    )
    item_class = Goal
    noun = "goal"
    columns = (
        ("Goal", lambda g: g.title),
        ("Metric", lambda g: g.metric),
        ("Channel", lambda g: g.channel or "all"),
        ("Baseline → target", lambda g: f"{_number(g.baseline)} → {_number(g.target)}"),
        ("Deadline", lambda g: g.deadline.isoformat() if g.deadline else "period end"),
        ("Id", lambda g: g.id),
    )


class CampaignsStep(ListStep):
    step_id = "campaigns"
    step_help = (
        "Bursts that grow the audience: contests, giveaways, paid targeting, influencers, partner posts. "
        "Each has dates, channels, a budget and the goal it serves; the plan tags posts on its first "
        "and last day."
    )
    item_class = Campaign
    noun = "campaign"
    columns = (
        ("Name", lambda c: c.name),
        ("Kind", lambda c: c.kind),
        ("Dates", lambda c: f"{c.start or '?'} – {c.end or '?'}"),
        ("Channels", lambda c: _join(c.channels)),
        ("Goal", lambda c: c.goal),
        ("Id", lambda c: c.id),
    )
