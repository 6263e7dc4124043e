"""The post form: a post's status, topic, text (with the platform's limit as you type) and results."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from planner.catalog import platforms
from planner.editing import edited_post, new_post_id
from planner.fields import build, label, to_raw
from planner.model import POST_STATUSES, RESULT_METRICS, Post, Results, check
from planner.parsing import NUMBER_CHARACTERS, InputError, parse_date, parse_time, parse_whole_number
from screens.base import PlannerModal
from screens.messages import input_error, translate
from screens.words import choice, date_text, has_word, lang_of, platform_name

if TYPE_CHECKING:
    from planner.model import Strategy

# Statuses a post with results has outgrown: the form offers `published` once results are entered.
BEFORE_PUBLISHING = ("planned", "draft", "approved", "scheduled")


def text_limit(strategy: Strategy, channel_id: str, lang: str = "en") -> tuple[int | None, str]:
    """The post text limit of a channel's platform and the platform's name (None: unknown)."""
    channel = strategy.channel(channel_id)
    platform = platforms().get(channel.platform) if channel else None
    return (platform.text_limit, platform_name(platform.id, lang)) if platform else (None, "")


def _plain(options: list[tuple[str, str]]) -> list[tuple[Content, str]]:
    """Choice labels as plain text: a name such as "[VIP] news" is not Textual markup."""
    return [(Content(text), value) for text, value in options]


class PostForm(PlannerModal[Post | None]):
    """Edit one post (or write a new one) and return it, or None when cancelled."""

    AREA: ClassVar[str] = "post"  # the command palette titles this form's actions "Post: …"

    # Laid out for 80×24: every field and the nine results show at once, three results a row;
    # on a smaller terminal (60×20) the fields scroll and the Save/Cancel row stays in view.
    DEFAULT_CSS = """
    PostForm { align: center middle; }
    PostForm > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PostForm #post-title { text-style: bold; }
    PostForm #post-fields { height: auto; }
    PostForm .row { height: 1; }
    PostForm .row Label { width: 9; color: $text-muted; }
    PostForm .row .second { width: 10; padding-left: 1; }
    PostForm .row Input { width: 1fr; }
    PostForm #date { width: 12; }
    PostForm #time { width: 7; }
    PostForm .row Select { width: 1fr; }
    PostForm .row #format { width: 1fr; }
    PostForm #text { height: 5; margin-top: 1; }
    PostForm #text-count { width: 100%; text-align: right; color: $text-muted; }
    PostForm #text-count.over { color: $error; text-style: bold; }
    PostForm .results Label { width: 12; color: $text-muted; }
    PostForm .results Input { width: 1fr; margin-right: 1; }
    PostForm .-invalid-field { background: $error 30%; }
    PostForm #form-message { color: $warning; height: auto; max-height: 4; }
    PostForm #form-message.error { color: $error; }
    PostForm #buttons { height: 1; align-horizontal: right; }
    PostForm #buttons Button { height: 1; min-width: 10; border: none; margin-left: 1; }
    """
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel", id="post.cancel", tooltip="Close the form (asks if changed)"),
        # ctrl+s as in every form of the planner: inside a form it confirms the form, not the file.
        Binding(
            "ctrl+s", "confirm", "Save post", id="post.confirm", priority=True, tooltip="Keep the changes"
        ),
    ]

    def __init__(
        self, post: Post, strategy: Strategy, *, new: bool = False, focus: str = "", lang: str | None = None
    ) -> None:
        super().__init__()
        self.lang = lang or lang_of(self)
        self.post = post
        self.plan = strategy
        self.new = new
        self.focus_on = focus  # a field to start in (opened from a problem): "date", "text", "reach"…
        self._offered_published = False
        self._initial: tuple[Post | None, list[tuple[str, str]]] | None = None

    def compose(self) -> ComposeResult:
        post, s = self.post, self.plan
        t = self.t
        title = t("post.new") if self.new else t("post.edit", id=post.id)
        formats = self._known_formats()
        format_options = [(choice("content_format", f, self.lang), f) for f in formats]
        if post.format and post.format not in formats:
            format_options.append((t("form.unknown", value=post.format), post.format))
        with Vertical():
            yield Static(title, id="post-title", markup=False)
            with VerticalScroll(id="post-fields", can_focus=False):
                with Horizontal(classes="row"):
                    yield Label(self._label("date"))
                    yield Input(
                        date_text(post.date, self.lang),
                        placeholder=t("form.date_placeholder"),
                        id="date",
                        compact=True,
                    )
                    yield Label(self._label("time"), classes="second")
                    yield Input(post.time, placeholder=t("post.time_placeholder"), id="time", compact=True)
                    yield Label(self._label("owner"), classes="second")
                    yield Input(post.owner, placeholder=t("post.owner_placeholder"), id="owner", compact=True)
                with Horizontal(classes="row"):
                    yield Label(self._label("channel"))
                    yield Select(
                        _plain([(c.name or c.id, c.id) for c in s.channels]),
                        value=post.channel if s.channel(post.channel) else Select.NULL,
                        prompt=t("post.choose"),
                        id="channel",
                        compact=True,
                    )
                    yield Label(self._label("pillar"), classes="second")
                    yield Select(
                        _plain([(p.name or p.id, p.id) for p in s.pillars]),
                        value=post.pillar if s.pillar(post.pillar) else Select.NULL,
                        prompt=t("post.none"),
                        id="pillar",
                        compact=True,
                    )
                with Horizontal(classes="row"):
                    yield Label(self._label("format"))
                    yield Select(
                        _plain(format_options),
                        value=post.format if post.format else Select.NULL,
                        prompt=t("post.none"),
                        id="format",
                        compact=True,
                    )
                    yield Label(self._label("campaign"), classes="second")
                    yield Select(
                        _plain([(c.name or c.id, c.id) for c in s.campaigns]),
                        value=post.campaign if s.campaign(post.campaign) else Select.NULL,
                        prompt=t("post.none"),
                        id="campaign",
                        compact=True,
                    )
                with Horizontal(classes="row"):
                    yield Label(self._label("status"))
                    yield Select(
                        [(choice("status", status, self.lang), status) for status in POST_STATUSES],
                        value=post.status if post.status in POST_STATUSES else "planned",
                        allow_blank=False,
                        id="status",
                        compact=True,
                    )
                    yield Label(self._label("url"), classes="second")
                    yield Input(post.url, placeholder=t("post.url_placeholder"), id="url", compact=True)
                with Horizontal(classes="row"):
                    yield Label(self._label("topic"))
                    yield Input(post.topic, placeholder=t("post.topic_placeholder"), id="topic", compact=True)
                with Horizontal(classes="row"):
                    yield Label(self._label("link"))
                    yield Input(post.link, placeholder=t("post.link_placeholder"), id="link", compact=True)
                with Horizontal(classes="row"):
                    yield Label(self._label("media"))
                    yield Input(
                        " ".join(post.media),
                        placeholder=t("post.media_placeholder"),
                        id="media",
                        compact=True,
                    )
                yield TextArea(
                    post.text, id="text", soft_wrap=True, compact=True, placeholder=t("post.text_placeholder")
                )
                yield Static(id="text-count")
                results = post.results
                for start in range(0, len(RESULT_METRICS), 3):
                    with Horizontal(classes="row results"):
                        for metric in RESULT_METRICS[start : start + 3]:
                            yield Label(label(Results, metric, self.lang))
                            value = str(getattr(results, metric)) if results else ""
                            yield Input(
                                value, restrict=NUMBER_CHARACTERS, id=f"result-{metric}", compact=True
                            )
            yield Static(id="form-message")
            with Horizontal(id="buttons"):
                yield Button(t("form.save_button"), variant="primary", id="save")
                yield Button(t("form.cancel_button"), id="cancel")

    def _label(self, name: str) -> str:
        """The form's own short labels ("Готовит" for the owner): the rows are one line at 80 columns."""
        return self.t(f"post.label.{name}")

    def _field_name(self, field_id: str) -> str:
        """How a message names a field of the form."""
        if field_id.startswith("result-"):
            return label(Results, field_id.removeprefix("result-"), self.lang)
        if has_word(f"post.label.{field_id}", self.lang):
            return self._label(field_id)
        return label(Post, field_id, self.lang)

    def on_mount(self) -> None:
        self._fit()
        self._count()
        target = {"results": "result-reach"}.get(self.focus_on, self.focus_on)
        if target in RESULT_METRICS:
            target = f"result-{target}"
        found = self.query(f"#{target}") if target else None
        if found:
            found.first().focus()
        else:
            self.query_one("#topic" if not self.new else "#date", Input).focus()
        if self.focus_on:
            self.call_after_refresh(self._show_problems)
        self.call_after_refresh(self._remember_initial)

    def _remember_initial(self) -> None:
        # What the form said when it opened: Esc asks only when the person changed something.
        self._initial = self.read_form()

    @property
    def changed(self) -> bool:
        return self._initial is not None and self.read_form() != self._initial

    def _show_problems(self) -> None:
        _, problems = self.read_form()
        if problems:
            self._say_problems(problems)

    def _known_formats(self) -> list[str]:
        """The pillars' formats first, then those of the channels' platforms and the catalog's."""
        from screens.forms import content_formats

        ordered = [f for p in self.plan.pillars for f in p.formats]
        return list(dict.fromkeys([*ordered, *content_formats(self.plan)]))

    # --- live feedback -------------------------------------------------------------------------

    @on(TextArea.Changed, "#text")
    @on(Select.Changed, "#channel")
    def _count(self) -> None:
        """Show the text's length against the platform's limit as the person types."""
        length = len(self.query_one("#text", TextArea).text)
        channel = self.query_one("#channel", Select).value
        limit, name = text_limit(self.plan, channel, self.lang) if isinstance(channel, str) else (None, "")
        counter = self.query_one("#text-count", Static)
        if limit:
            counter.update(self.t("post.count_limit", length=length, limit=limit, platform=name))
        else:
            counter.update(self.t("post.count", count=length))
        counter.set_class(bool(limit and length > limit), "over")

    @on(Input.Changed, ".results Input")
    def _offer_published(self, event: Input.Changed) -> None:
        status = self.query_one("#status", Select)
        if self._offered_published or not event.value.strip() or status.value not in BEFORE_PUBLISHING:
            return
        self._offered_published = True
        status.value = "published"
        self._message(self.t("post.published_offered"))

    def _message(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#form-message", Static)
        message.update(text)
        message.set_class(error, "error")
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Let the fields scroll in what the frame, the title, the message and the buttons leave,
        so that Save and Cancel stay in view on a small terminal (CSS has no `100% - n`)."""
        message = self.query_one("#form-message", Static)
        lines = min(4, max(1, str(message.render()).count("\n") + 1))
        room = self.size.height - 4 - lines
        self.query_one("#post-fields").styles.max_height = max(3, room)
        # The text box gives up lines before the results do: 7 rows of fields, the counter, the results.
        rows = 7 + 1 + len(range(0, len(RESULT_METRICS), 3)) + 1
        self.query_one("#text", TextArea).styles.height = min(5, max(2, room - rows))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without the changes; asks first when there are any."""
        if not self.changed:
            self.dismiss(None)
            return
        from screens.dialogs import ConfirmDialog

        t = self.t

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        dialog = ConfirmDialog(
            t("form.discard_title"), t("form.discard"), yes=t("form.discard_yes"), no=t("form.discard_no")
        )
        self.app.push_screen(dialog, answer)

    def action_confirm(self) -> None:
        post, problems = self.read_form()
        if problems:
            self._say_problems(problems)
            return
        assert post is not None
        self.dismiss(post if self.new else edited_post(self.post, post))

    def _say_problems(self, problems: list[tuple[str, str]]) -> None:
        for widget in self.query(".-invalid-field"):
            widget.remove_class("-invalid-field")
        for field_id in {field_id for field_id, _ in problems}:
            for widget in self.query(f"#{field_id}"):
                widget.add_class("-invalid-field")
        lines = [f"{self._field_name(f)}: {translate(message, self.lang)}" for f, message in problems]
        self._message("\n".join(lines), error=True)

    def read_form(self) -> tuple[Post | None, list[tuple[str, str]]]:
        """The post the form describes, and (field, message) for each problem, the core's checks included."""
        problems: list[tuple[str, str]] = []
        raw_date = self.query_one("#date", Input).value.strip()
        date: dt.date | None = None
        try:
            date = parse_date(raw_date)
        except InputError as e:
            problems.append(("date", input_error(e, self.lang) if raw_date else self.t("post.required")))
        time = self.query_one("#time", Input).value.strip()
        try:
            time = parse_time(time) if time else ""
        except InputError as e:
            problems.append(("time", input_error(e, self.lang)))
        values = {
            name: self.query_one(f"#{name}", Select).value
            for name in ("channel", "pillar", "campaign", "format")
        }
        picked = {name: value if isinstance(value, str) else "" for name, value in values.items()}
        if not picked["channel"]:
            problems.append(("channel", self.t("post.choose_channel")))
        numbers: dict[str, int] = {}
        for metric in RESULT_METRICS:
            raw = self.query_one(f"#result-{metric}", Input).value.strip()
            if raw:
                try:
                    numbers[metric] = parse_whole_number(raw)
                except InputError as e:
                    problems.append((f"result-{metric}", input_error(e, self.lang)))
                    continue
                if numbers[metric] < 0:
                    problems.append((f"result-{metric}", self.t("post.negative")))
        status = self.query_one("#status", Select).value
        post = dataclasses.replace(
            self.post,
            date=date,
            time=time,
            channel=picked["channel"],
            pillar=picked["pillar"],
            campaign=picked["campaign"],
            format=picked["format"],
            topic=self.query_one("#topic", Input).value.strip(),
            owner=self.query_one("#owner", Input).value.strip(),
            url=self.query_one("#url", Input).value.strip(),
            link=self.query_one("#link", Input).value.strip(),
            media=self.query_one("#media", Input).value.split(),
            text=self.query_one("#text", TextArea).text,
            status=status if isinstance(status, str) else self.post.status,
            results=Results(**numbers) if numbers else (None if self.post.results is None else Results()),
        )
        if not numbers and self.post.results is not None:
            # Every result cleared: the post has no results any more.
            post.results = None
        if date is None:
            return None, problems
        if self.new:
            post.id = new_post_id({p.id for p in self.plan.posts}, date, post.channel or "post")

        # The field rules of `validate` (bounds, lengths, forms of values), by the post's declaration.
        def report(where: str, message: str) -> None:
            name = where.split(".")[-1].split("[")[0]
            field_id = f"result-{name}" if where.startswith("results.") else name
            if all(field_id != known for known, _ in problems):  # the form's own reading said it first
                problems.append((field_id, message))

        build(Post, to_raw(post), "", report)
        # The core's own checks (references, period, text limit) on this post alone: fast on any plan.
        alone = dataclasses.replace(self.plan, posts=[post])
        prefix = f"posts[{post.id}]."
        for where, message in check(alone):
            if where.startswith(prefix):
                problems.append((where[len(prefix) :].split(".")[0].split("[")[0], message))
        return (None if problems else post), problems
