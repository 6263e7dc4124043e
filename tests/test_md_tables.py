"""planner.md_tables: delimiter rows sized by what each column holds, pipes unescaped outside tables."""

from __future__ import annotations

from planner.md_tables import CELL_PADDING, PAGE, cells, size_tables


def dashes(delimiter: str) -> list[int]:
    return [len(c.strip(":")) for c in cells(delimiter)]


def test_a_wide_column_gets_more_dashes_than_a_narrow_one_and_keeps_its_alignment() -> None:
    text = (
        "| Date | Topic | Reach |\n"
        "| --- | --- | ---: |\n"
        "| Dec 1 | Steaming milk for a flat white without a café machine, explained in three short videos | 1,200 |\n"
    )
    header, delimiter, row = size_tables(text).splitlines()
    assert delimiter.endswith(": |") and cells(delimiter)[2].endswith(":")
    date, topic, reach = dashes(delimiter)
    assert topic > 4 * date and topic > 4 * reach
    assert sum(dashes(delimiter)) <= PAGE + 6  # a page's width, give or take the colons and minimums
    assert (header, row) == tuple(text.splitlines()[::2])  # only the delimiter row changes


def test_no_column_is_narrower_than_its_longest_word() -> None:
    text = "| Channel | Notes |\n| --- | --- |\n| LinkedIn | " + "word " * 40 + "|\n"
    channel, notes = dashes(size_tables(text).splitlines()[1])
    assert channel >= len("LinkedIn") + CELL_PADDING and notes > channel


def test_a_table_whose_rows_fit_a_line_is_left_as_written() -> None:
    """pandoc sizes such a table to its content and ignores the dashes: no work to do."""
    text = "| A | Bb |\n| --- | --- |\n| x | yyyyyy |\n"
    assert size_tables(text) == text


def test_escapes_and_markup_count_as_the_reader_sees_them() -> None:
    text = "| **Total** | a \\| b |\n| --- | --- |\n| x | <https://example.com/a/" + "b" * 60 + "> |\n"
    first, second = dashes(size_tables(text).splitlines()[1])
    # The text as seen, and the cell's margins (CELL_PADDING).
    assert (
        first == len("Total") + CELL_PADDING
        and second == len("https://example.com/a/" + "b" * 60) + CELL_PADDING
    )


def test_a_pipe_of_user_text_is_unescaped_only_where_no_table_can_form() -> None:
    text = (
        "### Совушка \\| игры\n\n"
        "- **Channel:** Совушка \\| игры, a literal \\\\| stays escaped\n\n"
        "A paragraph \\| alone.\n"
        "Next line \\| of the same paragraph.\n\n"
        "| Channel |\n| --- |\n| Совушка \\| игры |\n"
    )
    lines = size_tables(text).splitlines()
    assert lines[0] == "### Совушка | игры"
    assert lines[2] == "- **Channel:** Совушка | игры, a literal \\\\| stays escaped"
    # Two lines of one paragraph could be a header row and a delimiter row: left as they are.
    assert lines[4:6] == ["A paragraph \\| alone.", "Next line \\| of the same paragraph."]
    assert lines[-1] == "| Совушка \\| игры |"


def test_a_document_without_tables_is_returned_as_it_is() -> None:
    assert size_tables("# Title\n\nText.\n") == "# Title\n\nText.\n"
