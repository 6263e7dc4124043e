"""Forms for every table of the strategy, built from the field declarations in planner.model.

One generic builder instead of a hand-written form per table: `planner.fields.fields_of(cls)`
says each field's kind, choices, what it refers to, whether it is required, what it means and
what an empty value means, and how it is shown (`widget`), so a new field in the model appears
in its form without touching this module; its label comes from planner/locales/fields.*.toml. Values are checked by the same
code as `smm-planner validate`: `fields.build` for types and required fields, then
`model.check` on the strategy with the item in place for what spans tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Footer,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from planner import catalog
from planner.editing import item_name
from planner.fields import WEEKDAYS, FieldInfo, build, fields_of, label, to_raw
from planner.model import Strategy, check
from planner.parsing import NUMBER_CHARACTERS, parse_date, parse_number, parse_time, parse_whole_number
from planner.slugs import propose_id
from screens.base import BothLayouts, PlannerModal
from screens.messages import input_error, translate
from screens.words import choice, date_text, lang_of, number, platform_name, words

# Which words name the values of an enumeration field (`ui.choice.<kind>.<value>`), by field name.
CHOICE_KINDS = {
    "stage": "stage",
    "metric": "metric",
    "kind": "campaign_kind",
    "format": "community_format",
    "status": "check_status",
    "report_every": "report_every",
    "language": "language",
}


def label_of(cls: type, name: str, lang: str = "en") -> str:
    """A field's label in the form's language (planner/locales/fields.<lang>.toml)."""
    return label(cls, name, lang)


def choices_for(source: str, strategy: Strategy, lang: str = "en") -> list[tuple[str, str]]:
    """(label, id) pairs a reference field offers, in the order of the catalog or the file."""
    if source == "platforms":
        return [(platform_name(p.id, lang), p.id) for p in catalog.platforms().values()]
    items = getattr(strategy, source)
    return [(f"{item_name(i)} ({i.id})" if item_name(i) != i.id else i.id, i.id) for i in items if i.id]


def content_formats(strategy: Strategy) -> list[str]:
    """Post formats a pillar or a post can choose: those of the strategy's platforms first, then the rest of the catalog's."""
    platforms = catalog.platforms()
    used: list[str] = []
    for channel in strategy.channels:
        platform = platforms.get(channel.platform)
        used += [f for f in (platform.content_formats if platform else ()) if f not in used]
    every = [f for p in platforms.values() for f in p.content_formats]
    return used + [f for f in dict.fromkeys(every) if f not in used]


@dataclass
class FormContext:
    """Where the item being edited lives, so that cross-table checks see it in place.

    `table` is a top-level list ("channels"), a single table ("strategy", "community"), or ""
    for a nested item (a competitor's presence entry) that only gets the type checks.
    `index` is the item's position in its list; None: a new item appended at the end.
    """

    strategy: Strategy
    table: str = ""
    index: int | None = None

    def taken_ids(self) -> set[str]:
        if not self.table or not isinstance(getattr(self.strategy, self.table, None), list):
            return set()
        items = getattr(self.strategy, self.table)
        return {item.id for i, item in enumerate(items) if i != self.index}

    def cross_checks(self, obj: Any) -> tuple[dict[str, str], list[str]]:
        """Messages from `model.check` about `obj` (by field), and table-wide notes (pillar shares)."""
        if not self.table:
            return {}, []
        current = getattr(self.strategy, self.table)
        if isinstance(current, list):
            items = list(current)
            index = len(items) if self.index is None else self.index
            if index < len(items):
                items[index] = obj
            else:
                items.append(obj)
            prefix = f"{self.table}[{obj.id}]."
            by_index = f"{self.table}[{index}]."
        else:
            prefix = by_index = f"{self.table}."
        changes: dict[str, Any] = {self.table: items if isinstance(current, list) else obj}
        if self.table != "posts":
            # Messages about posts never concern another table's item; without them a form
            # checks in a millisecond instead of ~60 ms on 20,000 posts, at every keystroke.
            changes.setdefault("posts", [])
        placed = dataclasses.replace(self.strategy, **changes)
        errors: dict[str, str] = {}
        notes: list[str] = []
        for where, message in check(placed):
            for start in (prefix, by_index):
                if where.startswith(start):
                    name = _field_name(where[len(start) :])
                    errors.setdefault(name, message)
                    break
            else:
                if where == self.table:
                    notes.append(message)
        return errors, notes


def _plain(options: list[tuple[str, str]]) -> list[tuple[Content, str]]:
    """Choice labels as plain text: a name such as "[VIP] buyers" is not Textual markup."""
    return [(Content(label), value) for label, value in options]


def _input(value: str, **kwargs: Any) -> Input:
    """A compact Input, built already marked valid.

    Input marks itself `-valid` when its value is set in `__init__`, and a class change restyles
    the widget at once: without the class given up front, every field of a form is styled twice.
    """
    return Input(value, compact=True, classes="-valid", **kwargs)


def _in_form_order(infos: list[FieldInfo]) -> list[FieldInfo]:
    """The file's field order, except that the id comes after the name it is proposed from."""
    names = [i.name for i in infos]
    anchor = next((n for n in ("name", "title") if n in names), None)
    if "id" not in names or anchor is None:
        return infos
    rest = [i for i in infos if i.name != "id"]
    at = next(k for k, i in enumerate(rest) if i.name == anchor) + 1
    return [*rest[:at], next(i for i in infos if i.name == "id"), *rest[at:]]


def _field_name(path: str) -> str:
    """`days` from `days`, `audience` from `audience[0]`, `presence` from `presence[1].platform`."""
    for i, ch in enumerate(path):
        if ch in ".[":
            return path[:i]
    return path


class FormFields(Vertical):
    """Labelled inputs for the fields of one dataclass, with a message line beside each field."""

    DEFAULT_CSS = """
    FormFields { height: auto; }
    """

    class Changed(Message):
        """A field's value changed (typed, chosen or ticked by the person)."""

        def __init__(self, form: FormFields, name: str) -> None:
            super().__init__()
            self.form = form
            self.name = name

        @property
        def control(self) -> FormFields:
            return self.form

    def __init__(
        self,
        cls: type,
        value: Any,
        context: FormContext,
        *,
        skip: tuple[str, ...] = (),
        propose_id_from_name: bool = False,
        lang: str = "en",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.cls = cls
        self.lang = (
            lang  # of the labels and explanations: the window's (the app builds forms again when it changes)
        )
        self.value = value
        self.context = context
        self.infos = _in_form_order([f for f in fields_of(cls) if f.name not in skip])
        self.propose_id_from_name = propose_id_from_name
        # Every id this form proposed: their Changed messages arrive later, even after newer
        # proposals when someone types fast, and must not count as the person choosing an id.
        self._proposals = {"", getattr(value, "id", "")}
        self._initial: dict[str, Any] = {}
        self.touched: set[str] = set()
        self._hints: dict[str, str] = {}

    # --- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Four widgets a field: the hint and the error line under the editor are mounted when
        # first needed (focus, a wrong value). A form is the first screen of the planner, and
        # every widget costs its styling and layout there, and in every later frame and test pause.
        for info in self.infos:
            self._hints[info.name] = self._hint(info)
            with Horizontal(classes="field", id=f"row-{info.name}"):
                name = label_of(self.cls, info.name, self.lang)
                yield Label(name + (" *" if info.required else ""), classes="field-label")
                with Vertical(classes="field-body", id=f"body-{info.name}"):
                    yield self._editor(info)

    def on_mount(self) -> None:
        # Widgets post Changed for their initial values too: only a different value counts.
        self._initial = {info.name: self._value_or_error(info) for info in self.infos}

    def _line(self, kind: str, name: str) -> Static | None:
        """The hint or error line of a field, if it was mounted."""
        found = self.query(f"#{kind}-{name}")
        return found.first(Static) if found else None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        name = self._field_of(event.widget)
        if name is None or self._line("hint", name) is not None or not self._hints.get(name):
            return
        # Shown while the field has focus (app.tcss): the form stays short at 80×24.
        hint = Static(self._hints[name], classes="field-hint", id=f"hint-{name}", markup=False)
        self.query_one(f"#body-{name}").mount(hint, after=self.query_one(f"#field-{name}"))

    def _field_of(self, widget: Widget) -> str | None:
        node: Widget | None = widget
        while node is not None and not (node.id or "").startswith("field-"):
            node = node.parent if isinstance(node.parent, Widget) else None
        if node is None or node.id is None:
            return None
        return node.id.removeprefix("field-")

    def _value_or_error(self, info: FieldInfo) -> Any:
        try:
            return self._read(info)
        except ValueError as e:
            return input_error(e, self.lang)

    def _source(self, info: FieldInfo) -> str | None:
        """The table or catalog a reference field chooses from (its `ref=`)."""
        return info.ref or None

    def _choice(self, info: FieldInfo, value: str) -> str:
        """A value of an enumeration field as the window names it."""
        kind = "community_format" if info.choices_from else CHOICE_KINDS.get(info.name, info.name)
        return choice(kind, value, self.lang)

    def _editor(self, info: FieldInfo) -> Widget:
        name, value = info.name, getattr(self.value, info.name)
        wid = f"field-{name}"
        source = self._source(info)
        if info.kind == "list" and info.suggest == "content_formats":
            # Chosen from the catalog's formats, named in the window's language: typed, they would
            # be English ids a Russian marketer cannot guess ("photo", "reel").
            known = content_formats(self.context.strategy)
            options = [(choice("content_format", f, self.lang), f) for f in known]
            options += [(self.t("form.unknown", value=v), v) for v in value if v not in known]
            selections = [(Content(text), v, v in value) for text, v in options]
            return SelectionList[str](*selections, compact=True, id=wid, classes="choices")
        if info.kind == "str" and (source or info.enum):
            options = self._options(info, value)
            blank = info.default == "" or value not in [v for _, v in options]
            select: Select[str] = Select(
                _plain(options),
                value=value if value in [v for _, v in options] else Select.NULL,
                allow_blank=blank,
                prompt=self._blank_prompt(info),
                compact=True,
                id=wid,
            )
            return select
        if info.kind == "list" and info.item == "day":
            return WeekdaysField(value, lang=self.lang, id=wid)
        if info.kind == "list" and source:
            options = self._options(info, None)
            offered = {v for _, v in options}
            options += [(self.t("form.unknown", value=v), v) for v in value if v not in offered]
            selections = [(Content(label), v, v in value) for label, v in options]
            return SelectionList[str](*selections, compact=True, id=wid, classes="choices")
        if info.kind == "list" and info.widget == "inline":
            return _input(", ".join(value), id=wid, placeholder=self._placeholder(info))
        if info.kind == "list":
            return TextArea("\n".join(value), compact=True, id=wid, classes="lines", soft_wrap=True)
        if info.kind == "tables":
            return ItemsEditor(info.inner, list(value), self.context.strategy, lang=self.lang, id=wid)
        if info.kind == "str" and info.widget == "long":
            return TextArea(value, compact=True, id=wid, classes="long", soft_wrap=True)
        text = (
            date_text(value, self.lang) if isinstance(value, dt.date) else "" if value is None else str(value)
        )
        if info.kind == "number" and isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if info.kind in ("int", "number"):
            # Not Input(type="number" or "integer"): they drop a decimal comma ("2,5" would become
            # 25) and the spaces of "1 200"; planner.parsing reads both.
            return _input(text, restrict=NUMBER_CHARACTERS, id=wid, placeholder=self._placeholder(info))
        return _input(text, id=wid, placeholder=self._placeholder(info))

    def t(self, key: str, /, count: float | None = None, **values: Any) -> str:
        return words(self.lang)(key, count, **values)

    def _options(self, info: FieldInfo, value: Any) -> list[tuple[str, str]]:
        source = self._source(info)
        if source:
            options = choices_for(source, self.context.strategy, self.lang)
        elif info.choices_from:
            formats = self._platform_formats(getattr(self.value, info.choices_from, ""))
            options = [(self._choice(info, f), f) for f in formats]
        else:
            options = [(self._choice(info, v), v) for v in info.enum or ()]
        if value and value not in [v for _, v in options]:
            options.append((self.t("form.unknown", value=value), value))
        return options

    def _platform_formats(self, platform_id: str) -> tuple[str, ...]:
        platform = catalog.platforms().get(platform_id)
        from planner.model import COMMUNITY_FORMATS

        return platform.formats if platform else COMMUNITY_FORMATS

    def _blank_prompt(self, info: FieldInfo) -> str:
        section = type(self.value).__name__.lower()
        key = f"form.blank.{section}.{info.name}"
        if info.blank:
            return f"({self.t(key)})"
        return self.t("form.choose")

    def _placeholder(self, info: FieldInfo) -> str:
        if info.kind == "date":
            return self.t("form.date_placeholder")
        if info.item == "time":
            return self.t("form.times_placeholder")
        if info.kind == "list":
            return ""
        if info.item == "slug":
            return self.t("form.slug_placeholder")
        return ""

    def _hint(self, info: FieldInfo) -> str:
        doc = info.doc_in(self.lang)
        parts = [doc.replace("`", "")] if doc else []
        if self._source(info) == "platforms":
            parts = [self.t("form.hint.platforms")]
        if info.choices_from:
            return self._format_hint(getattr(self.value, info.choices_from, "")) or doc
        if info.kind == "date":
            parts.append(self.t("form.hint.date" if info.required else "form.hint.date_optional"))
        elif info.kind == "list" and info.suggest == "content_formats":
            parts.append(self.t("form.hint.formats"))
        elif info.kind == "list" and info.item == "time":
            parts.append(self.t("form.hint.times"))
        elif info.kind == "list" and info.widget == "inline" and not self._source(info):
            parts.append(self.t("form.hint.comma"))
        elif info.kind == "list" and info.item == "day":
            parts.append(self.t("form.hint.days"))
        elif info.kind == "list" and not self._source(info):
            parts.append(self.t("form.hint.lines"))
        elif info.kind == "list" and self._source(info):
            parts.append(self.t("form.hint.ticks"))
        if info.item == "slug" and self.propose_id_from_name:
            parts = [self.t("form.hint.proposed_id")]
        return " ".join(p for p in parts if p)

    def _format_hint(self, platform_id: str) -> str:
        platform = catalog.platforms().get(platform_id)
        if not platform:
            return ""
        community = [choice("community_format", f, self.lang) for f in platform.formats]
        return self.t(
            "form.hint.community_formats",
            platform=platform_name(platform_id, self.lang),
            formats=", ".join(community),
            default=choice("community_format", platform.default_format, self.lang),
        )

    # --- reading ----------------------------------------------------------------------------

    def raw_values(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The form as a raw TOML table for `fields.build`, and what could not even be read."""
        raw: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for info in self.infos:
            try:
                value = self._read(info)
            except ValueError as e:
                errors[info.name] = input_error(e, self.lang)
                continue
            if value is None or value == "":
                continue  # absent: the default, or "is required"
            raw[info.name] = value
        return raw, errors

    def _read(self, info: FieldInfo) -> Any:
        widget = self.query_one(f"#field-{info.name}")
        if isinstance(widget, Select):
            return "" if widget.is_blank() else widget.value
        if isinstance(widget, SelectionList):
            order = [widget.get_option_at_index(i).value for i in range(widget.option_count)]
            chosen = set(widget.selected)
            return [v for v in order if v in chosen]
        if isinstance(widget, ItemsEditor):
            return [to_raw(item) for item in widget.items]
        if isinstance(widget, WeekdaysField):
            return widget.days
        if isinstance(widget, TextArea):
            text = widget.text
            if info.kind == "list":
                return [line.strip() for line in text.splitlines() if line.strip()]
            return text.strip()
        assert isinstance(widget, Input)
        text = widget.value.strip()
        if info.kind == "list":
            parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
            if info.item == "time":  # "9:00" and "9.00" are what "09:00" means
                parts = [parse_time(p) for p in parts]
            return parts
        if not text:
            return None
        if info.kind == "int":
            return parse_whole_number(text)
        if info.kind == "number":
            return parse_number(text)
        if info.kind == "date":
            return parse_date(text)
        if info.name in ("country", "currency"):
            return text.upper()  # codes are capitals: "gb" is what was meant by GB
        return text

    def validate(self) -> tuple[Any, dict[str, str], list[str]]:
        """(the item as the form says, errors by field, notes about the whole table)."""
        raw, errors = self.raw_values()

        def report(where: str, message: str) -> None:
            errors.setdefault(_field_name(where), message)

        obj = build(self.cls, raw, "", report)
        # Cross-table checks run even when a field is wrong (it is left at its default meanwhile),
        # so that every message shows at once.
        cross, notes = self.context.cross_checks(obj)
        for name, message in cross.items():
            errors.setdefault(name, message)
        return obj, errors, notes

    def show_errors(self, errors: dict[str, str], *, everywhere: bool = False) -> None:
        """Show each message beside its field: on touched fields, or on all (after a confirm)."""
        for info in self.infos:
            message = errors.get(info.name, "")
            visible = bool(message) and (everywhere or info.name in self.touched)
            line = self._line("error", info.name)
            if line is None and visible:
                line = Static("", classes="field-error", id=f"error-{info.name}", markup=False)
                self.query_one(f"#body-{info.name}").mount(line)
            if line is not None:
                line.update(f"✗ {translate(message, self.lang)}" if visible else "")
                line.display = visible
            self.query_one(f"#row-{info.name}").set_class(visible, "-invalid")

    def focus_field(self, name: str) -> bool:
        """Put the cursor in a field; a name the form does not have (a misspelt key of the file,
        "posts_per_weak") goes to the field it was meant to be, if one is close."""
        widgets = self.query(f"#field-{name}")
        if not widgets:
            close = difflib.get_close_matches(name, [i.name for i in self.infos], n=1, cutoff=0.6)
            if not close:
                return False
            name = close[0]
            widgets = self.query(f"#field-{name}")
        widget = widgets.first()
        target = (
            widget
            if widget.focusable
            else next((w for w in widget.walk_children(Widget) if w.focusable), None)
        )
        if target is None:
            return False
        target.focus()
        self.query_one(f"#row-{name}").scroll_visible()
        return True

    # --- reacting ---------------------------------------------------------------------------

    def _changed(self, widget: Widget) -> None:
        name = self._field_of(widget)
        if name is None:
            return
        info = next((i for i in self.infos if i.name == name), None)
        if info is None:
            return
        if name not in self.touched and self._value_or_error(info) == self._initial.get(name):
            return
        self.touched.add(name)
        if name == "id" and isinstance(widget, Input) and widget.value not in self._proposals:
            self.propose_id_from_name = False  # the person chose an id: stop proposing
        if name in ("name", "title") and self.propose_id_from_name:
            self._propose_id()
        dependent = [i for i in self.infos if i.choices_from == name]
        if dependent:
            self._choices_source_changed(dependent)
        self.post_message(self.Changed(self, name))

    def _propose_id(self) -> None:
        source = "name" if any(i.name == "name" for i in self.infos) else "title"
        text = self.query_one(f"#field-{source}", Input).value
        fallback = {"Audience": "segment"}.get(self.cls.__name__, self.cls.__name__.lower())  # an id: ASCII
        self._set_proposal(propose_id(text, self.context.taken_ids(), fallback=fallback) if text else "")

    def _set_proposal(self, proposal: str) -> None:
        self._proposals.add(proposal)
        self.query_one("#field-id", Input).value = proposal

    def _choices_source_changed(self, dependent: list[FieldInfo]) -> None:
        """The field other fields take their choices from changed (a channel's platform): offer
        the new platform's formats, and propose an id from it while the item has no name."""
        source = dependent[0].choices_from
        source_select = self.query_one(f"#field-{source}", Select)
        platform_id = "" if source_select.is_blank() else str(source_select.value)
        for info in dependent:
            select = self.query_one(f"#field-{info.name}", Select)
            current = None if select.is_blank() else select.value
            formats = self._platform_formats(platform_id)
            select.set_options(_plain([(self._choice(info, f), f) for f in formats]))
            if current in self._platform_formats(platform_id):
                select.value = current
            self._hints[info.name] = self._format_hint(platform_id) or info.doc_in(self.lang)
            hint = self._line("hint", info.name)
            if hint is not None:
                hint.update(self._hints[info.name])
        named = any(i.name == "name" for i in self.infos) and self.query_one("#field-name", Input).value
        if self.propose_id_from_name and not named and platform_id:
            self._set_proposal(propose_id(platform_id, self.context.taken_ids()))

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def _on_widget_changed(self, event: Message) -> None:
        control = getattr(event, "control", None)
        if isinstance(control, Widget) and not isinstance(control, FormFields):
            event.stop()
            self._changed(control)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        # Enter in a one-line field moves on, as in a paper form; ctrl+s confirms the whole form.
        event.stop()
        self.screen.focus_next()

    def items_changed(self, editor: ItemsEditor) -> None:
        self._changed(editor)


class WeekdaysField(Horizontal):
    """Seven day boxes that are one stop for Tab: ←/→ move between the days, Space ticks one.

    Each box is named in the window's language ("пн"), its id is the file's ("day-mon").
    """

    BINDINGS: ClassVar = [
        Binding("left", "move(-1)", "Previous day", show=False, id="days.previous"),
        Binding("right", "move(1)", "Next day", show=False, id="days.next"),
    ]

    def __init__(self, days: list[str], *, lang: str = "en", id: str | None = None) -> None:
        super().__init__(classes="days", id=id)
        self.initial = days
        self.lang = lang

    def compose(self) -> ComposeResult:
        for day in WEEKDAYS:
            name = choice("weekday", day, self.lang)
            yield Checkbox(name, value=day in self.initial, compact=True, id=f"day-{day}")

    def on_mount(self) -> None:
        for i, box in enumerate(self.query(Checkbox)):
            box.can_focus = i == 0

    @property
    def days(self) -> list[str]:
        return [day for day in WEEKDAYS if self.query_one(f"#day-{day}", Checkbox).value]

    def action_move(self, step: int) -> None:
        boxes = list(self.query(Checkbox))
        current = next((i for i, b in enumerate(boxes) if b.has_focus), 0)
        target = boxes[(current + step) % len(boxes)]
        for box in boxes:
            box.can_focus = box is target
        target.focus()


class ItemsEditor(BothLayouts, Vertical):
    """A nested list inside a form (a competitor's presence entries): a small table with its own form."""

    BINDINGS: ClassVar = [
        Binding("a", "add", "Add entry", id="items.add"),
        Binding("e", "edit", "Edit entry", id="items.edit"),
        Binding("x,delete", "remove", "Remove entry", id="items.remove"),
    ]

    DEFAULT_CSS = """
    ItemsEditor { height: auto; }
    ItemsEditor DataTable { height: auto; max-height: 6; }
    ItemsEditor Button { margin: 0; }
    """

    def __init__(
        self, cls: type, items: list[Any], strategy: Strategy, *, lang: str = "en", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.cls = cls
        self.items = items
        self.strategy = strategy
        self.lang = lang
        self.columns = [f.name for f in fields_of(cls)][:4]

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True, show_cursor=True)
        yield Button(words(self.lang)("form.add_entry"), compact=True, id="items-add")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(label_of(self.cls, c, self.lang) for c in self.columns))
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for item in self.items:
            table.add_row(*(Text(self._cell(c, getattr(item, c))) for c in self.columns))
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))

    def _cell(self, name: str, value: Any) -> str:
        if name == "platform" and isinstance(value, str):
            return platform_name(value, self.lang)
        return _cell(value, self.lang)

    def _open(self, index: int | None) -> None:
        item = self.items[index] if index is not None else self.cls()
        t = words(self.lang)
        what = t(f"form.entry.{self.cls.__name__.lower()}")
        title = t("form.edit_entry" if index is not None else "form.new_entry", what=what)

        def done(result: Any) -> None:
            if result is None:
                return
            if index is None:
                self.items.append(result)
            else:
                self.items[index] = result
            self._fill()
            self._notify()

        form = ItemForm(self.cls, item, FormContext(self.strategy), title=title, lang=self.lang)
        self.app.push_screen(form, done)

    def _notify(self) -> None:
        form = next((a for a in self.ancestors if isinstance(a, FormFields)), None)
        if form is not None:
            form.items_changed(self)

    def action_add(self) -> None:
        self._open(None)

    def action_edit(self) -> None:
        if self.items:
            self._open(self.query_one(DataTable).cursor_row)

    def action_remove(self) -> None:
        if self.items:
            del self.items[self.query_one(DataTable).cursor_row]
            self._fill()
            self._notify()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    @on(Button.Pressed, "#items-add")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_add()


def _cell(value: Any, lang: str = "en") -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value, lang)
    return str(value)


class ItemForm(PlannerModal[Any]):
    """Add or edit one item of a table; dismisses the new item, or None when cancelled.

    Esc on a form with changes asks before dropping them.
    """

    AREA: ClassVar[str] = "form"
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "confirm", "Save item", id="form.confirm", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(
        self,
        cls: type,
        item: Any,
        context: FormContext,
        *,
        title: str,
        focus: str = "",
        problem: str = "",
        new: bool = False,
        lang: str | None = None,
    ) -> None:
        super().__init__()
        self.cls = cls
        self.lang = lang or lang_of(self)
        self.item = item
        self.context = context
        self.form_title = title
        self.focus_on = focus
        self.problem = problem  # the problem the form was opened for, shown above the fields
        self.new = new

    def compose(self) -> ComposeResult:
        t = words(self.lang)
        with Vertical(id="form-box"):
            yield Static(self.form_title, id="form-title", markup=False)
            yield Static("", id="form-note", markup=False)
            with VerticalScroll(id="form-scroll", can_focus=False):
                yield FormFields(
                    self.cls, self.item, self.context, propose_id_from_name=self.new, lang=self.lang
                )
            with Horizontal(id="form-buttons"):
                yield Button(t("form.save_button"), variant="primary", id="form-save", compact=True)
                yield Button(t("form.cancel_button"), id="form-cancel", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#form-note").display = False
        form = self.query_one(FormFields)
        if self.focus_on and form.query(f"#field-{self.focus_on}"):
            self.problem = ""  # said beside its field
        if not (self.focus_on and form.focus_field(self.focus_on)):
            if self.new:  # the first thing to type: what identifies the item (the id is proposed from it)
                first = next(
                    (i.name for i in form.infos if i.required and i.item != "slug"), form.infos[0].name
                )
            else:
                first = "name" if any(i.name == "name" for i in form.infos) else form.infos[0].name
            form.focus_field(first)
        if self.focus_on:
            # Opened from a problem: show what is wrong at once.
            self.call_after_refresh(self._check, True)

    def _check(self, everywhere: bool = False) -> tuple[Any, dict[str, str]]:
        form = self.query_one(FormFields)
        obj, errors, notes = form.validate()
        form.show_errors(errors, everywhere=everywhere)
        note = self.query_one("#form-note", Static)
        t = words(self.lang)
        lines = [t("form.problem", text=translate(self.problem, self.lang))] if self.problem else []
        lines += [t("form.note", text=translate(n, self.lang)) for n in notes]
        note.update("\n".join(lines))
        note.display = bool(lines)
        return obj, errors

    @on(FormFields.Changed)
    def _field_changed(self, event: FormFields.Changed) -> None:
        self._check()

    def action_confirm(self) -> None:
        obj, errors = self._check(everywhere=True)
        if errors:
            first = next(i.name for i in self.query_one(FormFields).infos if i.name in errors)
            self.query_one(FormFields).focus_field(first)
            names = ", ".join(label_of(self.cls, e, self.lang) for e in errors)
            self.notify(words(self.lang)("form.to_fix", count=len(errors), fields=names), severity="warning")
            return
        self.dismiss(obj)

    @property
    def changed(self) -> bool:
        """The person changed a field (Esc then asks before dropping it)."""
        return bool(self.query_one(FormFields).touched)

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return
        from screens.dialogs import ConfirmDialog

        t = words(self.lang)

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                t("form.discard_title"), t("form.discard"), yes=t("form.discard_yes"), no=t("form.discard_no")
            ),
            answer,
        )

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
