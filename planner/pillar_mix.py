"""The pillar mix across the whole strategy: each channel's share of every pillar, so that the strategy's
totals meet the pillars' shares as closely as the channels' `pillars` lists allow.

If each channel simply re-normalised the shares over its own `pillars` list, a pillar that only some
channels may carry would fall short across the strategy ("Customer stories 20 % → 7.3 % of the posts")
and the pillars of the restricted channels would overshoot. Instead:

- Each pillar's target is its share of all the posts the channels carry (posts with one of the
  channel's pillars: the planner's slots and the kept posts).
- A maximum flow over "this channel may carry that pillar" tells whether every target can be met.
  When it cannot, the starved pillars get all that the channels allowed to carry them can give, the
  channels that may carry nothing else give their surplus to their own pillars in share proportion,
  and each limit is reported with the channels whose lists cause it.
- Of all the ways to meet those totals, each channel gets the mix closest to its own re-normalised
  shares (iterative proportional fitting started from them): the channels that may carry a pillar
  carry more of it, each in proportion. With no restricting list, every channel keeps the shares.

The result is each channel's integer pillar weights, which the planner then follows week by week
with the largest-remainder rule, as before.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

_SCALE = 1_000_000  # a channel's fitted shares as whole weights, to a millionth
_ROUNDS = 2000
_TOLERANCE = 1e-10


@dataclass(frozen=True)
class ChannelDemand:
    """What one channel brings to the mix."""

    channel: str
    pillars: Sequence[str]  # the pillars it may carry, in strategy order
    weights: Sequence[int]  # their shares re-normalised over that list, as whole weights
    posts: int  # its posts that carry one of those pillars


@dataclass(frozen=True)
class MixLimit:
    """A pillar the channels' `pillars` lists keep off its share."""

    pillar: str
    short: bool  # below its share (else above it)
    channels: tuple[
        str, ...
    ]  # short: the channels that may carry it; above: those that may carry only `pillars`
    pillars: tuple[str, ...] = ()


@dataclass
class Mix:
    weights: dict[str, list[int]]  # channel id → weights of its pillars, in its order
    targets: dict[str, Fraction] = field(default_factory=dict)  # pillar id → posts its share asks for
    limits: list[MixLimit] = field(default_factory=list)


def plan_mix(shares: dict[str, Fraction], channels: Sequence[ChannelDemand]) -> Mix:
    """Channel weights that meet the pillars' `shares` (pillar id → share, in strategy order) overall."""
    weights = {c.channel: list(c.weights) for c in channels}
    active = [c for c in channels if c.posts > 0 and c.pillars and sum(c.weights) > 0]
    total = sum(c.posts for c in active)
    if not shares or not total:
        return Mix(weights)
    whole = sum(shares.values())
    if not whole:
        shares = dict.fromkeys(shares, Fraction(1))  # all shares zero: an even mix, as on a channel
        whole = Fraction(len(shares))
    targets = {p: total * s / whole for p, s in shares.items()}
    wanted = {p for p, s in shares.items() if s > 0}
    if all(wanted <= set(c.pillars) for c in active):
        return Mix(weights, targets)  # every channel may carry every pillar: the shares as they are

    pillars = list(shares)
    flow, reach = _max_flow(active, pillars, targets)
    reached = {p: sum((flow[c.channel].get(p, Fraction(0)) for c in active), Fraction(0)) for p in pillars}
    # One way to meet the totals: the flow, and each stuck channel's surplus spread over its own
    # pillars by share (a channel that may carry only saturated pillars).
    solution = {c.channel: dict(flow[c.channel]) for c in active}
    for c in active:
        surplus = c.posts - sum(flow[c.channel].values())
        if surplus > 0:
            row, weight = solution[c.channel], sum(c.weights)
            for p, w in zip(c.pillars, c.weights, strict=True):
                if w:
                    row[p] = row.get(p, Fraction(0)) + surplus * Fraction(w, weight)
    totals = {p: sum((row.get(p, Fraction(0)) for row in solution.values()), Fraction(0)) for p in pillars}
    fitted = _fit(active, pillars, totals, _free_cells(active, solution))
    for c in active:
        fit = fitted[c.channel]
        weights[c.channel] = [round(fit.get(p, 0.0) / c.posts * _SCALE) for p in c.pillars]
    return Mix(weights, targets, _limits(active, pillars, targets, reached, totals, reach))


def _limits(
    active: Sequence[ChannelDemand],
    pillars: list[str],
    targets: dict[str, Fraction],
    reached: dict[str, Fraction],
    totals: dict[str, Fraction],
    reach: set[str],
) -> list[MixLimit]:
    limits = []
    for p in pillars:
        if reached[p] < targets[p]:
            carriers = tuple(c.channel for c in active if p in c.pillars)
            limits.append(MixLimit(p, True, carriers))
        elif totals[p] > targets[p]:
            stuck = [c for c in active if c.channel in reach and p in c.pillars]
            allowed = {q for c in stuck for q in c.pillars}
            limits.append(
                MixLimit(p, False, tuple(c.channel for c in stuck), tuple(q for q in pillars if q in allowed))
            )
    return limits


def _max_flow(
    channels: Sequence[ChannelDemand], pillars: list[str], targets: dict[str, Fraction]
) -> tuple[dict[str, dict[str, Fraction]], set[str]]:
    """Posts from channels (up to their posts) to the pillars they may carry (up to each target).

    Returns the flow (channel → pillar → posts) and the channels reachable from the source in the
    residual graph: those are the channels with posts left that no allowed pillar can take.
    Edmonds–Karp over a graph of a few dozen nodes, in exact fractions so the plan is the same on
    every machine.
    """
    source, sink = "\0source", "\0sink"
    capacity: dict[str, dict[str, Fraction]] = {source: {}, sink: {}}
    order = [source]
    for c in channels:
        capacity[source][c.channel] = Fraction(c.posts)
        capacity.setdefault(c.channel, {})
    unlimited = Fraction(sum(c.posts for c in channels))
    for p in pillars:
        node = f"\0pillar {p}"
        capacity.setdefault(node, {})[sink] = targets[p]
    for c in channels:
        order.append(c.channel)
        for p in c.pillars:
            if p in targets:
                capacity[c.channel][f"\0pillar {p}"] = unlimited
    order += [f"\0pillar {p}" for p in pillars] + [sink]
    residual = {u: dict(edges) for u, edges in capacity.items()}
    for u, edges in capacity.items():
        for v in edges:
            residual.setdefault(v, {}).setdefault(u, Fraction(0))
    rank = {node: i for i, node in enumerate(order)}

    def path() -> dict[str, str] | None:
        parent = {source: source}
        queue = deque([source])
        while queue:
            u = queue.popleft()
            for v in sorted(residual[u], key=rank.__getitem__):
                if v not in parent and residual[u][v] > 0:
                    parent[v] = u
                    if v == sink:
                        return parent
                    queue.append(v)
        return None

    while (parent := path()) is not None:
        step, v = None, sink
        while v != source:
            u = parent[v]
            step = residual[u][v] if step is None else min(step, residual[u][v])
            v = u
        v = sink
        while v != source:
            u = parent[v]
            residual[u][v] -= step  # type: ignore[operator]
            residual[v][u] += step  # type: ignore[operator]
            v = u

    flow = {
        c.channel: {
            p: capacity[c.channel][f"\0pillar {p}"] - residual[c.channel][f"\0pillar {p}"]
            for p in c.pillars
            if p in targets
        }
        for c in channels
    }
    seen = {source}
    queue = deque([source])
    while queue:
        u = queue.popleft()
        for v, left in residual[u].items():
            if v not in seen and left > 0:
                seen.add(v)
                queue.append(v)
    return flow, {c.channel for c in channels if c.channel in seen}


def _free_cells(
    channels: Sequence[ChannelDemand], solution: dict[str, dict[str, Fraction]]
) -> set[tuple[str, str]]:
    """The (channel, pillar) cells that some way of meeting the totals fills.

    A cell empty in `solution` can still take posts when posts can go round a cycle through it:
    from the pillar back to a channel that gives it posts, on to another pillar that channel may
    carry, and so on, to the cell's own channel. The others must stay empty; fitting starts with
    them at zero, so it converges at once instead of creeping towards zero.
    """
    givers: dict[str, list[str]] = {}
    for c in channels:
        for p, posts in solution[c.channel].items():
            if posts > 0:
                givers.setdefault(p, []).append(c.channel)
    may = {c.channel: [p for p, w in zip(c.pillars, c.weights, strict=True) if w] for c in channels}
    free = set()
    for c in channels:
        for p in may[c.channel]:
            if solution[c.channel].get(p, 0) > 0:
                free.add((c.channel, p))
                continue
            seen, queue = {p}, deque([p])
            while queue and (c.channel, p) not in free:
                for giver in givers.get(queue.popleft(), ()):
                    if giver == c.channel:
                        free.add((c.channel, p))
                        break
                    for q in may[giver]:
                        if q not in seen:
                            seen.add(q)
                            queue.append(q)
    return free


def _fit(
    channels: Sequence[ChannelDemand],
    pillars: list[str],
    totals: dict[str, Fraction],
    free: set[tuple[str, str]],
) -> dict[str, dict[str, float]]:
    """Iterative proportional fitting: rows sum to each channel's posts, columns to the pillar totals,
    starting from each channel's own shares on the cells that may take posts."""
    x = {
        c.channel: {
            p: c.posts * w / sum(c.weights)
            for p, w in zip(c.pillars, c.weights, strict=True)
            if w and (c.channel, p) in free
        }
        for c in channels
    }
    goal = {p: float(t) for p, t in totals.items()}
    posts = {c.channel: float(c.posts) for c in channels}
    for _ in range(_ROUNDS):
        for p in pillars:
            column = sum(row.get(p, 0.0) for row in x.values())
            if column > 0:
                factor = goal[p] / column
                for row in x.values():
                    if p in row:
                        row[p] *= factor
        worst = 0.0
        for ch, row in x.items():
            s = sum(row.values())
            if s > 0:
                worst = max(worst, abs(s - posts[ch]))
                factor = posts[ch] / s
                for p in row:
                    row[p] *= factor
        if worst < _TOLERANCE * max(1.0, sum(posts.values())):
            break
    return x
