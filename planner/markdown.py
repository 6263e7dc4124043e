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
# What makes a line a block (heading, list, quote, rule, setext underline, fence) when it starts it;
# an ordered list's marker is escaped at its dot, 1\. (a backslash before a digit would be printed).
_BLOCK_START = re.compile(r"^(\s*)(?:([#+=-])|(\d+)([.)]))")


def md(text: object) -> str:
    """User text for an inline position: no markup survives, newlines become spaces."""
    if text is None:
        return ""
    return _escaped(text if type(text) is str else str(text))


@lru_cache(maxsize=8192)  # a plan repeats its channels, pillars and topics thousands of times
def _escaped(text: str) -> str:
    s = " ".join(text.split())
    # A `replace` per character present: a tenth of a regex substitution's time, a fifth of
    # `str.translate`'s (measured on calendar topics).
    for char in _INLINE:
        if char in s:
            s = s.replace(char, "\\" + char)
    # An entity (`&amp;`) would be decoded by the reader: its `&` is escaped, other `&` stay.
    return _ENTITY.sub(r"\\&\1", s) if "&" in s else s


def cell(text: object) -> str:
    """User text for a table cell: escaped, on one line, never empty (an empty cell reads as "—")."""
    return _cell(text if type(text) is str else "" if text is None else str(text))


@lru_cache(maxsize=8192)  # the calendar asks for the same channel, pillar and time cells all along
def _cell(text: str) -> str:
    return _escaped(text) or "—"


def paragraphs(text: object) -> str:
    """User text that may hold several paragraphs (blank lines): each one escaped and on one line."""
    parts = re.split(r"\n\s*\n", str(text or "").strip())
    return "\n\n".join(_BLOCK_START.sub(_escape_block_start, md(p)) for p in parts if p.strip())


def _escape_block_start(m: re.Match[str]) -> str:
    indent, marker, number, dot = m.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{dot}"


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
