"""The shared reader: a statistics file (CSV in any encoding a platform or Excel writes, or XLSX) as rows of text.

What it accepts, and the bounds that keep a hostile or wrong file from hanging or flooding us:

- The kind of file is told by its bytes, never its name: `PK\\x03\\x04` is an XLSX workbook,
  `\\xd0\\xcf\\x11\\xe0` an old Excel .xls (refused with what to do), anything else is text.
- Text encodings: UTF-8 with or without a BOM; UTF-16 and UTF-32 (little or big endian) with a
  BOM, or without one when the NUL bytes show it (Excel's "Unicode text" is UTF-16); else
  Windows-1251, which Russian Excel writes for CSV. Text with NUL characters left is not a CSV.
- Cells may hold up to MAX_CELL_CHARS characters (a Facebook post is at most 63,206; the csv
  module's own limit of 131,072 is raised to this), a file MAX_FILE_BYTES, a sheet MAX_ROWS
  rows of MAX_COLUMNS cells. A quoted cell that is never closed is an error, not a cell that
  swallows the rest of the file.
- XLSX is read with python-calamine (the optional extra `smm-planner[xlsx]`), after checking
  that the archive does not unpack to more than MAX_XLSX_UNPACKED bytes (a "zip bomb").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from planner.errors import PlannerError
from planner.results.cells import quote

MAX_FILE_BYTES = 50 * 2**20  # a year of a busy account's posts is a few megabytes
MAX_XLSX_UNPACKED = 200 * 2**20
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELL_CHARS = 2**20
DELIMITERS = (",", ";", "\t")

# The csv module's limit is process-wide; this only ever raises it, and only to our own bound.
csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_CHARS))

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


@dataclass(frozen=True)
class Line:
    """One row of the file: where it starts (1-based line or sheet row) and its cells as text."""

    number: int
    cells: list[str]


@dataclass
class RawFile:
    """A file's contents before its kind is known: the text of a CSV, or a workbook's sheets."""

    path: Path
    text: str = ""
    encoding: str = ""
    sheets: dict[str, list[Line]] | None = None  # XLSX: sheet name -> rows

    def rows(self, delimiter: str = ",", sheet: str = "") -> Iterator[Line]:
        if self.sheets is not None:
            return iter(self.sheets.get(sheet) or next(iter(self.sheets.values()), []))
        return csv_lines(self.path, self.text, delimiter)


def read_raw(path: Path) -> RawFile:
    """The file's text or sheets; PlannerError for a file that is neither, too big, or unreadable."""
    with path.open("rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise PlannerError(
            f"{path}: over {MAX_FILE_BYTES // 2**20} MB; a platform's statistics export is a few MB at most"
        )
    if not data.strip():
        raise PlannerError(f"{path}: the file is empty")
    if data.startswith(b"PK\x03\x04"):
        return RawFile(path, sheets=_xlsx_sheets(path, data), encoding="xlsx")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlannerError(
            f"{path}: an old Excel .xls workbook; save it as .xlsx or CSV and run results again"
        )
    text, encoding = _decode(path, data)
    return RawFile(path, text=text, encoding=encoding)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    encoding, name = _encoding(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise PlannerError(f"{path}: looks like {name} text but does not decode as {name}") from None
        text = text.removeprefix("\ufeff")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1251"), "cp1251"
            except UnicodeDecodeError:
                raise PlannerError(
                    f"{path}: not a text file in UTF-8, UTF-16, UTF-32 or Windows-1251, nor an .xlsx workbook"
                ) from None
    if "\x00" in text:
        raise PlannerError(f"{path}: holds binary data (NUL characters), not a CSV or .xlsx statistics file")
    return text, encoding


def _encoding(data: bytes) -> tuple[str, str]:
    """The encoding a BOM or the pattern of NUL bytes shows ("" when neither does)."""
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            return encoding, name
    head = data[:4000]
    head = head[: len(head) // 4 * 4]
    if head:
        # In UTF-32 the top byte of every character is NUL and the next at most 0x10 (U+10FFFF is the
        # last character); where they fall tells the byte order.
        if not any(head[3::4]) and max(head[2::4]) <= 0x10:
            return "utf-32-le", "UTF-32"
        if not any(head[0::4]) and max(head[1::4]) <= 0x10:
            return "utf-32-be", "UTF-32"
    # UTF-16: every other byte is the high half of a character, which for Latin and Cyrillic
    # text (with its ASCII delimiters and newlines) is 0x00 or 0x04 but for the odd emoji.
    for start, encoding in ((1, "utf-16-le"), (0, "utf-16-be")):
        highs = head[start::2]
        if len(highs) >= 2 and 0 in highs and sum(b in (0, 4) for b in highs) >= 0.75 * len(highs):
            return encoding, "UTF-16"
    return "", ""


def csv_lines(path: Path, text: str, delimiter: str) -> Iterator[Line]:
    """The CSV's rows with the line each starts on; PlannerError for an unclosed quote or too many rows."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    rows = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise PlannerError(f"{path}: line {start}: {_csv_problem(str(e))}") from None
        line, start = start, reader.line_num + 1  # a quoted cell may span lines: report where its row starts
        rows += 1
        if rows > MAX_ROWS:
            raise PlannerError(f"{path}: more than {MAX_ROWS:,} rows; split the export by period")
        if len(cells) > MAX_COLUMNS:
            raise PlannerError(f"{path}: line {line}: {len(cells):,} cells; a statistics row has far fewer")
        yield Line(line, cells)


def _csv_problem(message: str) -> str:
    if "field larger than field limit" in message:
        return f"a cell longer than {MAX_CELL_CHARS:,} characters; this is not a statistics export"
    if "unexpected end of data" in message or "EOF" in message:
        return 'a quoted cell is never closed (a " without its closing ")'
    if "expected after" in message:
        return 'text right after a closing quote; a quote inside a quoted cell is written twice ("")'
    return f"not readable as CSV ({quote(message)})"


# --- XLSX ---------------------------------------------------------------------------------------


def _xlsx_sheets(path: Path, data: bytes) -> dict[str, list[Line]]:
    try:
        from python_calamine import CalamineError, CalamineWorkbook
    except ImportError:
        raise PlannerError(
            f"{path}: an .xlsx workbook; reading it needs the xlsx extra: pip install 'smm-planner[xlsx]' "
            "(or save the sheet as CSV)"
        ) from None
    _check_archive(path, data)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets: dict[str, list[Line]] = {}
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            if sheet.total_height > MAX_ROWS or sheet.total_width > MAX_COLUMNS:
                raise PlannerError(
                    f"{path}: sheet {quote(name)} has {sheet.total_height:,} rows of {sheet.total_width:,} "
                    f"cells; at most {MAX_ROWS:,} rows of {MAX_COLUMNS:,} are read"
                )
            rows = sheet.to_python(skip_empty_area=False)
            sheets[name] = [Line(i + 1, [_cell_text(v) for v in row]) for i, row in enumerate(rows)]
    except PlannerError:
        raise
    except (CalamineError, ValueError, OverflowError, TypeError, OSError) as e:
        raise PlannerError(f"{path}: not a readable .xlsx workbook ({quote(str(e))})") from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # pyo3's PanicException, which a damaged archive may raise, is no Exception
        raise PlannerError(f"{path}: not a readable .xlsx workbook ({quote(type(e).__name__)})") from None
    for name, lines in sheets.items():
        for line in lines:
            if any(len(c) > MAX_CELL_CHARS for c in line.cells):
                raise PlannerError(
                    f"{path}: sheet {quote(name)}, row {line.number}: a cell longer than {MAX_CELL_CHARS:,} characters"
                )
    return sheets


def _check_archive(path: Path, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise PlannerError(f"{path}: starts like an .xlsx workbook but is not a readable one") from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise PlannerError(
            f"{path}: the workbook unpacks to {unpacked // 2**20:,} MB; an analytics export is far smaller"
        )


def _cell_text(value: object) -> str:
    """A workbook cell as the text a CSV would have: whole numbers without ".0", dates in ISO form."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
