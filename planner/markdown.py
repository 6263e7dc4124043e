"""Markdown escaping of user text, so that a table never breaks and no markup is injected; and tidying.

The documents must render the same on GitHub and in pandoc: user text is escaped where it lands
(`md` inline, `cell` in a table, `paragraphs` for text with blank lines, `url` for a web address),
and never spans lines, so that `tidy` can space the blocks of a whole document.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Characters that start inline markup (emphasis, code, links, HTML, tables, strikethrough), each
# escaped with a backslash; the backslash first, so that the ones added are not escaped again.
_INLINE = "\\`*_[]<>|~"
_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")
# What makes a line a block when user text starts it, wherever the text lands (after `- ` in a
# list item, at the start of a line after a paragraph): a heading `# `, a list item `- `, `+ `,
# `1. `, `1) ` (and pandoc's `a) `, `iv. `, `(1) `, `#. `, `(@) `), a definition `: ` (pandoc), a
# rule or setext underline (`---`, `===`, even `-`). Quotes, fences, `*` and `_` are inline
# characters, escaped everywhere. The backslash goes before the marker's punctuation (`1\.`, `\#`):
# CommonMark, GFM and pandoc all print an escaped punctuation character as itself.
_BLOCK_START = re.compile(
    r"(?:#{1,6}|[-+:]|\d{1,9}[.)]|#\.|[A-Za-z][.)]|[ivxlcdmIVXLCDM]{1,8}[.)]"
    r"|\((?:\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,8}|@)\))(?=\s|$)"
    r"|[-=]+\s*$"
)
_MARKER_PUNCTUATION = re.compile(r"[#+\-:=.)(]")
# Characters a block marker can start with: only text starting with one pays for the regex.
_MARKER_FIRST = frozenset("#-+:=(0123456789ivxlcdmIVXLCDM")
# Texts longer than this are escaped each time: the caches keep names, topics and cells, not post texts.
_CACHED_LENGTH = 1_000


def md(text: object) -> str:
    """User text for an inline position: no markup survives, newlines become spaces."""
    if text is None:
        return ""
    s = text if type(text) is str else str(text)
    return _escaped(s) if len(s) <= _CACHED_LENGTH else _escape(s)


def _escape(text: str) -> str:
    s = " ".join(text.split())
    # A `replace` per character present: a tenth of a regex substitution's time, a fifth of
    # `str.translate`'s (measured on calendar topics).
    for char in _INLINE:
        if char in s:
            s = s.replace(char, "\\" + char)
    # An entity (`&amp;`) would be decoded by the reader: its `&` is escaped, other `&` stay.
    if "&" in s:
        s = _ENTITY.sub(r"\\&\1", s)
    if s[:1] in _MARKER_FIRST or s[1:2] in (".", ")"):
        s = _block_safe(s)
    return s


def _block_safe(s: str) -> str:
    """`s` with a backslash before the marker that would make it a block at the start of a line."""
    marker = _BLOCK_START.match(s)
    if marker is None:
        return s
    at = _MARKER_PUNCTUATION.search(s, 0, marker.end()).start()  # type: ignore[union-attr]
    return f"{s[:at]}\\{s[at:]}"


_escaped = lru_cache(maxsize=8192)(
    _escape
)  # a plan repeats its channels, pillars and topics thousands of times


def cell(text: object) -> str:
    """User text for a table cell: escaped, on one line, never empty (an empty cell reads as "—")."""
    s = text if type(text) is str else "" if text is None else str(text)
    return _cell(s) if len(s) <= _CACHED_LENGTH else _escape(s) or "—"


@lru_cache(maxsize=8192)  # the calendar asks for the same channel, pillar and time cells all along
def _cell(text: str) -> str:
    return _escaped(text) or "—"


def paragraphs(text: object) -> str:
    """User text that may hold several paragraphs (blank lines): each one escaped and on one line."""
    parts = re.split(r"\n\s*\n", str(text or "").strip())
    return "\n\n".join(md(p) for p in parts if p.strip())


_SAFE_URL = re.compile(r"^https?://[^\s<>`|\\]+$")


def url(text: object) -> str:
    """A web address as a link when it is a plain http(s) URL; anything else as escaped text."""
    s = str(text or "").strip()
    return f"<{s}>" if _SAFE_URL.match(s) else md(s)


def tidy(markdown: str) -> str:
    """One blank line between blocks and one newline at the end, however the template spaced them.

    Optional sections leave runs of blank lines behind; in Markdown they mean nothing (user text
    never spans lines: the filters fold it), so templates stay readable without whitespace tricks.
    """
    # str.replace until no run is left: a third of `re.sub(r"\n{3,}", ...)`'s time on a year's plan.
    while "\n\n\n" in markdown:
        markdown = markdown.replace("\n\n\n", "\n\n")
    return markdown.strip("\n") + "\n"
