"""What people type into the forms: every way of writing a date, a time or a number that is read, and what is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.parsing import (
    MESSAGES,
    NUMBER_CHARACTERS,
    InputError,
    parse_date,
    parse_number,
    parse_time,
    parse_whole_number,
)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("2026-12-1", dt.date(2026, 12, 1)),
        ("  2026-12-01 ", dt.date(2026, 12, 1)),
        ("31.05.2027", dt.date(2027, 5, 31)),
        ("1.6.2027", dt.date(2027, 6, 1)),
        ("31.05.27", dt.date(2027, 5, 31)),  # a two-digit year is this century's
        ("31/05/2027", dt.date(2027, 5, 31)),
        ("05/06/2027", dt.date(2027, 6, 5)),  # day first, as with dots
        ("31-05-2027", dt.date(2027, 5, 31)),
        ("29.02.2028", dt.date(2028, 2, 29)),
    ],
)
def test_dates_are_read_iso_or_day_first(typed: str, day: dt.date) -> None:
    assert parse_date(typed) == day


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("1 March", "date"),
        ("2027/05/31", "date"),
        ("20270531", "date"),
        ("", "date"),
        ("31.02.2027", "date-no-such-day"),
        ("2027-13-01", "date-no-such-day"),
        ("05/31/2027", "date-us-order"),  # the month first is never guessed
    ],
)
def test_dates_that_are_refused_say_why(typed: str, key: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_date(typed)
    assert refused.value.key == key


def test_a_refused_date_shows_both_ways_to_write_it() -> None:
    with pytest.raises(ValueError, match=r"YYYY-MM-DD, e\.g\. 2026-12-01, or day first, e\.g\. 01\.12\.2026"):
        parse_date("1 March")
    with pytest.raises(ValueError, match=r"write it day first, 31/05/2027, or as 2027-05-31"):
        parse_date("05/31/2027")


@pytest.mark.parametrize(
    ("typed", "time"),
    [
        ("9:00", "09:00"),
        ("09:00", "09:00"),
        ("9.30", "09:30"),
        ("23:59", "23:59"),
        ("9", "09:00"),
        (" 0:05 ", "00:05"),
    ],
)
def test_times_are_written_hh_mm(typed: str, time: str) -> None:
    assert parse_time(typed) == time


@pytest.mark.parametrize("typed", ["24:00", "9:60", "9:5", "nine", "9:00 am", "0930", ""])
def test_times_that_are_refused(typed: str) -> None:
    with pytest.raises(InputError, match="is not a time like 10:00"):
        parse_time(typed)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("40", 40),
        ("2,5", 2.5),
        ("2.5", 2.5),
        ("1 200", 1200),
        ("1\u00a0200", 1200),  # a no-break space, as Russian documents print thousands
        ("1\u202f200", 1200),  # a narrow no-break space
        ("12 400,5", 12400.5),
        ("12\u00a0400,5", 12400.5),
        ("1,200.5", 1200.5),
        ("1.200,5", 1200.5),
        ("1,200,000", 1200000),
        ("150_000", 150000),
        ("-3", -3),
        ("−3,5", -3.5),  # the typographic minus
        ("2,0", 2.0),
    ],
)
def test_numbers_take_either_decimal_mark_and_grouped_thousands(typed: str, number: float) -> None:
    read = parse_number(typed)
    assert read == number and type(read) is type(number)


@pytest.mark.parametrize(
    "typed", ["", "abc", "2,5,1", "1,20,000", "1.2.3,4", ".5", "5.", "2,5%", "1 2,3.4,5"]
)
def test_numbers_that_are_refused(typed: str) -> None:
    with pytest.raises(InputError, match="is not a number"):
        parse_number(typed)


def test_a_comma_before_three_digits_is_ambiguous_in_a_decimal_field() -> None:
    # 2,500 is 2500 in English and 2.5 in Russian: a budget must not be misread by a thousand times.
    with pytest.raises(InputError, match=r"'2,500' could be 2500 or 2,5: write 2500 or 2\.5"):
        parse_number("2,500")


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1200", 1200),
        ("1 200", 1200),
        ("1\u00a0200", 1200),
        ("1,200", 1200),
        ("12 400 000", 12400000),
        ("0", 0),
    ],
)
def test_whole_numbers(typed: str, number: int) -> None:
    assert parse_whole_number(typed) == number


@pytest.mark.parametrize("typed", ["2,5", "2.5", "1.200", "many", ""])
def test_whole_numbers_refuse_a_fraction(typed: str) -> None:
    with pytest.raises(InputError, match="is not a whole number"):
        parse_whole_number(typed)


def test_every_refusal_is_worded_in_one_place() -> None:
    # The Russian interface translates by key: each message is in MESSAGES, none is built elsewhere.
    for typed, parse in (
        ("x", parse_date),
        ("x", parse_time),
        ("x", parse_number),
        ("x", parse_whole_number),
    ):
        with pytest.raises(InputError) as refused:
            parse(typed)
        assert refused.value.key in MESSAGES
        assert str(refused.value) == MESSAGES[refused.value.key].format(text="x", **refused.value.details)


def test_a_number_field_lets_every_accepted_character_be_typed() -> None:
    import re

    for typed in ("12\u00a0400,5", "1,200.5", "−3", "150_000", "1'200"):
        assert re.fullmatch(NUMBER_CHARACTERS, typed)
