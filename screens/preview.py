"""Preview step: the strategy document and the content plan rendered as Markdown inside the app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TabbedContent, TabPane, Tabs

from planner.errors import PlannerError
from screens.base import StepPane
from screens.progress import no_progress
from screens.words import words

if TYPE_CHECKING:
    from planner.model import Strategy
    from screens.preview_markdown import DocumentViewer

DOCUMENTS = ("strategy.md", "content-plan.md")
# Textual's Markdown widget mounts one widget per block: a whole season of posts would take
# many seconds, so the preview shows the content plan up to about this many lines, cut at a heading.
PLAN_PREVIEW_LINES = 120


def documents_folder(path: Path) -> Path:
    """Where `render` writes by default: a folder beside the file, named after its stem."""
    return path.parent / path.stem


def shown_path(path: Path) -> str:
    """A path as short as it can be said: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def preview_of_plan(document: str, limit: int = PLAN_PREVIEW_LINES, lang: str = "en") -> str:
    """The content plan cut at the first month or week heading after `limit` lines, with a note."""
    lines = document.splitlines()
    if len(lines) <= limit:
        return document
    cut = next((i for i, line in enumerate(lines) if i >= limit and line.startswith(("## ", "### "))), None)
    if cut is None:
        return document
    kept = "\n".join(lines[:cut]).rstrip()
    note = words(lang)("preview.cut", shown=cut, count=len(lines))
    return f"{kept}\n\n---\n\n*{note}*\n"


class PreviewStep(StepPane):
    """The documents `render` writes, shown before they are shared with the client."""

    step_id = "preview"

    DEFAULT_CSS = """
    PreviewStep { height: 1fr; }
    PreviewStep #preview-message { height: auto; padding: 0 1; color: $text-muted; }
    PreviewStep #preview-message.error { color: $error; }
    PreviewStep TabbedContent { height: 1fr; }
    PreviewStep TabPane { padding: 0; }
    PreviewStep DocumentViewer { height: 1fr; }
    """

    BINDINGS: ClassVar = [
        Binding(
            "w",
            "write_documents",
            "Write files",
            id="preview.write",
            tooltip="Write strategy.md and content-plan.md beside the strategy file, as `render` does",
        ),
        Binding(
            "left_square_bracket,right_square_bracket",
            "other_document",
            "Other tab",
            key_display="[ ]",
            id="preview.switch",
            tooltip="Switch between the strategy and the content plan",
        ),
        Binding(
            "t",
            "toggle_contents",
            "Contents",
            show=False,
            id="preview.contents",
            tooltip="Show or hide the table of contents of the document (t)",
        ),
        Binding(
            "r",
            "render",
            "Render again",
            show=False,
            id="preview.render",
            tooltip="Render the documents again",
        ),
    ]

    # The date in the documents' title block; None means today (tests fix it for stable snapshots).
    prepared: ClassVar[dt.date | None] = None

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._stale = True
        self.documents: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        # Here, not at the top: the Markdown parser is not needed until the preview is opened.
        from screens.preview_markdown import DocumentViewer

        yield Static(self.help_text(), classes="step-help", markup=False)
        yield Static("", id="preview-message", markup=False)
        with TabbedContent(id="preview-documents"):
            for name in DOCUMENTS:
                title = self.t(f"preview.tab.{name.removesuffix('.md')}")
                with TabPane(title, id=f"tab-{name.removesuffix('.md')}"):
                    yield DocumentViewer(
                        "",
                        show_table_of_contents=False,
                        open_links=False,
                        id=f"view-{name.removesuffix('.md')}",
                    )

    def on_mount(self) -> None:
        # Tabs switch with [ and ]: focus goes straight to the document, which scrolls with the keys.
        self.query_one(Tabs).can_focus = False

    def on_show(self) -> None:
        if self._stale:
            self.action_render()

    # --- the step contract -------------------------------------------------------------------

    @classmethod
    def completeness(cls, strategy: Strategy) -> tuple[int, int]:
        return no_progress(strategy)

    def refresh_view(self) -> None:
        self._stale = True
        if self.is_attached and self.display and self.screen.is_active and self.region.width:
            self.action_render()

    # --- rendering -----------------------------------------------------------------------------

    def action_render(self) -> None:
        self._stale = False
        # A message, not `loading`: a loading widget gives up the focus, and the keys with it.
        self._say(self.t("preview.rendering"))
        self._render_documents()

    @work(thread=True, exclusive=True, group="preview-render")
    def _render_documents(self) -> None:
        # Rendering the templates takes a moment on a long plan: a thread keeps the app answering.
        try:
            documents = self._documents()
        except Exception as e:
            self.app.call_from_thread(self._failed, e)
        else:
            self.app.call_from_thread(self._show, documents)

    def _documents(self) -> dict[str, str]:
        from planner.render import render_documents

        return render_documents(self.strategy, prepared=self.prepared)

    def _show(self, documents: dict[str, str]) -> None:
        self.run_worker(self._show_documents(documents), exclusive=True, group="preview-show")

    async def _show_documents(self, documents: dict[str, str]) -> None:
        self.documents = documents
        for name in DOCUMENTS:
            text = documents.get(name, "")
            viewer: DocumentViewer = self.query_one(f"#view-{name.removesuffix('.md')}")  # type: ignore[assignment]
            shown = preview_of_plan(text, lang=self.lang) if name == "content-plan.md" else text
            await viewer.document.update(shown)
        self._say("")

    def _failed(self, error: Exception) -> None:
        message = error.message if isinstance(error, PlannerError) else f"{type(error).__name__}: {error}"
        self._say(self.t("preview.render_failed", message=message), error=True)
        self.notify(message, title=self.t("preview.render_failed_title"), severity="error")

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#preview-message", Static)
        message.update(text)
        message.set_class(error, "error")
        message.display = bool(text)

    # --- writing the files -------------------------------------------------------------------

    def action_write_documents(self) -> None:
        self._write(documents_folder(Path(self.app.path)))  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="preview-write")
    def _write(self, folder: Path) -> None:
        from planner.templating import write_documents

        failed = self.t("preview.write_failed")
        try:
            written = write_documents(self._documents(), folder)
        except PlannerError as e:
            self.app.call_from_thread(self.notify, e.message, title=failed, severity="error")
        except OSError as e:
            message = f"{e.filename or folder}: {e.strerror or e}"
            self.app.call_from_thread(self.notify, message, title=failed, severity="error")
        except Exception as e:
            message = f"{type(e).__name__}: {e}"
            self.app.call_from_thread(self.notify, message, title=failed, severity="error")
        else:
            names = "\n".join(shown_path(p) for p in written)
            self.app.call_from_thread(
                self.notify, self.t("preview.wrote", names=names), title=self.t("preview.documents")
            )

    # --- moving around -----------------------------------------------------------------------

    def action_other_document(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "tab-content-plan" if tabs.active == "tab-strategy" else "tab-strategy"
        self._focus_document()

    def action_toggle_contents(self) -> None:
        viewer = self._active_viewer()
        viewer.show_table_of_contents = not viewer.show_table_of_contents

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self._focus_document()

    def _active_viewer(self) -> DocumentViewer:
        active = self.query_one(TabbedContent).active or "tab-strategy"
        return self.query_one(f"#view-{active.removeprefix('tab-')}")  # type: ignore[return-value]

    def _focus_document(self) -> None:
        if self.screen.focused is not None and self in self.screen.focused.ancestors:
            self._active_viewer().document.focus()
