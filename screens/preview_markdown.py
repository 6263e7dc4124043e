"""Textual's Markdown viewer with light tables and bullet lists, so a whole strategy document shows quickly.

Textual's Markdown widget mounts a widget per table cell and four per list item: a strategy
document has a couple of hundred list items and a dozen tables, which took seconds and tens of
MiB to show (tests/bench/RESULTS.md). Here a table or a bullet list is one widget drawing a Rich
table; headings, paragraphs, quotes and code keep Textual's own blocks. Imported only when the
Preview step is first opened: the Markdown parser is not needed for the first screen.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.errors import StyleSyntaxError
from rich.style import Style as RichStyle
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Markdown, MarkdownViewer, Static
from textual.widgets.markdown import MarkdownBlock, MarkdownTableOfContents

from screens.textual_private import (
    MarkdownBulletList,
    MarkdownList,
    MarkdownListItem,
    MarkdownTable,
    block_children,
    block_content,
    clear_block_children,
    table_headers_and_rows,
    viewer_markdown_options,
)

# Markdown's inline markup reaches us as component class names; these are their Rich looks.
INLINE = {".strong": "bold", ".em": "italic", ".s": "strike", ".code_inline": "bold cyan"}


def wrappable(content: Content) -> Text:
    """Textual's Content as Rich Text, which a Rich table can wrap (Content renders as fixed segments)."""
    text = Text(content.plain, end="")
    for span in content.spans:
        rich_style: RichStyle
        if isinstance(span.style, str):
            name = INLINE.get(
                span.style, span.style
            )  # Markdown's inline markup, named by its component class
            try:
                rich_style = RichStyle.parse(name)
            except StyleSyntaxError:  # a theme variable such as $accent: Rich cannot draw it
                continue
        else:
            rich_style = RichStyle(underline=True) if "@click" in span.style.meta else span.style.rich_style
        text.stylize(rich_style, span.start, span.end)
    return text


def _rich(block: MarkdownBlock) -> Text:
    content = block_content(block)
    return wrappable(content) if content is not None else Text()


class LightTable(MarkdownTable):
    """A Markdown table drawn as one Rich table, not a grid of cell widgets."""

    DEFAULT_CSS = """
    LightTable { height: auto; }
    LightTable > Static { width: auto; max-width: 100%; }
    """

    def compose(self) -> ComposeResult:
        headers, rows = table_headers_and_rows(self)
        table = Table(box=box.ROUNDED, header_style="bold", expand=False, border_style="dim")
        for header in headers:
            table.add_column(wrappable(header), overflow="fold")
        for row in rows:
            table.add_row(*(wrappable(cell) for cell in row))
        yield Static(table)


class LightBulletList(MarkdownBulletList):
    """A bullet list (with its nested lists) drawn as one grid of bullets and wrapped text."""

    DEFAULT_CSS = """
    LightBulletList { height: auto; }
    """

    def compose(self) -> ComposeResult:
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for bullet, text in self._items(self, 0):
            grid.add_row(bullet, text)
        clear_block_children(self)
        yield Static(grid)

    def _items(self, block: MarkdownBlock, depth: int) -> Iterator[tuple[Text, Text]]:
        for item in block_children(block):
            if not isinstance(item, MarkdownListItem):
                continue
            bullet = Text(item.bullet.strip(), style="bold")
            for child in block_children(item):
                if isinstance(child, MarkdownList):
                    yield from self._items(child, depth + 1)
                elif depth:
                    # Nested items are indented inside the text column, so the top level stays aligned.
                    yield Text(""), Text("  " * (depth - 1)).append(bullet).append(" ").append(_rich(child))
                    bullet = Text(" " * len(bullet))
                else:
                    yield bullet, _rich(child)
                    bullet = Text("")


class PreviewMarkdown(Markdown):
    BLOCKS = {  # noqa: RUF012 - Markdown declares it as a plain attribute
        **Markdown.BLOCKS,
        "table_open": LightTable,
        "bullet_list_open": LightBulletList,
    }


class DocumentViewer(MarkdownViewer):
    """MarkdownViewer (with its table of contents) showing a PreviewMarkdown document."""

    def compose(self) -> ComposeResult:
        parser_factory, open_links = viewer_markdown_options(self)
        markdown = PreviewMarkdown(parser_factory=parser_factory, open_links=open_links)
        markdown.can_focus = True
        yield markdown
        yield MarkdownTableOfContents(markdown)
