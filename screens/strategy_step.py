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

from planner import l10n
from planner.fields import fields_of, label
from planner.model import POST_STATUSES, Community, Strategy, StrategyInfo
from planner.period import period_weeks, week_of_period
from screens.base import StepPane
from screens.words import Say, choice, money, words

if TYPE_CHECKING:
    from screens.forms import FormFields


def _date(day: dt.date, lang: str) -> str:
    """ "1 Dec 2026" / "1 дек. 2026"."""
    return f"{l10n.format_date(day, lang, 'day')} {day.year}" if lang == "ru" else f"{day.day} {day:%b %Y}"


def _names(names: list[str], t: Say, limit: int = 4) -> str:
    shown = ", ".join(names[:limit])
    return t("overview.and_more", names=shown, count=len(names) - limit) if len(names) > limit else shown


def current_day() -> dt.date:
    """The day the overview counts from (a function, so that snapshot tests can fix it)."""
    return dt.date.today()


def overview(strategy: Strategy, problems: int, today: dt.date | None = None, lang: str = "en") -> Content:
    """What a returning marketer checks first: whose strategy, when, where, and how the plan stands."""
    today = today or current_day()
    t = words(lang)
    info = strategy.strategy
    lines: list[Content] = [Content.styled(info.name or t("overview.no_name"), "bold")]
    brand = info.brand and t("overview.brand", brand=info.brand)
    who = [part for part in (info.client, brand, info.website) if part]
    if who:
        lines.append(Content(" · ".join(who)))
    weeks = period_weeks(info.start, info.end)
    if info.start and info.end and weeks:
        if today < info.start:
            when = t("overview.starts_in", count=(info.start - today).days)
        elif today > info.end:
            when = t("overview.ended")
        else:
            when = t("overview.week_of", week=week_of_period(info.start, info.end, today), weeks=weeks)
        period = f"{_date(info.start, lang)} – {_date(info.end, lang)}"
        lines.append(
            Content(t("overview.period", period=period, weeks=t("overview.weeks", count=weeks), when=when))
        )
    else:
        lines.append(Content(t("overview.no_period")))
    place = [t("overview.language", language=l10n.language_name(info.language, lang))]
    place += [l10n.country_name(info.country, lang)] if info.country else []
    place += [info.timezone] if info.timezone else []
    if info.budget:
        place.append(t("overview.budget", amount=money(info.budget, info.currency, lang)))
    lines.append(Content(" · ".join(place)))
    lines.append(Content(""))

    channels = [ch.name or ch.id for ch in strategy.channels]
    names = f" ({_names(channels, t)})" if channels else ""
    lines.append(Content(t("overview.channels", count=len(channels), names=names)))
    counts = Counter(post.status for post in strategy.posts)
    by_status = ", ".join(
        t("plan.status_count", status=choice("status_short", s, lang), count=counts[s])
        for s in POST_STATUSES
        if counts[s]
    )
    lines.append(
        Content(
            t("overview.posts", total=l10n.format_number(len(strategy.posts), lang))
            + (f" ({by_status})" if by_status else "")
        )
    )
    week_end = today + dt.timedelta(days=6)
    coming = [p for p in strategy.posts if p.date and today <= p.date <= week_end]
    if coming:
        unwritten = sum(1 for p in coming if not p.text and p.status in ("planned", "draft"))
        lines.append(
            Content(
                t("overview.next_week", posts=t("overview.post_count", count=len(coming)), count=unwritten)
            )
        )
    lines.append(
        Content(
            t(
                "overview.counts",
                audience=len(strategy.audience),
                pillars=len(strategy.pillars),
                goals=len(strategy.goals),
                campaigns=len(strategy.campaigns),
            )
        )
    )
    if problems:
        lines.append(Content.styled(t("overview.problems", count=problems), "$warning"))
    else:
        lines.append(Content.styled(t("overview.no_problems"), "$success"))
    lines.append(Content(""))
    lines.append(Content.styled(t("overview.enter"), "bold"))
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
        ("strategy", StrategyInfo),
        ("community", Community),
    )

    def compose(self) -> ComposeResult:
        yield Static(self.help_text(), classes="step-help", markup=False)
        if self.editing:
            with VerticalScroll(id="strategy-scroll", can_focus=False):
                yield from self._sections()
        else:
            yield StrategyOverview(id="strategy-overview")

    def _sections(self) -> ComposeResult:
        from screens.forms import FormContext, FormFields

        for i, (table, cls) in enumerate(self.SECTIONS):
            title = self.t(f"step.strategy.section.{table}")
            yield Static(title, classes="section-title -later" if i else "section-title")
            context = FormContext(self.strategy, table)
            yield FormFields(cls, getattr(self.strategy, table), context, lang=self.lang, id=f"form-{table}")
        yield Static("", id="strategy-pending", markup=False)

    @property
    def pending(self) -> list[str]:
        """Fields typed with a value that is not valid yet, so not in the strategy."""
        return [name for names in self._pending.values() for name in names]

    @property
    def pending_labels(self) -> list[str]:
        """The same fields as their labels say them, in the window's language."""
        classes = dict(self.SECTIONS)
        return [
            label(classes[table], name, self.lang) for table, names in self._pending.items() for name in names
        ]

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
            self.query_one(StrategyOverview).update(overview(self.strategy, problems, lang=self.lang))
            return
        from screens.forms import FormFields

        forms = {t: self.query_one(f"#form-{t}", FormFields) for t, _ in self.SECTIONS}
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
        blocked = self.pending_labels
        pending.update(self.t("step.strategy.pending", fields=", ".join(blocked)) if blocked else "")
        pending.display = bool(blocked)
        if changed:
            self.edited()

    def focus_field(self, where: str, problem: str = "") -> bool:
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
