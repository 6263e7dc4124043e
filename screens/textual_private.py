"""Every use of a private Textual name, in one place, each with the public API it stands in for.

Textual is pinned to a minor version (pyproject.toml, .ci/constraints.txt) because a minor
release may change these: when Textual is upgraded, this module is what to read first, and
`tests/tui` (the crash rescue, the preview's tables and lists) is what tells whether they still
hold. Nothing else in `screens/` reaches into Textual's private names.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import RenderableType
from textual.app import App

if TYPE_CHECKING:
    from textual.content import Content
    from textual.widgets import MarkdownViewer
    from textual.widgets._markdown import (
        MarkdownBulletList,
        MarkdownList,
        MarkdownListItem,
        MarkdownTable,
    )
    from textual.widgets.markdown import MarkdownBlock

# Markdown block classes that `textual.widgets.markdown` does not export (it exports Markdown,
# MarkdownBlock, MarkdownFence, MarkdownStream, MarkdownTableOfContents): the preview draws
# tables and bullet lists itself and must subclass or recognise them. Missing: public block
# classes. They are imported on first use (`from screens.textual_private import MarkdownTable`),
# not with this module: the app imports it at start, and the Markdown widgets are not needed
# before the Preview step is opened.
_MARKDOWN_PRIVATE = ("MarkdownBulletList", "MarkdownList", "MarkdownListItem", "MarkdownTable")


def __getattr__(name: str) -> Any:
    if name in _MARKDOWN_PRIVATE:
        return getattr(importlib.import_module("textual.widgets._markdown"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CrashHookApp",
    "MarkdownBulletList",
    "MarkdownList",
    "MarkdownListItem",
    "MarkdownTable",
    "block_children",
    "block_content",
    "clear_block_children",
    "table_headers_and_rows",
    "viewer_markdown_options",
]

ReturnType = TypeVar("ReturnType")


class CrashHookApp(App[ReturnType]):
    """An App that gets a last word when an unhandled exception is about to end it.

    Missing from Textual: a public hook called on an unhandled exception before the app exits
    (`App._handle_exception` is private), and a public way to add a line to what is printed
    after exit (`App.exit(message=…)` only exits normally, so we append to the private
    `_exit_renderables` that the traceback is printed from).
    """

    def on_crash(self, error: Exception) -> str | None:
        """Called before the app exits on an unhandled exception; a line to print after exit, or None."""
        return None

    def _handle_exception(self, error: Exception) -> None:
        try:
            line = self.on_crash(error)
        except Exception:  # the original error matters more than this one
            line = None
        if line:
            self._print_after_exit(line)
        super()._handle_exception(error)

    def _print_after_exit(self, line: RenderableType) -> None:
        self._exit_renderables.append(line)


# Markdown blocks keep their children and their inline text in private attributes. Missing: a
# public `children`-like list of parsed blocks (they are composed from `_blocks`, then mounted)
# and a public accessor of a block's parsed inline content.


def block_children(block: MarkdownBlock) -> list[MarkdownBlock]:
    """The parsed blocks inside a block (a list's items, an item's paragraphs), before they are mounted."""
    children: list[MarkdownBlock] = block._blocks
    return children


def clear_block_children(block: MarkdownBlock) -> None:
    """Forget the parsed blocks inside a block, so its compose mounts none of them."""
    block._blocks.clear()


def block_content(block: MarkdownBlock) -> Content | None:
    """A block's inline text with its styles (a paragraph's, an item's), or None if it has none."""
    content: Content | None = getattr(block, "_content", None)
    return content


def table_headers_and_rows(table: MarkdownTable) -> tuple[list[Content], list[list[Content]]]:
    """A Markdown table's header cells and rows. Missing: a public accessor of a table's cells."""
    return table._get_headers_and_rows()


def viewer_markdown_options(viewer: MarkdownViewer) -> tuple[Callable[[], Any] | None, bool]:
    """The parser factory and `open_links` a MarkdownViewer was built with, to build its document the same way.

    Missing: public attributes for the constructor's `parser_factory` and `open_links`.
    """
    return viewer._parser_factory, viewer._open_links
