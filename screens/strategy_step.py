"""The Strategy step: the strategy's name, client, period and budget, and the community management rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from planner.fields import fields_of
from planner.model import Community, Strategy, StrategyInfo
from screens.base import StepPane

if TYPE_CHECKING:
    from screens.forms import FormFields

# What the sidebar counts as filled in: the fields a client document cannot do without.
KEY_FIELDS = (
    "name",
    "client",
    "brand",
    "website",
    "country",
    "timezone",
    "start",
    "end",
    "summary",
    "currency",
)


class StrategyStep(StepPane):
    """Edited in place, field by field: a value is applied as soon as it is valid."""

    step_id = "strategy"
    step_title = "Strategy"
    step_help = (
        "What the strategy is for and when it runs. The period bounds the content plan; the country's "
        "public holidays are marked in it. Community rules say how fast you reply and how you moderate."
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pending: dict[str, list[str]] = {}

    SECTIONS: ClassVar = (
        ("strategy", StrategyInfo, "The strategy"),
        ("community", Community, "Community management"),
    )

    def compose(self) -> ComposeResult:
        yield Static(self.step_help, classes="step-help", markup=False)
        with VerticalScroll(id="strategy-scroll", can_focus=False):
            yield from self._sections()

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
        self.query_one("#strategy-pending").display = False

    @classmethod
    def completeness(cls, strategy: Strategy) -> tuple[int, int]:
        info = strategy.strategy
        done = sum(1 for name in KEY_FIELDS if getattr(info, name) not in ("", None))
        community = strategy.community
        done += bool(community.moderation) + bool(community.negative_feedback)
        return (done, len(KEY_FIELDS) + 2)

    def refresh_view(self) -> None:
        """Rebuild the fields when the strategy object was replaced (a reload); edits here need nothing."""
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
