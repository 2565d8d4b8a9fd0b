"""Dates in words (timeline.dates.display) and the periods behind them (timeline.dates.period)."""
from dataclasses import replace
from datetime import date, datetime

import pytest

from story_samples import granularities_story, seed_story
from timeline.dates.display import format_event_date
from timeline.model import Event, Timex
from timeline.dates.period import event_period, parse_value


def make(status="dated", value=None, granularity=None, earliest=None, latest=None, mod=None) -> Event:
    timex = Timex(0, 4, "text", "DATE", value, mod) if value else None
    return Event(id="e", headline="h", sentence="s", start=0, end=1, status=status, value=value,
                 granularity=granularity, earliest=earliest, latest=latest, timex=timex)


def by_key(story):
    return {item.key: item.event for item in story.events}


SEED_DISPLAY = {
    "grundakte": "1997",
    "office-closed": "November 2021",
    "handover": "Mittwoch, 26. Januar 2022, nachmittags",
    "sullivan": "Mittwoch, 26. Januar 2022",
    "press": "Mittwoch, 26. Januar 2022",
    "weeks": "laufend",
    "russian-reply": "Datum offen",
}


@pytest.mark.parametrize("key,expected", SEED_DISPLAY.items())
def test_seed_events_in_german(key, expected):
    assert format_event_date(by_key(seed_story())[key]) == expected


GRANULARITY_DISPLAY = {
    "mauer": "30. Juli 1965, 15:00 Uhr",
    "span": "zwischen dem 20. Dezember 2021 und dem 10. Januar 2022",
    "silvester": "KW 53/2020",
    "office": "Ende November 2021",
    "since": "seit November 2021",
    "quarter": "1. Quartal 2022",
    "week": "KW 4/2022",
    "night": "Mittwoch, 26. Januar 2022, nachts",
    "clock": "26. Januar 2022, 20:30 Uhr",
    "past": "früher (ohne genaue Zeitangabe)",
}


@pytest.mark.parametrize("key,expected", GRANULARITY_DISPLAY.items())
def test_every_granularity_in_german(key, expected):
    assert format_event_date(by_key(granularities_story())[key]) == expected


def test_iso_week_is_not_babels_week_for_bare_de():
    # Babel's `w` for locale "de" (no territory) would say week 5 for 24 January 2022.
    event = make(value="2022-W04", granularity="week")
    assert format_event_date(event) == "KW 4/2022"
    assert date(2022, 1, 24).isocalendar()[:2] == (2022, 4)
    assert event_period(event).first == date(2022, 1, 24)


def test_week_year_differs_from_calendar_year():
    period = event_period(make(value="2026-W01", granularity="week"))
    assert (period.first, period.last) == (date(2025, 12, 29), date(2026, 1, 4))
    assert format_event_date(make(value="2026-W01", granularity="week")) == "KW 1/2026"


def test_names_come_from_cldr_not_from_a_table():
    event = make(value="2022-01-26", granularity="day")
    assert format_event_date(event, locale="de_AT") == "Mittwoch, 26. Jänner 2022"
    assert format_event_date(event, locale="en") == "Wednesday, January 26, 2022"
    assert format_event_date(make(value="2022-Q3", granularity="quarter"), locale="en") == "3rd quarter 2022"


def test_granularity_claimed_by_the_event_wins_over_a_finer_value():
    assert format_event_date(make(value="2022-01-26", granularity="month")) == "Januar 2022"
    assert format_event_date(make(value="2022-01-26", granularity="year")) == "2022"
    # never finer than the value: a month stays a month
    assert format_event_date(make(value="2021-11", granularity="day")) == "November 2021"


def test_modifiers():
    assert format_event_date(make(value="2021-11", granularity="month", mod="START")) == "Anfang November 2021"
    assert format_event_date(make(value="1997", granularity="year", mod="APPROX")) == "etwa 1997"
    assert format_event_date(make(value="2022-01-26", granularity="day", mod="APPROX")) == "um den 26. Januar 2022"
    assert format_event_date(make(value="2022-01-26", granularity="day", mod="BEFORE")) == "vor dem 26. Januar 2022"
    # a duration modifier (LESS_THAN) says nothing about a date
    assert format_event_date(make(value="2021-11", granularity="month", mod="LESS_THAN")) == "November 2021"


def test_open_ongoing_and_vague_stay_honest():
    assert format_event_date(make(status="open", earliest="2022-01-27")) == "Datum offen"
    assert format_event_date(make(status="open", value="2022-02", granularity="month")) == "Datum offen"
    assert format_event_date(make(status="ongoing", value="PRESENT_REF")) == "laufend"
    assert format_event_date(make(status="ongoing", value="2022-01-26", granularity="day")) == \
        "seit Mittwoch, 26. Januar 2022"
    assert format_event_date(make(status="vague", value="FUTURE_REF")) == "künftig (ohne genaue Zeitangabe)"
    assert format_event_date(make(status="vague", latest="2022-01-27")) == "vor dem 27. Januar 2022"
    assert format_event_date(make(status="vague", earliest="2022-01-27")) == "nach dem 27. Januar 2022"
    assert format_event_date(make(status="vague", value="XXXX-11")) == "Zeitpunkt unbestimmt"
    assert format_event_date(make(status="vague", value="XXXX-11"), locale="en") == "time unknown"


def test_dated_event_without_a_shaped_value_uses_its_bounds():
    whole_month = make(value="2022-SU", earliest="2022-02-01", latest="2022-02-28")
    assert format_event_date(whole_month) == "Februar 2022"
    whole_quarter = make(value=None, earliest="2022-04-01", latest="2022-06-30")
    assert format_event_date(whole_quarter) == "2. Quartal 2022"
    one_day = make(value=None, earliest="2022-01-26T00:00:00", latest="2022-01-26T23:59:59")
    assert format_event_date(one_day) == "Mittwoch, 26. Januar 2022"


def test_impossible_values_are_not_dates():
    assert event_period(make(value="2022-13")) is None
    assert event_period(make(value="2022-02-30")) is None
    assert event_period(make(value="2022-W60")) is None
    assert format_event_date(make(value="2022-02-30")) == "Zeitpunkt unbestimmt"


def test_periods_cover_exactly_their_days():
    assert (parse_value("2024-02").first, parse_value("2024-02").last) == (date(2024, 2, 1), date(2024, 2, 29))
    assert parse_value("2021-12").last == date(2021, 12, 31)
    quarter = parse_value("2022-Q4")
    assert (quarter.first, quarter.last) == (date(2022, 10, 1), date(2022, 12, 31))
    night = parse_value("2022-01-26TNI")
    assert night.local_start() == datetime(2022, 1, 26, 22)
    assert night.local_end() == datetime(2022, 1, 27, 6)
    clock = parse_value("2022-01-26T20:30")
    assert clock.local_start() == datetime(2022, 1, 26, 20, 30) and clock.local_end() is None


def test_modifier_only_from_the_events_own_timex():
    event = make(value="2021-11", granularity="month", mod="END")
    borrowed = replace(event, timex=replace(event.timex, value="2022-01-26"))
    assert format_event_date(borrowed) == "November 2021"
