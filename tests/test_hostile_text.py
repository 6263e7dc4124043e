"""User text never becomes markup: whatever a marketer types into any free-text field, the documents
have exactly the headings, lists, rules and tables the templates wrote."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from planner.fields import fields_of
from planner.markdown import cell, md, paragraphs, url
from planner.model import Strategy
from planner.render import render_documents
from planner.report import render_report
from planner.storage import load

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PREPARED = dt.date(2026, 11, 20)

# Each starts a block in CommonMark, GFM or pandoc when it starts a line (in a list item, after a
# paragraph), or is inline markup anywhere.
HOSTILE = [
    "# heading",
    "###### sixth-level heading",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "1) item",
    "123456789. item",
    "---",
    "***",
    "___",
    "===",
    "-",
    "- - -",
    "> quote",
    "<div>html</div>",
    "<!-- comment -->",
    "```fence",
    "~~~ fence",
    "    indented code",
    ": a definition (pandoc)",
    "a) a letter list (pandoc)",
    "iv. a roman list (pandoc)",
    "(1) a parenthesised list (pandoc)",
    "#. a hash list (pandoc)",
    "| a | b |",
    "[link](http://x.example)",
    "<http://x.example>",
    "![image](http://x.example/i.png)",
    "*emphasis* and __strong__",
    "first paragraph\n\n# heading after a blank line",
    "a line\n===",
    "a line\n---",
    "a line\n- item\n1. item",
]


def free_text_fields(cls: type) -> tuple[list[str], list[str], list[tuple[str, type]]]:
    """The names of `cls`'s free-text fields, its lists of free text, and its nested tables."""
    texts, lists, nested = [], [], []
    for f in fields_of(cls):
        if f.kind in ("table", "tables", "mapping"):
            nested.append((f.name, f.inner))
        elif f.enum or f.ref or f.item or f.choices_from:
            continue  # ids, references, choices, times, days, codes: not free text
        elif f.kind == "str":
            texts.append(f.name)
        elif f.kind == "list" and f.inner == "str":
            lists.append(f.name)
    return texts, lists, nested


def with_text(item: Any, text: str) -> None:
    """Every free-text field of `item` and of everything inside it set to `text`."""
    texts, lists, nested = free_text_fields(type(item))
    for name in texts:
        setattr(item, name, text)
    for name in lists:
        setattr(item, name, [text])
    for name, _ in nested:
        value = getattr(item, name)
        children = (
            value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
        )
        for child in children:
            if dataclasses.is_dataclass(child):
                with_text(child, text)


@pytest.fixture(scope="module")
def cafe() -> Strategy:
    strategy = load(EXAMPLES / "cafe.toml").strategy
    assert strategy is not None
    return strategy


def documents(strategy: Strategy, text: str, lang: str) -> dict[str, str]:
    s = copy.deepcopy(strategy)
    with_text(s, text)
    out = render_documents(s, lang=lang, prepared=PREPARED)
    out["report.md"] = render_report(s, lang=lang)
    return out


PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
INLINE_MARKUP = {"html_inline", "code_inline", "link_open", "image", "em_open", "strong_open", "s_open"}


def shape(text: str) -> tuple[list[tuple[str, str, int]], set[str]]:
    """The blocks of a Markdown text (type, tag, nesting) and the kinds of inline markup in it."""
    tokens = PARSER.parse(text)
    blocks = [(t.type, t.tag, t.level) for t in tokens if t.type != "inline"]
    inline = {child.type for t in tokens for child in t.children or []}
    return blocks, inline


def plain(text: str) -> str:
    """A harmless text of the same length and paragraphs: the templates' own markup around it."""
    return re.sub(r"\S", "x", text)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("text", HOSTILE)
def test_text_in_every_field_adds_no_heading_list_rule_or_html(cafe: Strategy, text: str, lang: str) -> None:
    expected = documents(cafe, plain(text), lang)
    for name, rendered in documents(cafe, text, lang).items():
        blocks, inline = shape(rendered)
        expected_blocks, expected_inline = shape(expected[name])
        assert blocks == expected_blocks, f"{name}: the text {text!r} changed the document's blocks"
        assert not (inline - expected_inline) & INLINE_MARKUP, (name, inline - expected_inline)


def test_every_free_text_field_is_reached(cafe: Strategy) -> None:
    # The test above is only as good as the fields it fills: a new free-text field of the format is
    # filled too, and each table of the example has something to show it.
    s = copy.deepcopy(cafe)
    with_text(s, "MARKER")
    rendered = "\n".join(render_documents(s, lang="en", prepared=PREPARED).values())
    assert rendered.count("MARKER") > 100
    for table in ("audience", "competitors", "channels", "pillars", "goals", "campaigns", "posts"):
        assert getattr(s, table), f"the example has no {table}"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# heading", "\\# heading"),
        ("#hashtag", "#hashtag"),  # no space: not a heading, left as written
        ("- item", "\\- item"),
        ("-5% off", "-5% off"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("1) item", "1\\) item"),
        ("2026. A year", "2026\\. A year"),
        ("1.5 kg", "1.5 kg"),
        ("---", "\\---"),
        ("===", "\\==="),
        ("-", "\\-"),
        (": definition", "\\: definition"),
        ("a) letter", "a\\) letter"),
        ("iv. roman", "iv\\. roman"),
        ("(1) paren", "\\(1) paren"),
        ("#. hash", "\\#. hash"),
        ("e.g. this", "e.g. this"),
        ("A cup", "A cup"),
    ],
)
def test_a_block_marker_at_the_start_of_user_text_is_escaped_and_nothing_else(
    text: str, escaped: str
) -> None:
    assert md(text) == escaped
    assert cell(text) == escaped
    assert url(text) == escaped
    assert paragraphs(f"{text}\n\n{text}") == f"{escaped}\n\n{escaped}"


def test_a_long_text_is_escaped_the_same_without_the_cache() -> None:
    long_text = "# " + "word " * 400
    assert md(long_text) == "\\# " + " ".join(["word"] * 400)
    assert cell(long_text) == md(long_text)
