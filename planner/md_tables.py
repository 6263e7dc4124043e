"""Markdown tables sized for pandoc, done once over a whole rendered document (`size_tables`).

Pandoc gives a pipe table whose rows are longer than its `--columns` (72) the full text width and
divides it by the relative number of dashes in the delimiter row (pandoc's manual, "pipe_tables").
Templates write `| --- |` for every column, so each column got the same width and long words broke
inside Word and PDF ("Linke dIn"). Here each column gets dashes in proportion to what it holds: at
least its longest word and a cell's margins (so no word is cut while the page allows it), then a
share of the rest of a line (`PAGE`) in proportion to its longest cell. GitHub, GitLab and
markdown-it ignore the number of dashes, so only pandoc sees a difference.

The same pass puts back the pipes that user text had outside tables: the filters escape `|` so that
a table never breaks, but in a heading, a list item or a paragraph on its own a pipe is no markup
and `\\|` only shows in the plain text (a line surrounded by blank lines, a heading or a list item
can never become part of a table, which needs a header row and a delimiter row in one block).
"""

from __future__ import annotations

import re

# Characters of a table's line, for dividing it: what a table row of pandoc's Word page holds in
# its 12-point body font, Cyrillic included (measured: pandoc's tables are 7,920 twips, 5.5 inches,
# about 0.1 inch a letter in LibreOffice's PDF of the docx). A table whose Markdown rows fit
# pandoc's --columns (72) is sized by pandoc itself (no relative widths: Word fits it to its content).
PAGE = 56
COLUMNS = 72
CELL_PADDING = 3  # characters a cell's margins take, with a letter to spare for wide ones
MEASURED_ROWS = 400  # a larger group of tables is measured on its longest rows (the header, and these)
_MIN_DASHES = 3

_DELIMITER = re.compile(r"\|(?: *:?-+:? *\|)+")
_CELL = re.compile(r"((?:[^|\\]|\\.)*)\|")  # a cell up to its closing pipe; `\|` stays inside
_ESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\\\|")  # a backslash escaping a pipe, not itself escaped
# What a reader does not see of a cell: escapes (the character stays), bold and italics markers, a
# link's address when it has a text (`[text](<address>)`: the text stays), an autolink's brackets.
_MARKUP = re.compile(r"\\(.)|\*\*|\*|\]\(<[^>\n]*>\)|\[|<(https?://[^>\n]*)>")
_SAFE_ALONE = re.compile(r"(#{1,6} |[-*+] |\d+[.)] )")


def size_tables(markdown: str) -> str:
    """`markdown` with each table's delimiter row sized by its content, and `\\|` unescaped outside tables.

    Tables with the same header and alignment share their widths, measured over all their rows: the
    weeks of a calendar line up from page to page (and a year's plan is measured in one pass).
    """
    if "|" not in markdown:
        return markdown
    lines = markdown.split("\n")
    count = len(lines)
    groups: dict[tuple[str, str], tuple[list[int], list[str]]] = {}
    i = 0
    while i < count:
        line = lines[i]
        if line.startswith("|") and i + 1 < count and _DELIMITER.fullmatch(lines[i + 1]):
            end = i + 2
            while end < count and lines[end].startswith("|"):
                end += 1
            where, rows = groups.setdefault((line, lines[i + 1]), ([], [line]))
            where.append(i + 1)
            rows += lines[i + 2 : end]
            i = end
            continue
        if "\\|" in line and _alone(lines, i):
            lines[i] = _ESCAPED_PIPE.sub(r"\1|", line)
        i += 1
    for (_, delimiter), (where, rows) in groups.items():
        # Tables whose rows all fit a line pandoc sizes to their content, ignoring the dashes.
        if max(map(len, rows)) > COLUMNS:
            if len(rows) > MEASURED_ROWS:  # a year's calendar: its longest rows hold its widest cells
                rows = [rows[0], *sorted(rows[1:], key=len)[-MEASURED_ROWS:]]
            sized = _delimiter(delimiter, rows)
            for n in where:
                lines[n] = sized
    return "\n".join(lines)


def _alone(lines: list[str], i: int) -> bool:
    """True when line `i` can never join a table: a heading, a list item, or a line between blank lines."""
    line = lines[i]
    if _SAFE_ALONE.match(line):
        return True
    before = lines[i - 1] if i else ""
    after = lines[i + 1] if i + 1 < len(lines) else ""
    return not before.strip() and not after.strip()


def cells(row: str) -> list[str]:
    """The cells of a table row written `| a | b |`, as written (escapes kept), stripped."""
    return [c.strip() for c in _CELL.findall(row[1:] if row.startswith("|") else row)]


def _columns(rows: list[str], columns: int) -> list[list[str]]:
    """Each column's cells, for measuring. An escaped backslash and an escaped pipe, one character
    each as the reader sees them, become placeholders first, so that a split finds the cells; a
    table written `| a | b |` row after row is cut into columns by slicing one split of the whole
    block (a calendar has thousands of rows), any other shape row by row."""
    block = "\n".join(rows)
    if "\\" in block:
        block = block.replace("\\\\", "\0").replace("\\|", "\1")
    flat = block.split("|")
    step = columns + 1
    if len(flat) == len(rows) * step + 1 and set(flat[::step]) <= {"", "\n"}:
        return [flat[n::step] for n in range(1, step)]
    split = [row[1:].rstrip().removesuffix("|").split("|") for row in block.split("\n")]
    return [[r[n] for r in split if n < len(r)] for n in range(columns)]


def _delimiter(delimiter: str, rows: list[str]) -> str:
    aligns = cells(delimiter)
    columns = len(aligns)
    longest = [0] * columns  # the longest cell of each column, as a reader sees it
    word = [0] * columns  # its longest word
    # A calendar repeats its cells (days, channels, pillars, statuses): each text is measured once,
    # and a column's texts all at once.
    for n, texts in enumerate(_columns(rows, columns)):
        visible = _visible("\n".join({t.strip() for t in set(texts)}))
        longest[n] = max(map(len, visible.split("\n")))
        word[n] = max(map(len, visible.replace("\n", " ").split(" ")))  # the fastest way, measured
    widths = _widths(longest, word)
    out = []
    for align, width in zip(aligns, widths, strict=True):
        left, right = align.startswith(":"), align.endswith(":")
        dashes = "-" * max(_MIN_DASHES, width - left - right)
        out.append(f"{':' if left else ''}{dashes}{':' if right else ''}")
    return "| " + " | ".join(out) + " |"


def _visible(text: str) -> str:
    """A cell's text as rendered: escapes, bold and italics markers and link brackets left out."""
    if "\\" not in text and "*" not in text and "<" not in text and "[" not in text:
        return text
    return _MARKUP.sub(lambda m: m.group(1) or m.group(2) or "", text)


def _widths(longest: list[int], word: list[int]) -> list[int]:
    """Characters of a PAGE-wide line for each column: its longest word, then the rest by content.

    Each column counts CELL_PADDING characters more than its text: Word and LibreOffice keep a margin
    on both sides of a cell, and without it "February" broke into "Februa ry" (seen in the PDF).
    """
    floor = [max(_MIN_DASHES, w + CELL_PADDING) for w in word]
    wanted = [max(f, n + CELL_PADDING) for f, n in zip(floor, longest, strict=True)]
    if sum(wanted) <= PAGE:
        return wanted
    spare = PAGE - sum(floor)
    if spare <= 0:
        return _squeezed(floor, longest, word)
    extra = [w - f for w, f in zip(wanted, floor, strict=True)]
    whole = sum(extra)
    return [f + round(spare * e / whole) for f, e in zip(floor, extra, strict=True)]


def _squeezed(floor: list[int], longest: list[int], word: list[int]) -> list[int]:
    """Floors that do not fit the page: the columns of running text (a cell twice its longest word),
    which wrap between words anyway, give up to a quarter of their width first (never their longest
    word), the widest first, so that the columns of single words (a date, a channel, a status) keep
    theirs. What still does not fit, pandoc shares out by these proportions."""
    widths = list(floor)
    over = sum(widths) - PAGE
    wrapping = sorted((i for i in range(len(widths)) if longest[i] >= 2 * word[i]), key=lambda i: -widths[i])
    for i in wrapping:
        if over <= 0:
            break
        cut = max(0, min(over, widths[i] - max(_MIN_DASHES, word[i] + 1, widths[i] * 3 // 4)))
        widths[i] -= cut
        over -= cut
    return widths
