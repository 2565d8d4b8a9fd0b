"""Publication dates: what users type is read, what is not a date is refused clearly."""
from datetime import date, datetime

import pytest

from timeline.dates.published import NotADate, parse_published

DAY = date(2022, 1, 27)


@pytest.mark.parametrize("text", [
    "2022-01-27", " 2022-01-27 ", "2022-01-27T08:15:00+01:00", "2022-01-27 08:15",
    "27.01.2022", "27.1.2022", "27. Januar 2022", "27. Jänner 2022",
    "Donnerstag, 27. Januar 2022", "27 January 2022", "Jan 27, 2022",
])
def test_common_forms_name_the_same_day(text):
    assert parse_published(text) == DAY


def test_day_first_for_numeric_dates():
    assert parse_published("01.02.2022") == date(2022, 2, 1)


def test_dates_and_datetimes_pass_through():
    assert parse_published(DAY) == DAY
    assert parse_published(datetime(2022, 1, 27, 23, 59)) == DAY


@pytest.mark.parametrize("text", [
    "", "   ", "2022-13-45", "31.02.2022", "gestern", "yesterday", "heute", "Januar 2022",
    "2022", "die", "hello", "x" * 500, "0001-01-01", "\x00\x01",
])
def test_what_is_not_an_absolute_day_is_refused_with_a_message(text):
    with pytest.raises(NotADate) as error:
        parse_published(text)
    message = str(error.value)
    assert "\n" not in message and ("date" in message or "range" in message)


@pytest.mark.parametrize("value", [None, 20220127, ["2022-01-27"], {"d": 1}])
def test_non_text_is_refused(value):
    with pytest.raises(NotADate, match="not"):
        parse_published(value)
