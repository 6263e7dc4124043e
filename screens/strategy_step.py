"""The Strategy step: the strategy's name, client, period and budget, and the community management rules."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from planner.fields import fields_of
from planner.model import POST_STATUSES, Community, Strategy, StrategyInfo
from planner.period import period_weeks, week_of_period
from screens.base import StepPane

if TYPE_CHECKING:
    from screens.forms import FormFields


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _names(names: list[str], limit: int = 4) -> str:
    shown = ", ".join(names[:limit])
    return f"{shown} and {len(names) - limit} more" if len(names) > limit else shown


def current_day() -> dt.date:
    """The day the overview counts from (a function, so that snapshot tests can fix it)."""
    return dt.date.today()


def overview(strategy: Strategy, problems: int, today: dt.date | None = None) -> Content:
    """What a returning marketer checks first: whose strategy, when, where, and how the plan stands."""
    today = today or current_day()
    info = strategy.strategy
    lines: list[Content] = [Content.styled(info.name or "(no name yet)", "bold")]
    who = [part for part in (info.client, info.brand and f"brand {info.brand}", info.website) if part]
    if who:
        lines.append(Content(" · ".join(who)))
    weeks = period_weeks(info.start, info.end)
    if info.start and info.end and weeks:
        if today < info.start:
            when = f"starts in {(info.start - today).days} days"
        elif today > info.end:
            when = "ended"
        else:
            when = f"week {week_of_period(info.start, info.end, today)} of {weeks}"
        lines.append(Content(f"{_date(info.start)} – {_date(info.end)}, {weeks} weeks: {when}"))
    else:
        lines.append(Content("Period: not set yet (the content plan needs a start and an end)"))
    place = [f"language {info.language}"]
    place += [f"country {info.country}"] if info.country else []
    place += [info.timezone] if info.timezone else []
    if info.budget:
        place.append(f"budget {info.budget:,} {info.currency}/month".rstrip())
    lines.append(Content(" · ".join(place)))
    lines.append(Content(""))

    channels = [ch.name or ch.id for ch in strategy.channels]
    lines.append(Content(f"Channels: {len(channels)}" + (f" ({_names(channels)})" if channels else "")))
    counts = Counter(post.status for post in strategy.posts)
    by_status = ", ".join(f"{counts[s]:,} {s}" for s in POST_STATUSES if counts[s])
    lines.append(Content(f"Posts: {len(strategy.posts):,}" + (f" ({by_status})" if by_status else "")))
    week_end = today + dt.timedelta(days=6)
    coming = [p for p in strategy.posts if p.date and today <= p.date <= week_end]
    if coming:
        unwritten = sum(1 for p in coming if not p.text and p.status in ("planned", "draft"))
        lines.append(Content(f"Next 7 days: {len(coming)} posts, {unwritten} without text yet"))
    lines.append(
        Content(
            f"Audience {len(strategy.audience)} · pillars {len(strategy.pillars)} · "
            f"goals {len(strategy.goals)} · campaigns {len(strategy.campaigns)}"
        )
    )
    if problems:
        s = "s" if problems != 1 else ""
        lines.append(Content.styled(f"{problems} problem{s} to fix: f8 lists them", "$warning"))
    else:
        lines.append(Content.styled("No problems: f8 checks again after your edits", "$success"))
    lines.append(Content(""))
    lines.append(Content.styled("Press Enter to edit the strategy, Esc for the other steps", "bold"))
    return Content("\n").join(lines)


class StrategyOverview(Static, can_focus=True):
    """The Strategy step on opening a file: a light summary; the form is built when the person edits.

    The form is about eighty widgets (300–400 ms to build, style and lay out): too slow for the
    first screen (tests/bench/bench_tui.py), and a returning marketer first wants to see where
    the strategy stands. Enter, a click, or Tab from the steps opens the form.
    """

    quiet = False  # focused by the app on showing the step, not by the person moving into it

    async def on_focus(self, event: events.Focus) -> None:
        if self.quiet:
            self.quiet = False
        elif not event.from_app_focus:
            await self.query_ancestor(StrategyStep).action_edit()

    async def on_click(self) -> None:
        await self.query_ancestor(StrategyStep).action_edit()


class StrategyStep(StepPane):
    """Edited in place, field by field: a value is applied as soon as it is valid.

    On a file that exists, the step first shows an overview (`StrategyOverview`); the form is
    built when the person goes into the step. On a new strategy the form is there at once.
    """

    step_id = "strategy"
    step_help = (
        "What the strategy is for and when it runs. The period bounds the content plan; the country's "
        "public holidays are marked in it. Community rules say how fast you reply and how you moderate."
    )
    BINDINGS: ClassVar = [
        Binding(
            "enter,e",
            "edit",
            "Edit",
            id="strategy.edit",
            tooltip="Edit the strategy's name, period and community rules",
        ),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pending: dict[str, list[str]] = {}
        # The form at once on a new strategy: the person must type a name first.
        self.editing = bool(getattr(self.app, "is_new", True))

    SECTIONS: ClassVar = (
        ("strategy", StrategyInfo, "The strategy"),
        ("community", Community, "Community management"),
    )

    def compose(self) -> ComposeResult:
        yield Static(self.step_help, classes="step-help", markup=False)
        if self.editing:
            with VerticalScroll(id="strategy-scroll", can_focus=False):
                yield from self._sections()
        else:
            yield StrategyOverview(id="strategy-overview")

    def _sections(self) -> ComposeResult:
        from screens.forms import FormContext, FormFields

        for i, (table, cls, title) in enumerate(self.SECTIONS):
            yield Static(title, classes="section-title -later" if i else "section-title")
            context = FormContext(self.strategy, table)
            yield FormFields(cls, getattr(self.strategy, table), context, id=f"form-{table}")
        yield Static("", id="strategy-pending", markup=False)

    @property
    def pending(self) -> list[str]:
        """Fields typed with a value that is not valid yet, so not in the strategy."""
        return [name for names in self._pending.values() for name in names]

    def on_mount(self) -> None:
        if self.editing:
            self.query_one("#strategy-pending").display = False

    async def open_editing(self) -> None:
        """Replace the overview with the form (once: the form stays for the rest of the session)."""
        if self.editing:
            return
        self.editing = True
        await self.query_one(StrategyOverview).remove()
        await self.mount(VerticalScroll(*self._sections(), id="strategy-scroll", can_focus=False))
        self.on_mount()

    async def action_edit(self) -> None:
        await self.open_editing()
        from screens.forms import FormFields

        self.query_one("#form-strategy", FormFields).focus_field("name")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "edit" and self.editing)

    def focus_start(self) -> bool:
        if self.editing:
            return False
        shown = self.query_one(StrategyOverview)
        if not shown.has_focus and shown.focusable:
            shown.quiet = True
            self.screen.set_focus(shown)
        return True

    def refresh_view(self) -> None:
        """Rebuild the fields when the strategy object was replaced (a reload); edits here need nothing."""
        if not self.editing:
            problems = len(getattr(self.app, "problems", []))
            self.query_one(StrategyOverview).update(overview(self.strategy, problems))
            return
        from screens.forms import FormFields

        forms = {t: self.query_one(f"#form-{t}", FormFields) for t, _, _ in self.SECTIONS}
        if all(
            form.value is getattr(self.strategy, t) and form.context.strategy is self.strategy
            for t, form in forms.items()
        ):
            return
        scroll = self.query_one("#strategy-scroll")
        scroll.remove_children()
        scroll.mount_all(list(self._sections()))
        self.call_after_refresh(self.on_mount)

    def on_form_fields_changed(self, event: FormFields.Changed) -> None:
        event.stop()
        form = event.form
        target = getattr(self.strategy, form.context.table)
        obj, errors, _ = form.validate()
        form.show_errors(errors)
        changed = False
        for info in fields_of(form.cls):
            if info.name in errors:
                continue
            new: Any = getattr(obj, info.name)
            if getattr(target, info.name) != new:
                setattr(target, info.name, new)
                changed = True
        pending = self.query_one("#strategy-pending", Static)
        blocked = [name for name in errors if name in form.touched]
        self._pending[form.context.table] = blocked
        blocked = self.pending
        pending.update(f"Not applied until fixed: {', '.join(blocked)}." if blocked else "")
        pending.display = bool(blocked)
        if changed:
            self.edited()

    def focus_field(self, where: str) -> bool:
        table, _, rest = where.partition(".")
        if table not in ("strategy", "community"):
            return False
        from screens.forms import FormFields

        form = self.query_one(f"#form-{table}", FormFields)
        name = rest.split(".", 1)[0].split("[", 1)[0]
        if name and form.focus_field(name):
            _, errors, _ = form.validate()
            form.show_errors(errors, everywhere=True)
            return True
        return False
