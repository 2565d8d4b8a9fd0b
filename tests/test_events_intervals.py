"""TimeML value -> earliest, latest, granularity (timeline.dates.intervals)."""
from datetime import date

import pytest

from timeline.dates.intervals import Interval, coarsen_to_day, day_value, interval, span_back_from
from timeline.dates.vocabulary import granularity_rank

PUBLISHED = date(2022, 1, 27)


@pytest.mark.parametrize("value, earliest, latest, granularity", [
    ("1997", "1997-01-01", "1997-12-31", "year"),
    ("2021-11", "2021-11-01", "2021-11-30", "month"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),           # leap year
    ("2023-02", "2023-02-01", "2023-02-28", "month"),
    ("2022-01-26", "2022-01-26", "2022-01-26", "day"),
    ("2022-01-26TAF", "2022-01-26T12:00", "2022-01-26T18:00", "part-of-day"),
    ("2022-01-26TMO", "2022-01-26T06:00", "2022-01-26T12:00", "part-of-day"),
    ("2022-01-26TEV", "2022-01-26T18:00", "2022-01-26T22:00", "part-of-day"),
    ("2022-01-26TNI", "2022-01-26T22:00", "2022-01-27T06:00", "part-of-day"),  # into the next day
    ("2022-01-26T14:30", "2022-01-26T14:30", "2022-01-26T14:30", "time"),
    ("2010-02-25T20.30", "2010-02-25T20:30", "2010-02-25T20:30", "time"),      # KRAUTS writes 20.30
    ("2022-01-26T09", "2022-01-26T09:00", "2022-01-26T09:00", "time"),
    ("2022-W04", "2022-01-24", "2022-01-30", "week"),
    ("2021-W01", "2021-01-04", "2021-01-10", "week"),
    ("2022-W04-WE", "2022-01-29", "2022-01-30", "week"),
    ("2022-Q1", "2022-01-01", "2022-03-31", "quarter"),
    ("2022-Q4", "2022-10-01", "2022-12-31", "quarter"),
    ("2022-H2", "2022-07-01", "2022-12-31", "quarter"),
    ("2022-SU", "2022-06-01", "2022-08-31", "quarter"),
    ("2021-WI", "2021-12-01", "2022-02-28", "quarter"),         # winter runs into the next year
    ("199", "1990-01-01", "1999-12-31", "year"),                # a decade
    ("19", "1900-01-01", "1999-12-31", "year"),                 # a century
])
def test_calendar_values(value, earliest, latest, granularity):
    assert interval(value) == Interval(earliest, latest, granularity)


@pytest.mark.parametrize("value, granularity", [
    ("XXXX-11", "month"), ("XXXX-XX-05", "day"), ("XXXX", "year"), ("2022-XX", "month"),
])
def test_values_with_unknown_digits_have_a_granularity_but_no_interval(value, granularity):
    assert interval(value) == Interval(None, None, granularity)


@pytest.mark.parametrize("value", ["P3D", "PXW", "PT30M", "P1.5M", "XXXX-WXX-1", "", None, "nonsense", "2022-02-30", "2022-13"])
def test_durations_sets_and_garbage_have_no_interval(value):
    assert interval(value).earliest is None and interval(value).latest is None


def test_reference_values_need_the_publication_date():
    assert interval("PRESENT_REF", PUBLISHED) == Interval("2022-01-27", "2022-01-27", None)
    assert interval("PAST_REF", PUBLISHED) == Interval(None, "2022-01-27", None)
    assert interval("FUTURE_REF", PUBLISHED) == Interval("2022-01-27", None, None)
    assert not interval("PRESENT_REF").known


@pytest.mark.parametrize("mod, earliest, latest", [
    ("BEFORE", None, "2022-03-01"),
    ("ON_OR_BEFORE", None, "2022-03-31"),
    ("AFTER", "2022-03-31", None),
    ("ON_OR_AFTER", "2022-03-01", None),
    ("START", "2022-03-01", "2022-03-11"),
    ("MID", "2022-03-11", "2022-03-21"),
    ("END", "2022-03-21", "2022-03-31"),
    ("APPROX", "2022-03-01", "2022-03-31"),
])
def test_mods_narrow_or_open_the_interval(mod, earliest, latest):
    span = interval("2022-03", mod=mod)
    assert (span.earliest, span.latest, span.granularity) == (earliest, latest, "month")


def test_granularity_rank_orders_coarse_before_fine_and_unknown_last():
    ranks = [granularity_rank(g) for g in ("year", "quarter", "month", "week", "day", "part-of-day", "time", None)]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


def test_coarsen_to_day_widens_parts_of_days_and_times_only():
    assert coarsen_to_day(interval("2022-01-26TAF")) == Interval("2022-01-26", "2022-01-26", "day")
    assert coarsen_to_day(interval("2022-01-26T14:30")) == Interval("2022-01-26", "2022-01-26", "day")
    assert coarsen_to_day(interval("2021-11")) == interval("2021-11")
    assert day_value("2022-01-26TAF") == "2022-01-26" and day_value("2021-11") == "2021-11"


@pytest.mark.parametrize("duration, earliest, granularity", [
    ("P3W", "2022-01-06", "week"),
    ("P2D", "2022-01-25", "day"),
    ("P1Y", "2021-01-27", "year"),
    ("PXW", None, "week"),
    ("PXY", None, "year"),
])
def test_span_back_from_publication(duration, earliest, granularity):
    assert span_back_from(PUBLISHED, duration) == Interval(earliest, "2022-01-27", granularity)
