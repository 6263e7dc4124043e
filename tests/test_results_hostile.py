"""Hostile and broken statistics files (issue 12): every one gets one clear message and exit 1, never a traceback,
and a fuzz test of the reader over mutated valid files of every kind."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from planner.cli import app
from planner.errors import PlannerError
from planner.results import merge_results, reader
from planner.storage import parse
from tests.test_results_sources import FACEBOOK, INSTAGRAM, RUSSIAN_INSTAGRAM, STRATEGY, X_CONTENT, X_LEGACY
from tests.xlsx import workbook

OURS = "Дата;Канал;Время;Охват;Лайки;Комментарии;Репосты;Переходы\n03.12.2026;ig-main;08:00;1 200;64;7;9;21\n"
LINKEDIN = workbook(
    {
        "All posts": [
            ["All posts"],
            [
                "Post title",
                "Post link",
                "Created date",
                "Impressions",
                "Likes",
                "Comments",
                "Reposts",
                "Clicks",
            ],
            ["Hi", "https://www.linkedin.com/feed/update/urn:li:activity:1", "12/03/2026", 900, 20, 2, 3, 9],
        ]
    }
)


def strategy():
    loaded = parse(STRATEGY, "cafe.toml")
    assert loaded.strategy is not None
    return loaded.strategy


def refused(tmp_path: Path, data: bytes | str, name: str = "stats.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    with pytest.raises(PlannerError) as e:
        merge_results(strategy(), path)
    return e.value.message


def ours(cell: str, column: str = "Охват") -> str:
    return f"Дата;Канал;{column}\n03.12.2026;ig-main;{cell}\n"


# --- cells and numbers ------------------------------------------------------------------------------------


def test_a_text_cell_longer_than_the_csv_modules_default_limit_is_read(tmp_path):
    caption = "Long caption. " * 10_000  # 140,000 characters: past csv's own 131,072
    path = tmp_path / "ig.csv"
    path.write_text(INSTAGRAM.replace("Saturday queue", caption), "utf-8")
    merged = merge_results(strategy(), path)
    assert [post_id for _, post_id in merged.applied] == ["ig-1", "ig-2"]


def test_a_cell_over_the_bound_is_refused_in_one_line(tmp_path):
    message = refused(tmp_path, ours("1" * (reader.MAX_CELL_CHARS + 10)))
    assert message.endswith("nothing was merged") or "longer than 1,048,576 characters" in message
    assert len(message) < 400


def test_an_unterminated_quote_is_named_with_its_line(tmp_path):
    message = refused(
        tmp_path, INSTAGRAM + '"17912345678900000","coffeelab.example","never closed\n' + "x," * 5000
    )
    assert message.endswith('line 6: a quoted cell is never closed (a " without its closing ")')


def test_a_bad_cell_of_100000_characters_is_quoted_back_cut(tmp_path):
    message = refused(tmp_path, ours("9x" * 50_000))
    assert "«Охват»: '9x9x9x" in message and "…' is not a whole number" in message
    assert max(len(line) for line in message.splitlines()) < 250


@pytest.mark.parametrize("digits", ["١٢٣", "１２３", "𝟙𝟚", "۱۲۳", "1٢3"])
def test_unicode_digits_are_not_numbers(tmp_path, digits):
    assert "write it with the digits 0-9" in refused(tmp_path, ours(digits))


@pytest.mark.parametrize(("cell", "why"), [
    ("1000000000001", "is more than 10^12"),
    ("1 000 000 000 000 000", "is more than 10^12"),
    ("9" * 5000, "is not a whole number (it has 5,000 characters)"),
    ("1_000", "is not a whole number"),
    ("1,2,3", "is not a whole number"),
    ("12.5", "is not a whole number"),
    ("−7", "is negative"),
])  # fmt: skip
def test_numbers_are_whole_bounded_ascii_counts(tmp_path, cell, why):
    assert why in refused(tmp_path, ours(cell))


@pytest.mark.parametrize(
    "when", ["12/31/9999 23:59", "01/01/0001 00:00", "02/30/2026 10:00", "12/03/2026 25:00"]
)
def test_dates_at_the_ends_of_the_calendar_or_not_in_it_are_refused(tmp_path, when):
    message = refused(tmp_path, INSTAGRAM.replace("12/03/2026 08:07", when))
    assert f"'{when}' is not a date as this export writes it, such as 12/05/2026 08:03" in message


def test_group_separators_and_no_data_dashes_are_read(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Дата;Канал;Охват;Лайки;Репосты\n03.12.2026;ig-main;1\u00a0200 300;—;12.000\n", "utf-8")
    results = merge_results(strategy(), path).strategy.posts[0].results
    assert (results.reach, results.likes, results.shares) == (1_200_300, 0, 12_000)


# --- files that are not what they seem ------------------------------------------------------------------


@pytest.mark.parametrize(("data", "why"), [
    (b"", "the file is empty"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "an old Excel .xls workbook; save it as .xlsx or CSV"),
    (b"PK\x03\x04" + b"\x00" * 100, "starts like an .xlsx workbook but is not a readable one"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "holds binary data"),
    ("Дата;Канал;Охват\n".encode("utf-16-le") + b"\x00\xd8", "looks like UTF-16 text but does not decode"),
])  # fmt: skip
def test_files_that_are_not_statistics_say_what_they_are(tmp_path, data, why):
    assert why in refused(tmp_path, data)


def test_a_workbook_that_unpacks_to_too_much_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_XLSX_UNPACKED", 10_000)
    assert "the workbook unpacks to" in refused(
        tmp_path, workbook({"All posts": [["x" * 20_000]]}), "li.xlsx"
    )


def test_a_workbook_without_a_known_header_lists_the_kinds(tmp_path):
    pytest.importorskip("python_calamine")
    assert "the kinds of file read:" in refused(
        tmp_path, workbook({"Sheet1": [["Name", "Total"]]}), "li.xlsx"
    )


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 1000)
    assert "a platform's statistics export is a few MB at most" in refused(tmp_path, INSTAGRAM * 10)


def test_too_many_rows_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    assert "more than 3 rows; split the export by period" in refused(tmp_path, INSTAGRAM)


@pytest.mark.parametrize("data", [ours("١٢٣"), INSTAGRAM + '"x,"open', b"\xff\xfe\x00\x00\x00\xd8\x00\x00"])
def test_cli_exits_1_with_one_message_and_no_traceback(tmp_path, data):
    plan = tmp_path / "cafe.toml"
    plan.write_text(STRATEGY, "utf-8")
    stats = tmp_path / "stats.csv"
    stats.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    result = CliRunner().invoke(app, ["results", str(plan), str(stats)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert (
        len(result.output.strip().splitlines()) <= 2
    )  # the problem, and "nothing was merged" after a cell's
    assert plan.read_text("utf-8") == STRATEGY


# --- fuzzing --------------------------------------------------------------------------------------------

VALID = {
    "instagram": INSTAGRAM.encode("utf-8-sig"),
    "instagram-ru": RUSSIAN_INSTAGRAM.encode("cp1251"),
    "facebook": FACEBOOK.encode("utf-8"),
    "x-content": X_CONTENT.encode("utf-16"),
    "x-legacy": X_LEGACY.encode("utf-8"),
    "ours": OURS.encode("cp1251"),
    "linkedin": LINKEDIN,
}
SPICE = [b'"', b",", b";", b"\t", b"\n", b"\r", b"\x00", b"\xff\xfe", "١٢".encode(), b"9" * 40, b"-", b"PK\x03\x04",
         b"12/31/9999 23:59", b"Tue, Feb 30, 2026", b"+9999", "Охват".encode("cp1251")]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(VALID[draw(st.sampled_from(sorted(VALID)))])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "flip", "spice", "repeat", "cut"]))
        if op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "spice":
            data[at:at] = draw(st.sampled_from(SPICE))
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 60))] * draw(st.integers(2, 50))
        elif op == "cut":
            del data[at:]
    return bytes(data)


BASE = strategy()


def _only_planner_errors(data: bytes, options: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stats"
        path.write_bytes(data)
        try:
            merge_results(BASE, path, **options)
        except PlannerError as e:
            assert e.message and max(len(line) for line in e.message.splitlines()) < 800


OPTIONS = st.sampled_from([{}, {"add_unplanned": True}, {"channel": "ig-main"}, {"channel": "x-main"}])


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), OPTIONS)
def test_mutated_files_of_every_kind_give_results_or_a_planner_error(data, options):
    _only_planner_errors(data, options)


@pytest.mark.slow
@settings(max_examples=3000, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), OPTIONS)
def test_mutated_files_many_more(data, options):
    _only_planner_errors(data, options)


def test_the_fuzzer_starts_from_files_that_are_read():
    for name, data in VALID.items():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            assert merge_results(BASE, path).applied, name


def test_a_zip_that_is_no_workbook_is_one_message(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert "not a readable .xlsx workbook" in refused(tmp_path, out.getvalue(), "li.xlsx")
