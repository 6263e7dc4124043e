"""Content plan step: the calendar of posts, filtered by month, channel, pillar and status.

Channels, pillars and campaigns are shown by the names people gave them, statuses and formats in
the window's language; the file keeps their ids.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Select, Static

from planner import l10n
from planner.editing import (
    add_post,
    delete_post,
    duplicate,
    filter_posts,
    hand_written_post,
    months_of_plan,
    update_post,
)
from planner.errors import PlannerError
from planner.model import POST_STATUSES, Post, Strategy
from planner.period import month_key, parse_month_key
from screens.base import StepPane
from screens.dialogs import ConfirmDialog
from screens.post_form import PostForm
from screens.words import choice, platform_name, weekday, words

STATUS_STYLES = {
    "planned": "dim",
    "draft": "yellow",
    "approved": "cyan",
    "scheduled": "blue",
    "published": "green",
    "skipped": "dim strike",
}
# Rows are added to the table a chunk at a time: a DataTable measures every cell it holds, so
# showing a month of a 20,000-post plan at once would take seconds (tests/bench/RESULTS.md).
CHUNK = 50
FILTERS = ("month", "channel", "pillar", "status")


def cell(text: str, style: str = "") -> Text:
    return Text(text, style=style, end="", no_wrap=True, overflow="ellipsis")


def month_short(month: int, lang: str) -> str:
    """ "Dec" / "дек": a month in three or four letters, for a cell or a filter."""
    months = l10n.labels(lang)["ui.calendar.months"]
    return str(months[month - 1])


def short_date(date: dt.date | None, month_shown: bool, lang: str = "en") -> str:
    """Six characters at most: "Tue 01" / "Вт 01" when the month filter names the month, else "01 Dec" / "01.12"."""
    if date is None:
        return "—"
    if month_shown:
        return f"{weekday(date, lang)} {date.day:02d}"
    if lang == "ru":
        return f"{date.day:02d}.{date.month:02d}"
    return f"{date.day:02d} {month_short(date.month, lang)}"


def month_label(key: str, lang: str = "en") -> str:
    """ "Dec 2026" / "дек 2026"."""
    year, month = parse_month_key(key)
    return f"{month_short(month, lang)} {year}"


def date_label(date: dt.date | None, lang: str = "en") -> str:
    """ "Tue, December 1" / "Вт, 1 декабря": the highlighted post's day in full."""
    if date is None:
        return words(lang)("plan.no_date")
    return f"{weekday(date, lang)}, {l10n.format_date(date, lang, 'day_month')}"


def name_of(strategy: Strategy, table: str, item_id: str) -> str:
    """A channel, pillar or campaign as the person named it, else its id."""
    if not item_id:
        return ""
    for item in getattr(strategy, table):
        if item.id == item_id:
            return str(getattr(item, "name", "") or item_id)
    return item_id


def channel_labels(strategy: Strategy, width: int, lang: str) -> dict[str, str]:
    """How the table names each channel in `width` characters: its name when it fits; else its
    platform when no other channel is on that platform ("Instagram" for "Coffee Lab on
    Instagram"); else the name, abbreviated."""
    platforms = Counter(c.platform for c in strategy.channels)
    labels = {}
    for c in strategy.channels:
        name = c.name or c.id
        if len(name) > width and platforms[c.platform] == 1:
            name = platform_name(c.platform, lang)
        labels[c.id] = name
    return labels


class PostTable(DataTable[Any]):
    """The visible slice of the plan; asks for more rows when scrolled near its end."""

    class NearEnd(Message):
        """The view reached the last rows loaded so far."""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value and new_value >= self.max_scroll_y - self.size.height:
            self.post_message(self.NearEnd())


class ContentPlanStep(StepPane):
    """The posts of the strategy, one filtered slice at a time, and the command that plans them."""

    step_id = "plan"

    DEFAULT_CSS = """
    ContentPlanStep { height: 1fr; }
    ContentPlanStep #plan-top { dock: top; height: auto; }
    ContentPlanStep #plan-filters { height: 1; margin: 0 0 1 0; }
    ContentPlanStep #plan-filters Select { width: 1fr; margin-right: 1; }
    ContentPlanStep #plan-filters Select:last-of-type { margin-right: 0; }
    ContentPlanStep PostTable { height: 1fr; }
    ContentPlanStep #plan-bottom { dock: bottom; height: auto; }
    ContentPlanStep #plan-summary { height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
    ContentPlanStep #plan-post { height: 1; padding: 0 1; }
    ContentPlanStep #plan-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar = [
        Binding(
            "g",
            "generate",
            "Generate",
            id="plan.generate",
            tooltip="Fill the plan from the channels' cadence, as `smm-planner plan` does; keeps people's posts",
        ),
        Binding("e", "edit_post", "Edit", id="plan.edit", tooltip="Edit the selected post (also Enter)"),
        Binding("a", "add_post", "Add", id="plan.add", tooltip="Write a post by hand"),
        Binding(
            "d",
            "duplicate_post",
            "Duplicate",
            show=False,
            id="plan.duplicate",
            tooltip="Copy the post as a draft",
        ),
        Binding(
            "x,delete", "delete_post", "Delete", id="plan.delete", tooltip="Delete the selected post (asks)"
        ),
        Binding(
            "left_square_bracket",
            "month(-1)",
            "Previous month",
            show=False,
            id="plan.month-back",
            tooltip="Show the month before ([)",
        ),
        Binding(
            "right_square_bracket",
            "month(1)",
            "Next month",
            show=False,  # the footer at 80 columns keeps room for the app's keys; the help line says [ ]
            id="plan.month-next",
            tooltip="Show the month after (])",
        ),
        Binding(
            "0",
            "clear_filters",
            "All posts",
            show=False,
            id="plan.clear-filters",
            tooltip="Turn every filter off (0)",
        ),
    ]

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._slice: list[Post] = []
        self._loaded = 0
        self._topic_width = 28
        self._channel_width = 12
        self._extras: tuple[tuple[str, int], ...] = ()
        # The values each filter offers now (the Select keeps its own list private).
        self._choices: dict[str, list[str]] = {
            "month": [],
            "channel": [],
            "pillar": [],
            "status": list(POST_STATUSES),
        }
        self._month_shown = False
        self._holidays: dict[dt.date, str] = {}
        self._holidays_for: tuple[object, ...] | None = None
        self._summary = ""  # what the last generation of the plan did, in a line
        self._channel_labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        # The table comes first so that opening the step puts the keys on it; the help and the
        # filters are docked above it.
        t = self.t
        yield PostTable(id="plan-table", cursor_type="row", zebra_stripes=True)
        with Vertical(id="plan-top"):
            yield Static(self.help_text(), classes="step-help", markup=False)
            with Horizontal(id="plan-filters"):
                yield Select[str]([], prompt=t("plan.filter.month"), id="filter-month", compact=True)
                yield Select[str]([], prompt=t("plan.filter.channel"), id="filter-channel", compact=True)
                yield Select[str]([], prompt=t("plan.filter.pillar"), id="filter-pillar", compact=True)
                yield Select[str](
                    [(choice("status", status, self.lang), status) for status in POST_STATUSES],
                    prompt=t("plan.filter.status"),
                    id="filter-status",
                    compact=True,
                )
        with Vertical(id="plan-bottom"):
            yield Static(id="plan-post")
            yield Static(id="plan-summary", markup=False)
            yield Static(id="plan-status")

    def on_mount(self) -> None:
        self.query_one("#plan-summary").display = False
        self._channel_labels = channel_labels(self.strategy, self._channel_width, self.lang)
        self._add_columns()
        self._set_options(first=True)
        self._apply_filters()

    def on_show(self) -> None:
        self._check_holidays()

    def on_resize(self) -> None:
        # Only the columns that fit: the essentials at 80×24, pillar, format, text length and
        # campaign as the terminal widens. No sideways scrolling, and a DataTable draws every
        # column of a row even when it is off screen, so fewer columns also draw faster.
        if not self.size.width:
            return
        s = self.strategy
        lang = self.lang
        self._channel_labels = channel_labels(s, 12, lang)
        channel = min(12, max((len(label) for label in self._channel_labels.values()), default=7))
        channel = max(channel, len(self.t("plan.column.channel")))
        free = (
            self.size.width - (self._date_width() + 5 + channel + self._status_width()) - 2 * 5 - 2
        )  # scrollbar: 2
        extras: list[tuple[str, int]] = []
        formats = {f for p in s.pillars for f in p.formats}
        for key, width in (
            ("pillar", min(14, max((len(p.name or p.id) for p in s.pillars), default=6))),
            ("format", min(10, max((len(choice("content_format", f, lang)) for f in formats), default=6))),
            ("text", 4),
            ("campaign", min(14, max((len(c.name or c.id) for c in s.campaigns), default=8))),
        ):
            width = max(width, len(self.t(f"plan.column.{key}")))
            if free - (width + 2) >= 28:
                extras.append((key, width))
                free -= width + 2
        layout = (max(12, free), channel, tuple(extras))
        if layout != (self._topic_width, self._channel_width, self._extras):
            self._topic_width, self._channel_width, self._extras = layout
            self._add_columns()
            self._show_slice(keep=self._current())

    # --- the step contract -------------------------------------------------------------------

    def refresh_view(self) -> None:
        self._channel_labels = channel_labels(self.strategy, self._channel_width, self.lang)
        self._check_holidays()
        self._set_options()
        self._apply_filters(keep=self._current())

    def focus_field(self, where: str, problem: str = "") -> bool:
        if not where.startswith("posts"):
            return False
        key = where[len("posts[") :].split("]")[0] if where.startswith("posts[") else ""
        post = next((p for p in self.strategy.posts if p.id == key), None)
        if post is None and key.isdigit() and int(key) < len(self.strategy.posts):
            post = self.strategy.posts[int(key)]
        if post is None:
            self._table().focus()
            return where == "posts"
        values = {
            "month": month_key(post.date) if post.date else "",
            "channel": "",
            "pillar": "",
            "status": "",
        }
        self._set_filters(values)
        self._apply_filters(keep=post)
        self._table().focus()
        # The field named: the post's own form, with the cursor there (a field path such as
        # posts[…].date, posts[…].results.reach, posts[…].text).
        field = where.split("].", 1)[1] if "]." in where else ""
        if field:
            self.call_after_refresh(self.action_edit_post, field.split(".")[-1].split("[")[0])
        return True

    # --- filters -----------------------------------------------------------------------------

    def _select(self, name: str) -> Select[str]:
        return self.query_one(f"#filter-{name}", Select)

    def filters(self) -> dict[str, str]:
        """The current filters, '' where any value goes."""
        values = {}
        for name in FILTERS:
            value = self._select(name).value
            values[name] = value if isinstance(value, str) else ""
        return values

    def _set_filters(self, values: dict[str, str]) -> None:
        with self.prevent(Select.Changed):
            for name, value in values.items():
                select = self._select(name)
                if not value:
                    select.clear()
                elif value in self._choices[name]:
                    select.value = value

    def _set_options(self, *, first: bool = False) -> None:
        """Offer the months, channels and pillars the strategy has now, keeping the choices still valid."""
        s = self.strategy
        kept = self.filters()
        options = {
            "month": [(month_label(m, self.lang), m) for m in months_of_plan(s)],
            "channel": [(c.name or c.id, c.id) for c in s.channels],
            "pillar": [(p.name or p.id, p.id) for p in s.pillars],
        }
        with self.prevent(Select.Changed):
            for name, choices in options.items():
                self._choices[name] = [value for _, value in choices]
                select = self._select(name)
                select.set_options(choices)
                if kept[name] in self._choices[name]:
                    select.value = kept[name]
            if first and options["month"]:
                # The plan opens on the first month of the period, not on every post at once.
                start = s.strategy.start
                months = [value for _, value in options["month"]]
                self._select("month").value = month_key(start) if start else months[0]

    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        if event.select.id and event.select.id.startswith("filter-"):
            event.stop()
            self._apply_filters()

    def action_month(self, step: int) -> None:
        select = self._select("month")
        months = self._choices["month"]
        if not months:
            return
        current = select.value
        index = months.index(current) + step if isinstance(current, str) and current in months else 0
        select.value = months[max(0, min(len(months) - 1, index))]

    def action_clear_filters(self) -> None:
        self._set_filters(dict.fromkeys(FILTERS, ""))
        self._apply_filters()

    # --- the table ---------------------------------------------------------------------------

    def _table(self) -> PostTable:
        return self.query_one(PostTable)

    def _date_width(self) -> int:
        return max(6, len(self.t("plan.column.date")))

    def _status_width(self) -> int:
        labels = [choice("status_short", s, self.lang) for s in POST_STATUSES]
        return max(len(self.t("plan.column.status")), *(len(label) for label in labels))

    def _add_columns(self) -> None:
        table = self._table()
        table.clear(columns=True)
        t = self.t
        table.add_column(t("plan.column.date"), key="date", width=self._date_width())
        table.add_column(t("plan.column.time"), key="time", width=5)
        table.add_column(t("plan.column.channel"), key="channel", width=self._channel_width)
        table.add_column(t("plan.column.status"), key="status", width=self._status_width())
        table.add_column(t("plan.column.topic"), key="topic", width=self._topic_width)
        for key, width in self._extras:
            table.add_column(t(f"plan.column.{key}"), key=key, width=width)

    def _apply_filters(self, keep: Post | None = None) -> None:
        filters = self.filters()
        self._month_shown = bool(filters["month"])
        self._slice = filter_posts(self.strategy.posts, **filters)
        self._show_slice(keep=keep)

    def _show_slice(self, keep: Post | None = None) -> None:
        table = self._table()
        table.clear()
        self._loaded = 0
        self._load_more()
        if keep is not None:
            index = next((i for i, p in enumerate(self._slice) if p is keep), None)
            if index is not None:
                while self._loaded <= index:
                    self._load_more()
                table.move_cursor(row=index, animate=False)
        self._show_status()

    def _load_more(self) -> None:
        table = self._table()
        start = self._loaded
        for i, post in enumerate(self._slice[start : start + CHUNK], start):
            table.add_row(*self._cells(post), key=str(i))
        self._loaded = min(len(self._slice), start + CHUNK)

    def _cells(self, post: Post) -> tuple[Text, ...]:
        # Cells are Text, never str: DataTable reads a str as markup, and a topic may hold "[".
        width = self._topic_width
        topic = post.topic if len(post.topic) <= width else post.topic[: width - 1] + "…"
        holiday = post.date in self._holidays
        s, lang = self.strategy, self.lang
        cells = [
            cell(short_date(post.date, self._month_shown, lang), "bold red" if holiday else ""),
            cell(post.time),
            cell(self._channel_labels.get(post.channel) or post.channel),
            cell(choice("status_short", post.status, lang), STATUS_STYLES.get(post.status, "")),
            cell(topic) if topic else cell(self.t("plan.no_topic"), "dim italic"),
        ]
        extra = {
            "pillar": name_of(s, "pillars", post.pillar),
            "format": choice("content_format", post.format, lang) if post.format else "",
            "campaign": name_of(s, "campaigns", post.campaign),
        }
        for key, _ in self._extras:
            cells.append(
                cell(str(len(post.text)) if post.text else "") if key == "text" else cell(extra[key])
            )
        return tuple(cells)

    def _update_row(self, index: int) -> None:
        table = self._table()
        post = self._slice[index]
        for column, value in zip(table.columns, self._cells(post), strict=True):
            table.update_cell(str(index), column, value)

    @on(PostTable.NearEnd)
    def _near_end(self) -> None:
        if self._loaded < len(self._slice):
            self._load_more()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self._loaded - 10 and self._loaded < len(self._slice):
            self._load_more()
        self._show_post()

    def _show_post(self) -> None:
        """The highlighted post in full above the counts: the table has room for a short topic only."""
        post = self._current()
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        if post is not None:
            line.append(f"{date_label(post.date, self.lang)} {post.time} ", style="bold")
            line.append(name_of(self.strategy, "channels", post.channel))
            if post.date in self._holidays:
                line.append(f" · {self._holidays[post.date]}", style="bold red")
            line.append(f" · {post.topic}" if post.topic else f" · {self.t('plan.no_topic')}")
        self.query_one("#plan-post", Static).update(line)

    def _show_status(self) -> None:
        filters = self.filters()
        t, lang = self.t, self.lang
        where = month_label(filters["month"], lang) if filters["month"] else t("plan.all_months")
        counts = Counter(p.status for p in self._slice)
        by_status = ", ".join(
            t("plan.status_count", status=choice("status_short", s, lang), count=counts[s])
            for s in POST_STATUSES
            if counts[s]
        )
        total = len(self.strategy.posts)
        if not total:
            text = t("plan.empty")
        elif not self._slice:
            text = t("plan.none_match", where=where, count=total)
        else:
            text = t("plan.shown", where=where, shown=len(self._slice), count=total)
            text += f" · {by_status}" if by_status else ""
        self.query_one("#plan-status", Static).update(Text(text, no_wrap=True, overflow="ellipsis", end=""))
        self._show_post()

    # --- public holidays, marked in red --------------------------------------------------------

    def _check_holidays(self) -> None:
        info = self.strategy.strategy
        key = (info.country, info.start, info.end, self.lang)
        if key == self._holidays_for:
            return
        self._holidays_for = key
        if not (info.country and info.start and info.end):
            self._holidays = {}
            return
        self._find_holidays(info.country, info.start, info.end, self.lang)

    @work(thread=True, exclusive=True, group="plan-holidays")
    def _find_holidays(self, country: str, start: dt.date, end: dt.date, lang: str) -> None:
        # The holidays library takes a moment to import: never in the way of the first screen.
        from planner.public_holidays import holidays_between

        try:
            found = holidays_between(country, start, end, lang)  # named in the window's language
        except Exception:  # an unknown country is `validate`'s to report, not a reason to fail here
            found = {}
        self.app.call_from_thread(self._holidays_found, found)

    def _holidays_found(self, found: dict[dt.date, str]) -> None:
        if found != self._holidays:
            self._holidays = found
            self._show_slice(keep=self._current())

    def _current(self) -> Post | None:
        table = self._table()
        if not self._slice or not table.row_count or not 0 <= table.cursor_row < len(self._slice):
            return None
        return self._slice[table.cursor_row]

    # --- generating the plan -----------------------------------------------------------------

    def action_generate(self) -> None:
        table = self._table()
        self._refocus = table.has_focus
        table.loading = True
        self._generate()

    @work(thread=True, exclusive=True, group="plan-generate")
    def _generate(self) -> None:
        # Planning a long period takes a moment: a thread keeps the app answering meanwhile.
        try:
            from planner.planning import plan_strategy

            change = plan_strategy(self.strategy)
        except PlannerError as e:
            self.app.call_from_thread(self._plan_failed, e.message)
        except Exception as e:  # a bug in planning must not take the user's unsaved work down
            self.app.call_from_thread(self._plan_failed, f"{type(e).__name__}: {e}")
        else:
            self.app.call_from_thread(self._planned, change)

    _refocus = False

    def _done_loading(self) -> None:
        # A loading widget gives up the focus: give it back so the keys keep working.
        table = self._table()
        table.loading = False
        if self._refocus:
            table.focus()

    def _plan_failed(self, message: str) -> None:
        self._done_loading()
        from screens.messages import translate

        self.notify(translate(message, self.lang), title=self.t("plan.failed"), severity="error")

    def _planned(self, change: Any) -> None:
        self._done_loading()
        # Everything planning said, in the window's language, for the palette's "plan log"; on
        # screen a line that fits (it covered the table for seconds when it held the log).
        lines = [self._named(line) for line in change.summary_lines(self.lang)]
        log = getattr(self.app, "log_plan", None)
        if log is not None:
            log(lines)
        if change.changed:
            # In place: the app and every step keep holding the same Strategy object.
            self.strategy.posts[:] = change.strategy.posts
            self.edited()
            first = not self.filters()["month"]
            self._set_options(first=first)
            self._apply_filters()
        self._summary = self.plan_summary(change)
        summary = self.query_one("#plan-summary", Static)
        summary.update(self._summary)
        summary.display = True
        self.notify(self.plan_message(change), title=self.t("plan.title"), timeout=5, markup=False)

    def _named(self, line: str) -> str:
        """A line of `plan`'s summary with the channel or pillar it starts with named as the person named it."""
        s = self.strategy
        for item_id, name in ((c.id, c.name) for c in s.channels):
            if name and line.startswith(item_id + " "):  # "vk-main  2026-12: …" (padded)
                return f"{name} {line[len(item_id) :].lstrip()}"
        for item_id, name in ((p.id, p.name) for p in s.pillars):
            if name and line.startswith(item_id + ":"):  # "recipes: 6 more topics …"
                return name + line[len(item_id) :]
        return line

    def plan_message(self, change: Any) -> str:
        """One line after generating: what changed, and where the details are."""
        t = self.t
        if not change.changed:
            return t("plan.up_to_date") + " " + t("plan.see_log")
        return t("plan.generated", changes=self._changes(change)) + " " + t("plan.see_log")

    def _changes(self, change: Any) -> str:
        """ "44 added, 3 kept": the counts that are not zero."""
        counts = (
            ("plan.added", len(change.added)),
            ("plan.removed", len(change.removed)),
            ("plan.updated", len(change.updated)),
            ("plan.kept", len(change.kept)),
        )
        parts = [self.t(key, count=n) for key, n in counts if n]
        return ", ".join(parts) or self.t("plan.added", count=0)

    def plan_summary(self, change: Any) -> str:
        """The line kept under the table: the changes, and what the plan still needs (topics)."""
        t = self.t
        text = t("plan.last_run", changes=self._changes(change)) if change.changed else t("plan.up_to_date")
        if change.topics:
            missing = sum(s.empty for s in change.topics)
            text += " · " + t("plan.topics_missing", count=missing)
        return text

    # --- editing posts -----------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_post()

    def action_edit_post(self, focus: str = "") -> None:
        post = self._current()
        if post is None:
            return
        index = self._table().cursor_row

        def done(edited: Post | None) -> None:
            if edited is None or not update_post(post, edited):
                return
            self._update_row(index)
            self._show_status()
            self.edited()

        self.app.push_screen(PostForm(post, self.strategy, focus=focus), done)

    def action_add_post(self) -> None:
        s = self.strategy
        if not s.channels:
            self.notify(self.t("plan.no_channels"), severity="warning")
            return
        filters = self.filters()
        current = self._current()
        if current is not None and current.date:
            date = current.date
        elif filters["month"]:
            date = dt.date.fromisoformat(filters["month"] + "-01")
        else:
            date = s.strategy.start or dt.date.today()
        draft = hand_written_post(
            date,
            filters["channel"] or (current.channel if current else s.channels[0].id),
            time=current.time if current else "",
            pillar=filters["pillar"],
        )

        def done(post: Post | None) -> None:
            if post is None:
                return
            add_post(s, post)
            self.edited()
            self._set_options()
            if filters["month"] and post.date and month_key(post.date) != filters["month"]:
                self._set_filters({"month": month_key(post.date)})
            self._apply_filters(keep=post)
            self.notify(self.t("plan.added_post", id=post.id), title=self.t("plan.title"))

        self.app.push_screen(PostForm(draft, s, new=True), done)

    def action_delete_post(self) -> None:
        post = self._current()
        if post is None:
            return
        index = self._table().cursor_row
        t = self.t
        question = t(
            "plan.delete",
            date=date_label(post.date, self.lang),
            time=post.time,
            channel=name_of(self.strategy, "channels", post.channel),
        )
        if post.topic:
            question += f"\n{post.topic}"
        if post.owned_by_planner:
            question += "\n" + t("plan.delete_planned")

        def done(yes: bool | None) -> None:
            if not yes or delete_post(self.strategy, post) is None:
                return
            self.edited()
            self._slice.pop(index)
            keep = self._slice[min(index, len(self._slice) - 1)] if self._slice else None
            self._show_slice(keep=keep)

        dialog = ConfirmDialog(
            t("plan.delete_title"), question, yes=t("list.delete_yes"), no=t("list.delete_no")
        )
        self.app.push_screen(dialog, done)

    def action_duplicate_post(self) -> None:
        """A copy of the post on the same slot, as a person's draft: e.g. the same news on a second day."""
        post = self._current()
        if post is None:
            return
        s = self.strategy
        at = next((i for i, p in enumerate(s.posts) if p is post), len(s.posts) - 1)
        copy = s.posts[duplicate(s, "posts", at)]
        self.edited()
        self._apply_filters(keep=copy)
        self.notify(self.t("plan.copied", id=copy.id), title=self.t("plan.title"))
