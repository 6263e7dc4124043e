"""Mermaid charts of the strategy document, each beside the table it draws (which stays as its text fallback).

GitHub, GitLab, Notion and Obsidian draw a fenced `mermaid` block; anything else shows its source.
Only syntax GitHub's Mermaid accepts: `gantt` with an explicit `dateFormat YYYY-MM-DD` and
durations in days, and `xychart-beta` with one `bar` and one `line` series (it has no legend, so
the title says which is which). User text reaches a chart only as a label, reduced to letters,
digits and plain punctuation (`chart_text`): a label can neither close the fence nor start a
Mermaid directive, comment, link or callback.

`render --no-charts` leaves the charts out (the templates' `charts` flag); the views build them
either way, as text, so that a user's template can print `chart.source` wherever it likes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from planner.l10n import labels
from planner.views.common import View

_KEPT = frozenset(" .,-–—'’()&!?+/№«»")
LABEL_LENGTH = 28


class Chart(View):
    kind: str  # campaigns | mix | goals
    source: str  # the Mermaid source, without the fence


def chart_text(text: str, length: int = LABEL_LENGTH) -> str:
    """User text as a chart label: letters, digits and plain punctuation, on one line, shortened."""
    kept = "".join(ch if ch.isalnum() or ch in _KEPT else " " for ch in text)
    label = " ".join(kept.split())
    if len(label) <= length:
        return label
    cut = label[: length - 1]
    # At a word's end where there is one in the second half: "Grow the Instagram…", not "communit…".
    space = cut.rfind(" ")
    return (cut[:space] if space > length // 2 else cut).rstrip(" ,.-–—") + "…"


def campaign_gantt(campaigns: Sequence[Any], lang: str) -> Chart | None:
    """The campaigns on a timeline, a section per kind of campaign."""
    if not campaigns:
        return None
    catalog = labels(lang)
    lines = [
        "gantt",
        f"    title {chart_text(catalog['charts.campaigns'], 60)}",
        "    dateFormat YYYY-MM-DD",
        f"    axisFormat {'%d.%m' if lang == 'ru' else '%b %d'}",
    ]
    kinds = list(dict.fromkeys(c.kind for c in campaigns))
    for kind in kinds:
        section = chart_text(catalog.get(f"kind.{kind}", kind))
        lines.append(f"    section {section[:1].upper()}{section[1:]}")
        for n, c in enumerate(campaigns):
            if c.kind == kind:
                lines.append(f"    {chart_text(c.name, 40) or '—'} :c{n + 1}, {c.start:%Y-%m-%d}, {c.days}d")
    return Chart("campaigns", "\n".join(lines))


def mix_chart(pillars: Sequence[Any], lang: str) -> Chart | None:
    """Each pillar's share of the plan (bars) against its target share (line)."""
    if len(pillars) < 2 or not any(p.posts for p in pillars):
        return None
    catalog = labels(lang)
    planned = [round(p.actual_share, 1) for p in pillars]
    targets = [round(p.target_share, 1) for p in pillars]
    return Chart(
        "mix", _xychart(catalog["charts.mix"], catalog["charts.share_axis"], pillars, planned, targets)
    )


def goals_chart(goals: Sequence[Any], lang: str) -> Chart | None:
    """Each measured goal's progress (bars) against the time elapsed to its deadline (line)."""
    judged = [
        g for g in goals if g.progress_pct is not None and g.elapsed_pct is not None and g.pace != "too_few"
    ]
    if not judged:
        return None
    catalog = labels(lang)
    progress = [round(g.progress_pct, 1) for g in judged]
    elapsed = [round(g.elapsed_pct, 1) for g in judged]
    return Chart(
        "goals", _xychart(catalog["charts.goals"], catalog["charts.progress_axis"], judged, progress, elapsed)
    )


def _xychart(title: str, axis: str, items: Sequence[Any], bars: list[float], line: list[float]) -> str:
    names = ", ".join(
        f'"{chart_text(getattr(i, "name", "") or getattr(i, "title", "")) or "—"}"' for i in items
    )
    values = [*bars, *line]
    top = max(10, math.ceil((max(values) + 1) / 10) * 10)  # headroom: a bar never touches the top
    bottom = min(0, math.floor(min(values) / 10) * 10)
    return "\n".join(
        [
            "xychart-beta",
            f'    title "{chart_text(title, 80)}"',
            f"    x-axis [{names}]",
            f'    y-axis "{chart_text(axis, 40)}" {bottom} --> {top}',
            f"    bar [{', '.join(map(_number, bars))}]",
            f"    line [{', '.join(map(_number, line))}]",
        ]
    )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
