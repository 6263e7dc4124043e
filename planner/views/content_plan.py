"""The content plan's view: the calendar by month and ISO week, one row per post, public holidays and totals.

Decisions where SPEC is silent:
- The content plan shows the months that have posts; inside them, every ISO week with posts or a
  public holiday. A week crossing a month boundary appears in both months with that month's days.
- The table is five columns wide whatever the file holds: the date, weekday and time share a cell
  ("Dec 2, Wed 10:00"), and so do the pillar and the format ("Brew school, reel"): eight columns
  broke words into pieces on a portrait page of Word ("Одноклассн ики"). A post's link makes its topic a link,
  its owner follows its status ("draft (Anna)"), and its copy is numbered in the topic cell
  ("(copy 1)") and printed under the week's table, its lines joined with " / ".
- A post without a topic says "topic to choose" (in italics), never a dash: someone has to choose it.
- Holiday names come from the `holidays` library in the document's language where it has them,
  else from the labels (`holiday.*`); "Day off (substituted from 01/04/2026)" is said with a date
  the reader cannot misread.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any

from planner.l10n import country_name, format_date, labels, timezone_city, value_label
from planner.markdown import cell, md, url
from planner.model import POST_STATUSES, Strategy
from planner.public_holidays import holidays_between
from planner.views.common import View, channel_names, days_in_month, share, title_block


class PlanRow(View):
    date: dt.date
    time: str
    channel: str
    pillar: str
    format: str
    topic: str
    campaign: str
    status: str
    link: str  # what the post points to ("" if nothing)
    owner: str  # who prepares it
    copy: int  # the number of its copy under the week's table; 0: the post has no copy yet
    text: str  # its copy as written
    holiday: str  # for a holiday row: its name; then the other fields are empty
    line: str  # the row's cells as the built-in template prints them, between the outer pipes


def _row_lines(lang: str) -> tuple[Any, Any]:
    """The calendar's table rows as Markdown, for a post and for a holiday, in `lang`.

    A year's plan has thousands of rows; formatted in the template, each one cost ten sandboxed
    attribute reads and eight filter calls (~10 ms on 2,000 posts). The cells are the built-in
    template's, filter for filter; a user's template can still build its own from the fields.
    """
    catalog = labels(lang)
    campaign_word = catalog["plan.campaign"]
    holiday_label = catalog["plan.holiday"]
    to_choose = f"*{catalog['plan.topic_to_choose']}*"
    copy_ref = f" ({catalog['plan.copy_ref']})"  # "(copy 1)": the copy under the week's table

    def label(value: str, kind: str) -> str:
        """As the templates' `label` filter: a value the catalog does not know is shown as written."""
        text = value_label(kind, value, lang)
        return md(value) if text is None else text

    # A plan repeats its days (several posts a day), and its times, channels, pillars and formats;
    # topics mostly differ, so the cells before them and after them are cached apart.
    @lru_cache(maxsize=1024)
    def days(day: dt.date) -> str:
        return f"{format_date(day, lang, 'day')}, {format_date(day, lang, 'weekday')}"

    @lru_cache(maxsize=1024)
    def slot(time: str, channel: str, pillar: str, form: str) -> str:
        when = f" {md(time)}" if time else ""
        kind = ", ".join(x for x in (md(pillar), label(form, "content_format") if form else "") if x) or "—"
        return f"{when} | {cell(channel)} | {kind}"

    @lru_cache(maxsize=256)
    def status_cell(status: str, owner: str) -> str:
        return f"{label(status, 'status')} ({md(owner)})" if owner else label(status, "status")

    def post_line(
        day: dt.date,
        time: str,
        channel: str,
        pillar: str,
        form: str,
        topic: str,
        campaign: str,
        status: str,
        link: str,
        owner: str,
        copy: int,
    ) -> str:
        topic_cell = md(topic) or to_choose
        if link:
            target = url(link)
            topic_cell = f"[{topic_cell}]({target})" if target.startswith("<") else f"{topic_cell}, {target}"
        if campaign and campaign not in topic:
            topic_cell += f" ({campaign_word}: {md(campaign)})"
        if copy:
            topic_cell += copy_ref.format(n=copy)
        return f"{days(day)}{slot(time, channel, pillar, form)} | {topic_cell} | {status_cell(status, owner)}"

    def holiday_line(day: dt.date, name: str) -> str:
        bold_day = f"**{format_date(day, lang, 'day')}, {format_date(day, lang, 'weekday')}**"
        return f"{bold_day} | | | ***{holiday_label.format(name=md(name))}*** |"

    return post_line, holiday_line


class Count(View):
    name: str
    posts: int
    share: float


class PlanWeek(View):
    """One ISO week of the calendar inside a month, its rows filled post by post."""

    number: int  # ISO week number
    start: dt.date  # first day of the week inside this month
    end: dt.date
    rows: list[PlanRow]
    posts: int
    copy_lines: list[str]  # the copy of its posts, each "**Dec 1, 18:30, Instagram:** its lines / joined"

    @property
    def copy_text(self) -> str:
        """The copies as the built-in template prints them: a numbered list, one line each."""
        return "\n".join(f"{n}. {line}" for n, line in enumerate(self.copy_lines, 1))

    @property
    def copies(self) -> list[PostCopy]:
        """The copy of its posts that have one, numbered as their rows say."""
        rows = [r for r in self.rows if r.copy]
        return [
            PostCopy(r.copy, r.date, r.time, r.channel, r.text, line)
            for r, line in zip(rows, self.copy_lines, strict=True)
        ]


class PostCopy(View):
    number: int
    date: dt.date
    time: str
    channel: str
    text: str  # the copy as written, lines and all
    line: str  # as the built-in template prints it: "**Dec 1, 18:30, Instagram:** its lines / joined"


class PlanMonth(View):
    """A month of the calendar: its weeks and its totals."""

    month: dt.date  # first day of the month
    weeks: list[PlanWeek]
    posts: int
    by_channel: list[Count]
    by_pillar: list[Count]


class PlanOverviewRow(View):
    month: dt.date
    per_channel: list[int]  # in the order of `channels`
    total: int


def content_plan_context(s: Strategy, lang: str, prepared: dt.date) -> dict[str, Any]:
    """Everything content-plan.md.j2 shows: the calendar by month and ISO week, holidays, totals."""
    info = s.strategy
    channels = channel_names(s, lang)
    channel_order = {c.id: i for i, c in enumerate(s.channels)}
    pillars = {p.id: p.name for p in s.pillars}
    pillar_order = {p.id: i for i, p in enumerate(s.pillars)}
    campaigns = {c.id: c.name for c in s.campaigns}
    post_line, holiday_line = _row_lines(lang)

    def copy_line(post: Any, channel: str) -> str:
        when = format_date(post.date, lang, "day") + (f", {md(post.time)}" if post.time else "")
        text = post.text.strip()
        if "\n" in text:
            text = " / ".join(line for line in text.splitlines() if line.strip())
        return f"**{when}, {md(channel)}:** {md(text)}"

    def holiday_row(day: dt.date, name: str) -> PlanRow:
        return PlanRow(day, "", "", "", "", "", "", "", "", "", 0, "", name, holiday_line(day, name))

    posts = sorted(
        (p for p in s.posts if p.date is not None),
        key=lambda p: (p.date, p.time or "99:99", channel_order.get(p.channel, len(channel_order)), p.id),
    )
    holidays: dict[dt.date, str] = {}
    if posts:
        first, last = posts[0].date, posts[-1].date
        start = min(first, info.start) if info.start else first  # type: ignore[type-var]
        end = max(last, info.end) if info.end else last  # type: ignore[type-var]
        holidays = document_holidays(info.country, start, end, lang)  # type: ignore[arg-type]

    by_month: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for p in posts:
        by_month[(p.date.year, p.date.month)].append(p)  # type: ignore[union-attr]

    months = []
    for (year, month), month_posts in by_month.items():
        first = dt.date(year, month, 1)
        last = dt.date(year, month, days_in_month(year, month))
        weeks: dict[int, PlanWeek] = {}

        def week_of(
            day: dt.date, weeks: dict[int, PlanWeek] = weeks, first: dt.date = first, last: dt.date = last
        ) -> PlanWeek:
            monday = day - dt.timedelta(days=day.weekday())
            key = monday.toordinal()
            if key not in weeks:
                weeks[key] = PlanWeek(
                    day.isocalendar()[1],
                    max(monday, first),
                    min(monday + dt.timedelta(days=6), last),
                    [],
                    0,
                    [],
                )
            return weeks[key]

        month_holidays = sorted((d, n) for d, n in holidays.items() if first <= d <= last)
        pending = list(month_holidays)
        week_of_day: dict[dt.date, PlanWeek] = {}  # a plan has several posts a day
        for p in month_posts:
            while pending and pending[0][0] <= p.date:
                day, name = pending.pop(0)
                week_of(day).rows.append(holiday_row(day, name))
            week = week_of_day.get(p.date)
            if week is None:
                week = week_of_day[p.date] = week_of(p.date)
            channel = channels.get(p.channel, p.channel)
            copy = 0
            if p.text and not p.text.isspace():
                week.copy_lines.append(copy_line(p, channel))
                copy = len(week.copy_lines)
            values = (
                p.date,
                p.time,
                channel,
                pillars.get(p.pillar, p.pillar),
                p.format,
                p.topic,
                campaigns.get(p.campaign, p.campaign),
                p.status,
                p.link,
                p.owner,
                copy,
            )
            week.rows.append(PlanRow._make(*values, p.text, "", post_line(*values)))
            week.posts += 1
        for day, name in pending:
            week_of(day).rows.append(holiday_row(day, name))

        counted = [p for p in month_posts if p.status != "skipped"]
        total = len(counted)
        per_channel = Counter(p.channel for p in counted)
        per_pillar = Counter(p.pillar for p in counted)
        months.append(
            PlanMonth(
                month=first,
                weeks=[weeks[k] for k in sorted(weeks)],
                posts=len(month_posts),
                by_channel=[
                    Count(channels.get(c, c), n, share(n, total))
                    for c, n in sorted(per_channel.items(), key=lambda kv: channel_order.get(kv[0], 99))
                ],
                by_pillar=[
                    Count(pillars.get(pid, pid), n, share(n, total))
                    for pid, n in sorted(per_pillar.items(), key=lambda kv: pillar_order.get(kv[0], 99))
                ],
            )
        )

    in_plan = {p.channel for p in posts}
    used_channels = [c for c in s.channels if c.id in in_plan]
    overview = []
    for m in months:
        month_posts = by_month[(m.month.year, m.month.month)]
        counts = Counter(p.channel for p in month_posts if p.status != "skipped")
        overview.append(PlanOverviewRow(m.month, [counts[c.id] for c in used_channels], sum(counts.values())))
    statuses = Counter(p.status for p in posts)
    return {
        "lang": lang,
        "currency": info.currency,
        "title": title_block(s, prepared),
        "months": months,
        "overview_channels": [channels[c.id] for c in used_channels],
        "overview": overview,
        "statuses": [(status, statuses[status]) for status in POST_STATUSES if statuses[status]],
        "total_posts": len(posts),
        "holidays": len(holidays),
        "country": country_name(info.country, lang),
        "timezone": info.timezone,
        "timezone_city": timezone_city(info.timezone, lang),
    }


# --- public holidays in the document's language ------------------------------------------------------

_SUBSTITUTED = r"(?:Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)|Выходной \(перенесено с (\d\d)\.(\d\d)\.(\d{4})\))"  # compiled on first use: most plans have a few holidays, many none
_OBSERVED = (" (observed)", " (выходной)")


def document_holidays(country: str, start: dt.date, end: dt.date, lang: str) -> dict[dt.date, str]:
    """The public holidays of `country` from `start` to `end`, each named for a reader of `lang`."""
    return {
        day: holiday_name(name, lang) for day, name in holidays_between(country, start, end, lang).items()
    }


def holiday_name(name: str, lang: str) -> str:
    """A holiday's name as the `holidays` library gives it, said in `lang` (several joined by "; ")."""
    catalog = labels(lang)
    parts = []
    for part in name.split("; "):
        moved = re.fullmatch(_SUBSTITUTED, part)
        if moved:
            month, day, year = moved.group(1, 2, 3) if moved.group(1) else moved.group(5, 4, 6)
            source = dt.date(int(year), int(month), int(day))
            parts.append(catalog["holiday.moved"].format(date=format_date(source, lang)))
            continue
        observed = next((part.removesuffix(end) for end in _OBSERVED if part.endswith(end)), None)
        base = observed if observed is not None else part
        said = catalog.get(f"holiday.{base}", base)
        parts.append(catalog["holiday.observed"].format(name=said) if observed is not None else said)
    return "; ".join(parts)
